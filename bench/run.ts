// npm run bench -- <name>: runs bench/<name>.ts (e.g. http).
export {};
const which = process.argv[2] ?? "http";
await import(`./${which}.ts`);
