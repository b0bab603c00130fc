import type { Role } from "~/kernel/roles";

/** `allLanguages`: this public area is translated into every public UI language (see kernel i18n). */
export interface NavEntry {
  to: string;
  labelKey: string;
  minRole?: Role;
  allLanguages?: boolean;
}
export interface ModuleNav {
  order?: number;
  public?: NavEntry[];
  staff?: NavEntry[];
}

// Each module may have nav.ts exporting `nav: ModuleNav`; paths are relative to /t/:slug or /t/:slug/verwaltung.
const files = import.meta.glob("/app/modules/*/nav.ts", { eager: true, import: "nav" }) as Record<string, ModuleNav>;
const navs = Object.values(files).sort((a, b) => (a.order ?? 50) - (b.order ?? 50));

export const publicNav = navs.flatMap((n) => n.public ?? []);
export const staffNav = navs.flatMap((n) => n.staff ?? []);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Pages shown in every public UI language: the start page, a tenant's page and the areas that say so. */
export const allLanguagePaths: readonly RegExp[] = [
  /^\/$/,
  /^\/t\/[^/]+\/?$/,
  ...publicNav.filter((n) => n.allLanguages).map((n) => new RegExp(`^/t/[^/]+/${escape(n.to)}(/|$)`)),
];
