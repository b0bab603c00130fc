import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// import-x/no-cycle (eslint.config.js) skips type-only imports by design; a cycle of types still
// ties two parts together (root.tsx ↔ kernel/ui/hooks.ts was one). This walks every import –
// value, type and dynamic – of the project's TypeScript and fails on any cycle.
const root = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "server", "cli", "bench", "tests/support"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("~/")
    ? path.join(root, "app", spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (/\.tsx?$/.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let n = 0;
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    on = new Set<string>(),
    out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.map((f) => path.relative(root, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function importGraph(list: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of list) {
    const info = ts.preProcessFile(fs.readFileSync(f, "utf8"), true, true);
    graph.set(
      f,
      info.importedFiles.map((i) => resolve(f, i.fileName)).filter((x): x is string => x !== null && x !== f),
    );
  }
  return graph;
}

describe("imports", () => {
  it("form no cycle, counting type-only and dynamic imports", () => {
    const list = DIRS.flatMap((d) => files(path.join(root, d)));
    expect(list.length).toBeGreaterThan(100);
    expect(cycles(importGraph(list))).toEqual([]);
  });

  it("the check finds a type-only cycle", () => {
    const dir = fs.mkdtempSync(path.join(root, ".tmp-cycle-"));
    try {
      fs.writeFileSync(path.join(dir, "a.ts"), `import type { B } from "./b";\nexport type A = { b?: B };\n`);
      fs.writeFileSync(path.join(dir, "b.ts"), `import type { A } from "./a";\nexport type B = { a?: A };\n`);
      expect(cycles(importGraph(files(dir)))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
