import type { sql } from "drizzle-orm";
import { Client, type TestServer } from "./server";

/** The demo accounts' password (demo data only). */
export const DEMO_PASSWORD = "Teilhabe-Demo-2026";

/** The roles a module's HTTP test walks, in rising order of rights; "anonymous" is not logged in. */
export const ROLES = ["anonymous", "partner", "viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** One logged-in client per role of a tenant's demo accounts (`<role>.<tenant>@example.org`). */
export async function roleClients(s: TestServer, tenant = "aachen"): Promise<(role: Role) => Client> {
  const clients = new Map<Role, Client>();
  for (const role of ROLES) {
    const c = new Client(s.url);
    if (role !== "anonymous") await c.login(`${role}.${tenant}@example.org`, DEMO_PASSWORD);
    clients.set(role, c);
  }
  return (role) => clients.get(role)!;
}

/** A page's text without markup, entities of quotes undone and spaces collapsed, for `toContain`. */
export const plain = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

/** Rows of a query run as the owner on the test server's database (test set-up and checks only). */
export const queryRows =
  (s: () => TestServer) =>
  async <T>(query: ReturnType<typeof sql>): Promise<T[]> =>
    ((await s().db.orm.execute(query)) as unknown as { rows: T[] }).rows;
