import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modules } from "~/modules";
import { FULL_LANGUAGES, UI_LANGUAGES, getT, translationKeys } from "~/kernel/i18n";
import { KERNEL_PUBLIC_STRINGS, coveredBy } from "~/kernel/i18n/public-strings";

// Public pages of every module come in every public language, Leichte Sprache included (issue 17
// item 6). Strings that travel with their routes (addStrings in a strings.ts) count as well: load them.
import.meta.glob(["/app/**/strings.ts", "!/app/**/*.test.ts"], { eager: true });

const root = path.resolve(import.meta.dirname, "../..");
const PARTIAL = UI_LANGUAGES.filter((l) => !(FULL_LANGUAGES as readonly string[]).includes(l));
const PUBLIC = [...KERNEL_PUBLIC_STRINGS, ...modules.flatMap((m) => m.publicStrings ?? [])];

/** The literal keys and the static beginnings of template keys (`t(\`atlas.kind.${k}\`)`) in a file. */
function keysIn(file: string): string[] {
  const src = readFileSync(path.join(root, file), "utf8");
  const literal = [...src.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]);
  const template = [...src.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g)].map((m) => m[1]);
  return [...literal, ...template];
}

describe("public strings", () => {
  const de = translationKeys("de");
  const needed = de.filter((k) => coveredBy(PUBLIC, k));

  it("every module with public pages declares their strings, and their entries on the tenant page", () => {
    expect(modules.filter((m) => m.routes?.public?.length && !m.publicStrings?.length).map((m) => m.name)).toEqual([]);
    // The tenant page lists each module's public entry by its label.
    const labels = modules.flatMap((m) => m.nav?.public ?? []).map((n) => n.labelKey);
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter((k) => !coveredBy(PUBLIC, k))).toEqual([]);
  });

  it("public pages use only declared public strings", () => {
    const files = [
      "app/root.tsx",
      "app/kernel/routes/home.tsx",
      "app/kernel/routes/tenant-home.tsx",
      "app/kernel/routes/tenant-layout.tsx",
      "app/kernel/routes/legal.tsx",
      ...modules
        .filter((m) => m.publicStrings?.length)
        .flatMap((m) => (m.routes?.public ?? []).map((r) => `app/modules/${m.name}/${r.file}`)),
    ];
    const stray: string[] = [];
    for (const f of files) {
      for (const k of keysIn(f)) {
        const known = de.some((d) => d === k || d.startsWith(k));
        if (known && !coveredBy(PUBLIC, k) && !PUBLIC.some((p) => p.startsWith(k))) stray.push(`${f}: ${k}`);
      }
    }
    // Shown only to logged-in staff (platform links, logout, the roles of their memberships).
    const staffOnly =
      /^(app\/root\.tsx: nav\.(tenants|outbox|loggedInAs|logout)|app\/kernel\/routes\/home\.tsx: roles\.)$/;
    expect(stray.filter((s) => !staffOnly.test(s))).toEqual([]);
  });

  it.each(PARTIAL)("%s covers every public string, adds none of its own and keeps the placeholders", (lang) => {
    const own = translationKeys(lang);
    expect(own.filter((k) => !de.includes(k))).toEqual([]);
    expect(needed.length).toBeGreaterThan(200);
    expect(needed.filter((k) => !own.includes(k))).toEqual([]);
    const t = getT(lang),
      g = getT("de");
    const vars = { name: "NAME", count: 7, date: "DATE", lang: "LANG", page: 2, pages: 9, ags: "AGS", title: "TITLE" };
    const same: string[] = [];
    for (const k of needed) {
      const german = g(k, vars),
        translated = t(k, vars);
      expect(translated, `${lang} ${k}`).not.toBe("");
      for (const v of ["NAME", "DATE", "LANG", "AGS", "TITLE"])
        if (german.includes(v)) expect(translated, `${lang} ${k}`).toContain(v);
      if (translated === german) same.push(k);
    }
    // A few strings are the same in every language ("Teilhabe", "E-Mail"); anything more is an
    // untranslated copy. Leichte Sprache is German: short German words stay as they are.
    const allowed = lang === "ls" ? needed.length * 0.25 : 5 + needed.length * 0.01;
    expect(same.length, `${lang} has German copies: ${same.join(", ")}`).toBeLessThan(allowed);
  });
});
