import { describe, expect, it } from "vitest";
import path from "node:path";
import { ESLint } from "eslint";

// Lints snippets as if they were files of the project, with the project's own eslint.config.js:
// the architecture's import rules must fail the build, not only be written down.
const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r.messages.filter((m) => m.ruleId === "teilhabe/module-boundaries").map((m) => m.message);
}

describe("lint: module boundaries", () => {
  it("refuses the atlas reaching into monitoring's services, tables or routes", async () => {
    for (const source of [
      "~/modules/monitoring/services/areas",
      "../monitoring/schema",
      "~/modules/monitoring/routes/data.server",
    ]) {
      const p = await problems("app/modules/atlas/gaps.ts", `import { x } from "${source}";\nexport const y = x;\n`);
      expect(p, source).toHaveLength(1);
      expect(p[0]).toContain("internal of module 'monitoring'");
    }
  });

  it("allows another module's public entry and the module's own files", async () => {
    expect(
      await problems("app/modules/atlas/gaps.ts", `import { x } from "~/modules/monitoring";\nexport const y = x;\n`),
    ).toEqual([]);
    expect(
      await problems("app/modules/atlas/gaps.ts", `import { x } from "./service";\nexport const y = x;\n`),
    ).toEqual([]);
    expect(
      await problems("app/modules/atlas/routes/a.tsx", `import { x } from "../service";\nexport const y = x;\n`),
    ).toEqual([]);
  });

  it("refuses any import of a module from the kernel, even its public entry", async () => {
    const p = await problems(
      "app/kernel/http/context.ts",
      `import { x } from "~/modules/concept";\nexport const y = x;\n`,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toContain("kernel must not import a module");
    expect(
      await problems(
        "app/kernel/demo/seed.ts",
        `const m = await import("../../modules/atlas/demo");\nexport default m;\n`,
      ),
    ).toHaveLength(1);
  });

  it("keeps the kernel and the modules from importing the registry that wires them together", async () => {
    for (const [file, source] of [
      ["app/kernel/http/context.ts", "~/registry.server"],
      ["app/kernel/db/backup.db.test.ts", "../../registry.server"],
      ["app/modules/atlas/gaps.ts", "~/registry.server"],
    ]) {
      const p = await problems(file, `import { nav } from "${source}";\nexport const y = nav;\n`);
      expect(p, file).toHaveLength(1);
      expect(p[0]).toContain("registry");
    }
    expect(
      await problems("server/index.ts", `import { nav } from "~/registry.server";\nexport const y = nav;\n`),
    ).toEqual([]);
  });

  it("lets server, CLI and tests use only public entries and manifests", async () => {
    expect(
      await problems("server/index.ts", `import { x } from "~/modules/atlas/service";\nexport const y = x;\n`),
    ).toHaveLength(1);
    expect(await problems("server/index.ts", `import m from "~/modules/atlas/module";\nexport const y = m;\n`)).toEqual(
      [],
    );
  });
});
