import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { randomBytes } from "node:crypto";

// HTTP tests run the production build (npm test builds it first), exactly as users get it.
type Build = typeof import("../../server/index");
let buildPromise: Promise<Build> | undefined;
export const loadBuild = () =>
  (buildPromise ??= import(
    /* @vite-ignore */ new URL("../../build/server/index.js", import.meta.url).href
  ) as Promise<Build>);

export interface TestServer {
  url: string;
  db: Awaited<ReturnType<Build["openDatabase"]>>;
  build: Build;
  close(): Promise<void>;
}

/** Starts the built app on a random port over a fresh database with the demo data loaded. */
export async function startTestServer(opts: { demo?: boolean; modules?: boolean } = {}): Promise<TestServer> {
  process.env.LOGIN_RATE_LIMIT ??= "5";
  const build = await loadBuild();
  let dropDb: (() => Promise<void>) | undefined;
  let db;
  if (process.env.TEST_DB === "pg") {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `teilhabe_http_${randomBytes(6).toString("hex")}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    db = await build.openDatabase({ url: admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) });
    dropDb = async () => {
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    };
  } else {
    db = await build.openDatabase({ dataDir: "memory://" });
  }
  await build.migrate(db);
  if (opts.demo !== false) await build.seedDemo(db, () => {}, { modules: opts.modules ?? false });
  const app = build.createApp({ db, log: () => {} });
  const server: Server = await new Promise((res) => {
    const s = app.listen(0, "127.0.0.1", () => res(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    build,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await db.close();
      await dropDb?.();
    },
  };
}

/** A minimal browser stand-in: keeps cookies and sends the CSRF token with every form. */
export class Client {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const k = pair.slice(0, i),
        v = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || v === "") this.cookies.delete(k);
      else this.cookies.set(k, decodeURIComponent(v));
    }
  }
  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, { headers: { cookie: this.header(), ...headers }, redirect: "manual" });
    this.store(res);
    return res;
  }

  /** Posts a form; fetches a page first if no CSRF cookie exists yet. */
  async post(path: string, fields: Record<string, string>, opts: { csrf?: string | null } = {}) {
    if (!this.cookies.has("teilhabe_csrf")) await this.get("/");
    const body = new URLSearchParams({ ...fields });
    const token = opts.csrf === undefined ? this.cookies.get("teilhabe_csrf")! : opts.csrf;
    if (token !== null) body.set("_csrf", token);
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { cookie: this.header(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.store(res);
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.post("/anmelden", { email, password });
    if (res.status !== 302) throw new Error(`Login für ${email} fehlgeschlagen: ${res.status}`);
    return res;
  }
}
