import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { modules } from "~/modules";
import { nav } from "~/registry.server";

// The module contract of docs/architecture.md, checked against the modules the app discovers.
const root = path.resolve(import.meta.dirname, "../..");
const modulesDir = path.join(root, "app/modules");
const doc = fs.readFileSync(path.join(root, "docs/architecture.md"), "utf8");

/** Rows of the module table in the "Module contract" section: name, manifest, public entry. */
function documented(): { name: string; manifest: string; publicEntry: string }[] {
  const section = doc.slice(
    doc.indexOf("## Module contract"),
    doc.indexOf("\n## ", doc.indexOf("## Module contract") + 3),
  );
  return section
    .split("\n")
    .filter((l) => /^\| `[a-z]+` +\|/.test(l))
    .map((l) => {
      const [name, manifest, publicEntry] = l
        .split("|")
        .slice(1, 4)
        .map((c) => c.trim().replace(/`/g, ""));
      return { name, manifest, publicEntry };
    });
}

describe("module contract", () => {
  it("every folder in app/modules is a module with a manifest, and every manifest is discovered", () => {
    const folders = fs
      .readdirSync(modulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    for (const f of folders) expect(fs.existsSync(path.join(modulesDir, f, "module.ts")), `${f}/module.ts`).toBe(true);
    expect(modules.map((m) => m.name).sort()).toEqual(folders);
  });

  it("docs/architecture.md lists exactly the discovered modules, with their manifest and public entry", () => {
    const rows = documented();
    expect(rows.map((r) => r.name).sort()).toEqual(modules.map((m) => m.name).sort());
    for (const m of modules) {
      const r = rows.find((x) => x.name === m.name)!;
      expect(r.manifest).toBe(`app/modules/${m.name}/module.ts`);
      expect(r.publicEntry).toBe(m.publicApi ? `${m.name}/${m.publicApi}` : "–");
    }
  });

  it("manifests point at files that exist, and a public entry exists exactly where one is declared", () => {
    for (const m of modules) {
      const dir = path.join(modulesDir, m.name);
      for (const r of [...(m.routes?.public ?? []), ...(m.routes?.staff ?? [])])
        expect(fs.existsSync(path.join(dir, r.file)), `${m.name}/${r.file}`).toBe(true);
      expect(fs.existsSync(path.join(dir, "index.ts")), `${m.name}/index.ts`).toBe(!!m.publicApi);
      expect(Object.keys(m.migrations ?? {}).length > 0, `${m.name} migrations`).toBe(
        fs.existsSync(path.join(dir, "migrations")),
      );
    }
  });

  it("keeps each module's strings under its own name", () => {
    for (const m of modules) {
      const file = path.join(modulesDir, m.name, "i18n/de.json");
      if (fs.existsSync(file)) expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")))).toEqual([m.name]);
    }
  });

  it("collects the modules' navigation: every module's public pages in every language, staff pages not", () => {
    const all = (p: string) => nav.allLanguagePaths.some((r) => r.test(p));
    expect(all("/t/aachen/angebote")).toBe(true);
    expect(all("/t/aachen/angebote/123")).toBe(true);
    expect(all("/t/aachen/konzept")).toBe(true);
    expect(all("/t/aachen/werkstatt/AB12CD")).toBe(true);
    expect(all("/t/aachen/impressum")).toBe(true);
    expect(all("/t/aachen/verwaltung/angebote")).toBe(false);
    expect(all("/t/aachen/verwaltung")).toBe(false);
    expect(all("/anmelden")).toBe(false);
    expect(nav.public.map((n) => n.to)).toEqual(["konzept", "rechenschaft", "monitoring", "angebote"]);
    expect(nav.staff.map((n) => n.to)).toContain("angebote/luecken");
  });
});
