import type {
  ContentLanguage,
  Cost,
  EntryKind,
  GermanLevel,
  Handlungsfeld,
  OfferLanguage,
  TargetGroup,
} from "./taxonomy";

// The shape of a demo entry, shared by the Aachen (demo.ts) and Köln (demo-koeln.ts) content.
type Texts = Partial<Record<ContentLanguage, [string, string]>>;
export interface DemoContent {
  kind?: EntryKind;
  org: string;
  t: Texts;
  hf: Handlungsfeld[];
  tg: TargetGroup[];
  langs: OfferLanguage[];
  gl: GermanLevel;
  cost: Cost;
  schedule?: string;
  place?: string;
  access?: string;
  costNote?: string;
  contact?: string;
  email?: string;
  phone?: string;
  members?: string;
  coordinator?: string;
  rhythm?: string;
  ageMonths?: number;
}
