// The CLI runs the same compiled code as the server, from its own entry (build/server/cli.js) that
// leaves out React, the routes and Express: they would only slow down every command's start.
process.env.NODE_ENV ??= "production";
const { runCli } = await import("../build/server/cli.js");
process.exitCode = await runCli(process.argv.slice(2));
