import { CATEGORIES, type Category } from "../core/schema";

// Reading the case forms: an empty field is "not given" (undefined), never an empty string the
// document schemas would have to tell apart from a value.

export const given = (f: FormData, name: string): string | undefined => {
  const v = String(f.get(name) ?? "").trim();
  return v === "" ? undefined : v;
};

export const identityFrom = (f: FormData) => ({
  familyName: String(f.get("familyName") ?? ""),
  givenNames: String(f.get("givenNames") ?? ""),
  nativeName: given(f, "nativeName"),
  birthDate: String(f.get("birthDate") ?? ""),
  nationality: given(f, "nationality")?.toUpperCase(),
  gender: given(f, "gender"),
  phone: given(f, "phone"),
  email: given(f, "email"),
  street: given(f, "street"),
  postcode: given(f, "postcode"),
  city: given(f, "city"),
  languageOfContact: given(f, "languageOfContact")?.toLowerCase(),
});

/** The categories ticked in a form (field `categories`), known ones only. */
export const categoriesFrom = (f: FormData): Category[] =>
  f
    .getAll("categories")
    .map(String)
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));

/** German URL segments of the categories. */
export const CATEGORY_SLUGS: Record<Category, string> = {
  identity: "identitaet",
  residence: "aufenthalt",
  education: "sprachen-bildung",
  competence: "kompetenzen",
  health: "gesundheit",
  family: "familie",
  plan: "foerderplan",
  notes: "notizen",
  attachments: "anlagen",
};
export const categoryOfSlug = (slug: string): Category | undefined =>
  (Object.entries(CATEGORY_SLUGS) as [Category, string][]).find(([, s]) => s === slug)?.[0];
