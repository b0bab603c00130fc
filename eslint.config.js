// ESLint (flat config): typescript-eslint's recommended rules, no import cycles, and the module
// boundaries of docs/architecture.md as a rule of our own (eslint/module-boundaries.js).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";
import moduleBoundaries from "./eslint/module-boundaries.js";

export default tseslint.config(
  {
    ignores: [
      "build/",
      ".react-router/",
      "node_modules/",
      "data/",
      ".tmp/",
      "public/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Tells import-x which files are TypeScript, so it follows their imports (no-cycle).
  importX.flatConfigs.typescript,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "import-x": importX, teilhabe: { rules: { "module-boundaries": moduleBoundaries } } },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })] },
    rules: {
      "teilhabe/module-boundaries": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Types from React Router's generated +types and Drizzle often need an explicit cast; keep `any` visible but allowed where commented.
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  // Service workers (the atlas', decision 0051) run in their own global scope.
  { files: ["app/**/service-worker.js"], languageOptions: { globals: globals.serviceworker } },
);
