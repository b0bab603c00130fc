import type { Role } from "~/kernel/roles";

export interface NavEntry { to: string; labelKey: string; minRole?: Role }
export interface ModuleNav { order?: number; public?: NavEntry[]; staff?: NavEntry[] }

// Each module may have nav.ts exporting `nav: ModuleNav`; paths are relative to /t/:slug or /t/:slug/verwaltung.
const files = import.meta.glob("/app/modules/*/nav.ts", { eager: true, import: "nav" }) as Record<string, ModuleNav>;
const navs = Object.values(files).sort((a, b) => (a.order ?? 50) - (b.order ?? 50));

export const publicNav = navs.flatMap((n) => n.public ?? []);
export const staffNav = navs.flatMap((n) => n.staff ?? []);
