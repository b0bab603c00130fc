import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import semver from "semver";

// The install is reproducible only if `npm ci` accepts the lock file on every platform and every
// installed package runs on the Node versions the README promises.
const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const packages = lock.packages as Record<
  string,
  {
    version?: string;
    engines?: { node?: string };
    optionalDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  }
>;

/** Where npm would find `name` when required from the package at `from` (node_modules lookup). */
function locate(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

describe("package-lock.json", () => {
  it("records exactly the dependencies of package.json", () => {
    const rootEntry = packages[""] as { dependencies?: object; devDependencies?: object };
    expect(rootEntry.dependencies).toEqual(pkg.dependencies);
    expect(rootEntry.devDependencies).toEqual(pkg.devDependencies);
  });

  it("lists every platform's optional packages, so npm ci works on any machine", () => {
    const missing: string[] = [];
    for (const [at, p] of Object.entries(packages)) {
      for (const [name, range] of Object.entries(p.optionalDependencies ?? {})) {
        const found = locate(at, name);
        if (!found || !semver.satisfies(packages[found].version!, range))
          missing.push(`${at || "(root)"} → ${name}@${range}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("holds only packages whose engines allow the Node versions we support (package.json engines: 20.19+, 22.13+, 24+)", () => {
    const supported = ["20.19.0", "22.13.0", "24.0.0"];
    for (const v of supported) expect(semver.satisfies(v, pkg.engines.node)).toBe(true);
    const bad = Object.entries(packages)
      .filter(([at, p]) => at && p.engines?.node && typeof p.engines.node === "string")
      .flatMap(([at, p]) =>
        supported.filter((v) => !semver.satisfies(v, p.engines!.node!)).map((v) => `${at} (${p.engines!.node}) ≠ ${v}`),
      );
    expect(bad).toEqual([]);
  });
});
