// The architecture as a lint rule (docs/architecture.md, "Module contract"):
// - the kernel (app/kernel) imports no module;
// - a module (app/modules/<name>) imports another module only through its public entry
//   app/modules/<other>/index.ts – never its services, routes, schema or tables;
// - everything outside app/modules (server, cli, app shell, tests, bench) uses a module only through
//   its public entry or its manifest (module.ts), which is how the app discovers modules;
// - the registry that wires modules into the kernel (app/registry.server.ts) is imported by neither
//   the kernel nor a module: it imports them (tests that need the whole app use tests/support/app.ts).
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const MODULES = path.join(APP, "modules");
const KERNEL = path.join(APP, "kernel");
const REGISTRY = path.join(APP, "registry.server");

/** The import's absolute path, or null for a package. `~/` is the app alias (tsconfig paths). */
function resolveSource(file, source) {
  if (source.startsWith("~/")) return path.join(APP, source.slice(2));
  if (source.startsWith(".")) return path.resolve(path.dirname(file), source);
  return null;
}

/** { module, rest } for a path inside app/modules/<module>/…, else null. */
function moduleOf(p) {
  const rel = path.relative(MODULES, p);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const [module, ...rest] = rel.split(path.sep);
  if (!module || rest.length === 0) return null; // app/modules/index.ts itself: the registry
  return { module, rest: rest.join("/") };
}

const isPublicEntry = (rest) => /^index(\.tsx?)?$/.test(rest);
const isManifest = (rest) => /^module(\.tsx?)?$/.test(rest);
const inside = (p, dir) => p === dir || p.startsWith(dir + path.sep);

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Kernel imports no module; modules meet only through their public entry (index.ts)." },
    messages: {
      kernel: "The kernel must not import a module ({{module}}); pass what it needs in from the module registry.",
      internal:
        "Module '{{from}}' imports '{{module}}/{{rest}}', an internal of module '{{module}}'. Use '~/modules/{{module}}' (its index.ts).",
      outside:
        "Import module '{{module}}' through its public entry ('~/modules/{{module}}') or its manifest, not '{{rest}}'.",
      registry:
        "The registry (app/registry.server.ts) wires the kernel and the modules together; neither may import it.",
    },
    schema: [],
  },
  create(context) {
    const file = path.resolve(context.filename);
    const fromModule = moduleOf(file)?.module ?? null;
    const fromKernel = inside(file, KERNEL);
    function check(node, source) {
      if (typeof source !== "string") return;
      const target = resolveSource(file, source);
      if (!target) return;
      if ((fromKernel || fromModule) && target.replace(/\.tsx?$/, "") === REGISTRY)
        return context.report({ node, messageId: "registry" });
      const to = moduleOf(target);
      if (!to) {
        // app/modules itself (the registry) is as much a module import for the kernel as any other.
        if (fromKernel && inside(target, MODULES))
          context.report({ node, messageId: "kernel", data: { module: "modules" } });
        return;
      }
      if (to.module === fromModule) return;
      if (fromKernel) return context.report({ node, messageId: "kernel", data: { module: to.module } });
      if (fromModule) {
        if (!isPublicEntry(to.rest)) context.report({ node, messageId: "internal", data: { from: fromModule, ...to } });
        return;
      }
      if (!isPublicEntry(to.rest) && !isManifest(to.rest)) context.report({ node, messageId: "outside", data: to });
    }
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && check(n.source, n.source.value),
    };
  },
};
