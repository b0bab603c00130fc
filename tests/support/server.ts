import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { JobRunner } from "../../app/kernel/jobs/service";
import { copyTemplateDir, createPgDatabase, templateFor, templateKind, TEST_SHARED_BUFFERS } from "./templates";

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
  /** The app's background job runner: `await jobs.idle()` waits for queued work to finish. */
  jobs: JobRunner;
  close(): Promise<void>;
}

/**
 * A database of its own for an HTTP test, by default with the demo data: a copy of the run's template
 * (tests/support/global-setup.ts), or made here without one. `remove` drops it again.
 */
export async function openTestDatabase(build: Build, opts: { demo?: boolean; modules?: boolean } = {}) {
  const demo = opts.demo !== false;
  const template = templateFor(templateKind({ demo, modules: opts.modules }));
  let remove: () => Promise<void> | void = () => {};
  let db;
  if (process.env.TEST_DB === "pg") {
    const made = await createPgDatabase("teilhabe_http", template);
    db = await build.openDatabase({ url: made.url });
    remove = made.drop;
  } else if (template) {
    const copy = copyTemplateDir(template);
    db = await build.openDatabase({ dataDir: copy.dataDir, sharedBuffers: TEST_SHARED_BUFFERS });
    remove = copy.remove;
  } else {
    db = await build.openDatabase({ dataDir: "memory://", sharedBuffers: TEST_SHARED_BUFFERS });
  }
  if (!template) {
    await build.migrate(db);
    if (demo) await build.seedDemo(db, () => {}, { modules: opts.modules ?? false });
  }
  return { db, remove };
}

/**
 * Starts the built app on a random port over a database of its own, by default with the demo data
 * loaded: a copy of the run's template (tests/support/global-setup.ts), or made here without one.
 */
export async function startTestServer(
  opts: { demo?: boolean; modules?: boolean; tenantRevalidateMs?: number } = {},
): Promise<TestServer> {
  process.env.LOGIN_RATE_LIMIT ??= "5";
  const build = await loadBuild();
  const { db, remove } = await openTestDatabase(build, opts);
  const app = build.createApp({ db, log: () => {}, tenantRevalidateMs: opts.tenantRevalidateMs });
  const server: Server = await new Promise((res) => {
    const s = app.listen(0, "127.0.0.1", () => res(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    build,
    jobs: app.locals.jobs as JobRunner,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await (app.locals.jobs as JobRunner | undefined)?.stop();
      await db.close();
      await remove();
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

  /** Posts a form (a list value: the field repeated, as checkboxes send it); fetches a page first if no CSRF cookie exists yet. */
  async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: string | null } = {}) {
    if (!this.cookies.has("teilhabe_csrf")) await this.get("/");
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
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

  /** Posts a multipart form with one file, with the CSRF token (fetch a page first). */
  async postFile(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; content: string | Uint8Array; type: string },
  ) {
    if (!this.cookies.has("teilhabe_csrf")) await this.get("/");
    const fd = new FormData();
    fd.set("_csrf", this.cookies.get("teilhabe_csrf")!);
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    fd.set(file.field, new Blob([file.content as BlobPart], { type: file.type }), file.name);
    const res = await fetch(this.base + path, {
      method: "POST",
      body: fd,
      redirect: "manual",
      headers: { cookie: this.header() },
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

/**
 * Follows a form post that queued a background job (a redirect to the job's page) and reloads that
 * page until the job has finished; returns the finished page. No deadline of its own: a slow machine
 * only makes it wait longer (the test's own timeout is the bound).
 */
export async function finishedJobPage(
  c: Client,
  posted: Response,
): Promise<{ status: string; html: string; url: string }> {
  if (posted.status !== 302) throw new Error(`Kein Auftrag gestartet: ${posted.status} ${await posted.text()}`);
  const url = posted.headers.get("location")!;
  for (;;) {
    const html = await (await c.get(url)).text();
    const status = /data-job-status="(\w+)"/.exec(html)?.[1];
    if (!status) throw new Error(`Keine Auftragsseite: ${url}`);
    if (status === "done" || status === "failed") return { status, html, url };
    await new Promise((r) => setTimeout(r, 100));
  }
}
