// Production entry point: `npm start` builds first, then runs this.
process.env.NODE_ENV ??= "production";
const { startServer } = await import("./build/server/index.js");
await startServer();
