// Starts the production build on a fresh embedded database with the demo data. Everything the server
// prints also goes to .tmp/browser-server.log, so a spec can check the application and request logs
// (tests/browser/cases.spec.ts: no personal data in them).
import fs from "node:fs";
fs.rmSync(process.env.DATA_DIR ?? ".tmp/browser-data", { recursive: true, force: true });
fs.mkdirSync(".tmp", { recursive: true });
const log = fs.createWriteStream(".tmp/browser-server.log");
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    log.write(chunk);
    return write(chunk, ...rest);
  };
}
await import("../../server.js");
