import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { loginPlatformAdmin } from "../support/platform-admin";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe("platform outbox", () => {
  it("shows each mail's state: sent, waiting for a retry with its last error, or given up", async () => {
    const c = new Client(s.url);
    await loginPlatformAdmin(c, s.db);
    // Written after the login, whose request starts a delivery run of its own.
    await s.db.orm
      .execute(sql`INSERT INTO outbox (recipient, subject, body, attempts, sent_at, last_error, next_attempt_at, failed_at) VALUES
      ('a@example.org', 'Zugestellt', 'x', 1, now(), NULL, now(), NULL),
      ('b@example.org', 'Wird wiederholt', 'x', 2, NULL, '451 4.3.0 try again later', now() + interval '2 minutes', NULL),
      ('c@example.org', 'Aufgegeben', 'x', 8, NULL, '550 5.1.1 mailbox unavailable', now(), now())`);
    const html = await (await c.get("/plattform/postausgang")).text();
    const card = (subject: string) => html.split('<li class="kern-card"').find((x) => x.includes(`>${subject}</h2>`))!;
    expect(card("Zugestellt")).toContain('data-outbox-state="sent"');
    expect(card("Zugestellt")).toContain("verschickt am");
    expect(card("Wird wiederholt")).toContain('data-outbox-state="pending"');
    expect(card("Wird wiederholt")).toContain("2 Versuche fehlgeschlagen, nächster Versuch am");
    expect(card("Wird wiederholt")).toContain("Letzter Fehler: 451 4.3.0 try again later");
    expect(card("Aufgegeben")).toContain('data-outbox-state="failed"');
    expect(card("Aufgegeben")).toContain("aufgegeben nach 8 Versuchen");
    expect(card("Aufgegeben")).toContain("Letzter Fehler: 550 5.1.1 mailbox unavailable");
  });
});
