// npm run bench -- <name>: runs bench/<name>.ts (e.g. http).
const name = process.argv[2] ?? "http";
await import(`./${name}.ts`);
