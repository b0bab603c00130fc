import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DocumentModel } from "../app/kernel/documents/model";

// What the benches on the demo data share: the production build's database with the demo loaded
// (in memory, this process) and a nearest-rank percentile.

type Build = typeof import("../server/index");

/**
 * The demo includes case work, whose data is encrypted under a master key kept outside the database
 * (CASES_KEY or DATA_DIR/cases.key). A bench's in-memory database gets a throwaway key; call this
 * before the build is imported, since the configuration is read once.
 */
export function throwawayCasesKey() {
  process.env.CASES_KEY ??= `bench:${randomBytes(32).toString("base64")}`;
}

/** The built app's database, migrated and with the demo data; `tenantId` of the tenant asked for. */
export async function demoDatabase(slug: string) {
  // As in production (server.js): without it React's development build would be measured.
  process.env.NODE_ENV ??= "production";
  throwawayCasesKey();
  const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as Build;
  const db = await build.openDatabase({ dataDir: "memory://" });
  await build.migrate(db);
  await build.seedDemo(db, () => {}, { modules: true });
  const exec = (q: ReturnType<typeof sql>) =>
    db.orm.execute(q) as unknown as Promise<{ rows: Record<string, unknown>[] }>;
  const found = (await exec(sql`SELECT id FROM tenants WHERE slug = ${slug}`)).rows[0];
  if (!found) throw new Error(`Mandant ${slug} fehlt in den Demodaten`);
  return { db, exec, tenantId: String(found.id) };
}

/** The p-th percentile (nearest rank) of xs. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Every text of the document, a line each: headings, paragraphs, list items, fields, table rows, captions. */
export function documentLines(d: DocumentModel): string[] {
  return d.blocks.flatMap((b) => {
    switch (b.kind) {
      case "heading":
      case "paragraph":
        return [b.text];
      case "list":
        return b.items;
      case "fields":
        return b.rows.map((r) => r.join(": "));
      case "table":
        return [b.caption, b.head.join("  "), ...b.rows.map((r) => r.join("  "))];
      case "chart":
        return [b.caption, ...b.table.rows.map((r) => r.join("  "))];
      case "map":
        return [b.caption, ...b.legend.map((l) => l.label)];
      default:
        return [];
    }
  });
}

/** A client's cookies, as the browser keeps them. */
export class Session {
  cookies = new Map<string, string>();
  store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), decodeURIComponent(pair.slice(i + 1)));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }
  async get(base: string, p: string) {
    const res = await fetch(base + p, { headers: { cookie: this.header() }, redirect: "manual" });
    this.store(res);
    return res;
  }
  /** A form post with the CSRF token the cookies hold (get a page first). */
  async post(base: string, p: string, fields: Record<string, string>) {
    const res = await fetch(base + p, {
      method: "POST",
      body: new URLSearchParams({ ...fields, _csrf: this.cookies.get("teilhabe_csrf") ?? "" }),
      redirect: "manual",
      headers: { cookie: this.header(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.store(res);
    return res;
  }
}

/** Logs a demo account in on a running server (password only: the account must have no second factor). */
export async function login(base: string, email: string): Promise<Session> {
  const s = new Session();
  await s.get(base, "/anmelden");
  const res = await s.post(base, "/anmelden", { email, password: "Teilhabe-Demo-2026" });
  if (res.status !== 302) throw new Error(`Anmeldung fehlgeschlagen: ${res.status}`);
  return s;
}
