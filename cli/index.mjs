// The CLI runs the same compiled code as the server (build/server/index.js).
process.env.NODE_ENV ??= "production";
const { runCli } = await import("../build/server/index.js");
process.exitCode = await runCli(process.argv.slice(2));
