// Makes a fresh or stale checkout runnable: installs dependencies when package-lock.json changed
// and (with --build) rebuilds when any source file changed. Uses only Node's standard library.
import { createHash } from "node:crypto";
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const quiet = process.argv.includes("--quiet");
const say = (m) => {
  if (!quiet) console.log(`[teilhabe] ${m}`);
};
// Installs always include the dev tools (the build needs them); the build is always a production
// build – an inherited or empty NODE_ENV would otherwise give development React with its warnings.
const run = (cmd, env = {}) =>
  execSync(cmd, {
    cwd: root,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, ...env },
  });

const [major, minor] = process.versions.node.split(".").map(Number);
// package.json "engines": ^20.19.0 || ^22.13.0 || >=24 (ESLint and Vite need these minor versions).
if (major < 20 || (major === 20 && minor < 19) || major === 21 || (major === 22 && minor < 13) || major === 23) {
  console.error(`Teilhabe braucht Node.js 20.19+, 22.13+ oder 24+ (gefunden: ${process.versions.node}).`);
  process.exit(1);
}

function hashFiles(paths) {
  const h = createHash("sha256");
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort())
        if (!["node_modules", "build", ".react-router", "data"].includes(e)) walk(path.join(p, e));
    } else {
      h.update(path.relative(root, p));
      h.update(fs.readFileSync(p));
    }
  };
  for (const p of paths) walk(path.join(root, p));
  return h.digest("hex");
}

const lockStamp = path.join(root, "node_modules", ".teilhabe-installed");
const lockHash = hashFiles(["package.json", "package-lock.json"]);
if (!fs.existsSync(lockStamp) || fs.readFileSync(lockStamp, "utf8") !== lockHash) {
  say("Installiere Abhängigkeiten …");
  // `npm ci` installs exactly the lock file and never rewrites it (package-lock.json is kept in sync
  // with package.json; a test checks it lists every platform's optional packages).
  run("npm ci --no-audit --no-fund --include=dev");
  fs.writeFileSync(lockStamp, hashFiles(["package.json", "package-lock.json"]));
}

if (process.argv.includes("--build")) {
  const buildStamp = path.join(root, "build", ".teilhabe-built");
  const srcHash = hashFiles([
    "app",
    "server",
    "cli",
    "package-lock.json",
    "vite.config.ts",
    "react-router.config.ts",
    "tsconfig.json",
  ]);
  if (!fs.existsSync(buildStamp) || fs.readFileSync(buildStamp, "utf8") !== srcHash) {
    say("Baue die Anwendung …");
    run("npx react-router build", { NODE_ENV: "production" });
    fs.writeFileSync(buildStamp, srcHash);
  }
}
