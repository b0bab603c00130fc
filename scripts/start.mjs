// `npm start`: install what is missing, build if stale, then migrate, seed (first run) and serve.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
execFileSync(process.execPath, [path.join(root, "scripts/ensure.mjs"), "--build"], { stdio: "inherit", cwd: root });
const child = spawn(process.execPath, [path.join(root, "server.js")], {
  stdio: "inherit",
  cwd: root,
  env: { NODE_ENV: "production", ...process.env },
});
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => child.kill(s));
child.on("exit", (code) => process.exit(code ?? 0));
