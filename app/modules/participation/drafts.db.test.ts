import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { pgErrorCode } from "~/kernel/db/errors";
import { currentEdition } from "~/modules/concept";
import { closeProcess, createProcess, publishProcess, updateDetails } from "./service";
import {
  answerComment,
  createDraft,
  draftParagraphs,
  getDraft,
  listDrafts,
  moderateComment,
  postComment,
  setDraftStatus,
  splitParagraphs,
} from "./drafts";

// Commenting on a draft text paragraph by paragraph (decision 0031), on the embedded database and, in
// CI, on a PostgreSQL server.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
let processId: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
  processId = await publishedProcess(aachen, "Fortschreibung der Haltung");
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
const asAachen = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(aachen, fn);

async function publishedProcess(tenant: string, title: string): Promise<string> {
  return inTenant(tenant, async (tx) => {
    const { id } = must(await createProcess(tx, { kind: "custom", title, startsOn: "2026-03-01" }));
    must(
      await updateDetails(tx, id, {
        contactName: "Integrationsbüro",
        contactAddress: "integration@example.org",
        decisionScope: "Die Haltung wird mit den Kommentaren überarbeitet.",
        decidingBody: "Integrationsrat",
        answerDueOn: "2026-09-30",
      }),
    );
    must(await publishProcess(tx, id));
    return id;
  });
}
const custom = (text: string, pid = processId) =>
  asAachen((tx) => createDraft(tx, pid, { source: "custom", title: "Leitbild Entwurf", text }));
const comment = (draftId: string, paragraphId: string, body: string, displayName?: string) =>
  asAachen((tx) => postComment(tx, draftId, paragraphId, { body, displayName }));
const paragraphs = (draftId: string, view: "staff" | "public" = "staff") =>
  asAachen((tx) => draftParagraphs(tx, draftId, view));
const auditCount = (entity: string) =>
  withSystem(db, async (tx) => {
    const [r] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = ${entity}`);
    return r!.n;
  });

describe("splitting a text", () => {
  it("splits at blank lines (also with spaces or Windows line ends), keeps line breaks inside a paragraph", () => {
    expect(splitParagraphs("Erster Absatz.\nZweite Zeile.\r\n\r\nZweiter Absatz.\n  \n\n\nDritter.\n")).toEqual([
      "Erster Absatz.\nZweite Zeile.",
      "Zweiter Absatz.",
      "Dritter.",
    ]);
    expect(splitParagraphs("\n\n   \n")).toEqual([]);
  });

  it("makes a draft from the current edition's Haltung, one paragraph per block, titled like the Haltung", async () => {
    const edition = (await asAachen((tx) => currentEdition(tx)))!;
    expect(edition.haltung).toBeTruthy();
    const { id } = must(await asAachen((tx) => createDraft(tx, processId, { source: "haltung" })));
    const d = (await asAachen((tx) => getDraft(tx, id)))!;
    expect(d).toMatchObject({ source: "haltung", editionId: edition.id, status: "open", title: edition.haltungTitle });
    const ps = await paragraphs(id);
    expect(ps.map((p) => p.body)).toEqual(splitParagraphs(edition.haltung!));
    expect(ps.length).toBeGreaterThan(5);
    expect(ps.map((p) => p.position)).toEqual(ps.map((_, i) => i + 1));
    expect(ps[0]!.body).toMatch(/^Aachen, das sind wir!/);
  });

  it("keeps the stored paragraphs when the concept's Haltung changes later", async () => {
    const { id } = must(await asAachen((tx) => createDraft(tx, processId, { source: "haltung", title: "Haltung" })));
    const before = await paragraphs(id);
    const c = must(await comment(id, before[1]!.id, "Hier fehlt das Umland."));
    await withSystem(db, (tx) =>
      tx.execute(sql`UPDATE concept_editions SET haltung = 'Ganz neuer Text.' WHERE tenant_id = ${aachen}`),
    );
    const after = await paragraphs(id);
    expect(after.map((p) => p.body)).toEqual(before.map((p) => p.body));
    expect(after[1]!.comments.map((x) => x.id)).toEqual([c.id]);
  });

  it("refuses pasted text without a title or text, and counts the change in the audit log", async () => {
    const audited = await auditCount("participation_draft");
    expect(messageOf(await asAachen((tx) => createDraft(tx, processId, { source: "custom", text: "x" })))).toBe(
      "Bitte ausfüllen.",
    );
    expect(
      messageOf(await asAachen((tx) => createDraft(tx, processId, { source: "custom", title: "T", text: "\n\n" }))),
    ).toBe("Bitte ausfüllen.");
    expect(
      messageOf(await asAachen((tx) => createDraft(tx, processId, { source: "nonsense" as never, title: "T" }))),
    ).toMatch(/woher der Text kommt/);
    must(await custom("Eins.\n\nZwei."));
    expect(await auditCount("participation_draft")).toBe(audited + 1);
  });
});

describe("comments", () => {
  it("are stored per paragraph, anonymous or under a chosen name, numbered, without audit entry", async () => {
    const { id } = must(await custom("Wir sind Aachen.\n\nWir sprechen direkt miteinander."));
    const [p1, p2] = await paragraphs(id);
    const audited = await auditCount("participation_draft_comment");
    const a = must(await comment(id, p2!.id, "  Schöner Satz, aber was heißt direkt?  "));
    const b = must(await comment(id, p1!.id, "Wer ist wir?", "Nachbarin aus Burtscheid"));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    const ps = await paragraphs(id);
    expect(ps[0]!.comments).toEqual([
      { id: b.id, seq: 2, body: "Wer ist wir?", displayName: "Nachbarin aus Burtscheid", hidden: false, answer: null },
    ]);
    expect(ps[1]!.comments[0]).toMatchObject({ body: "Schöner Satz, aber was heißt direkt?", displayName: null });
    // A public comment leaves no trace with a time in the audit log.
    expect(await auditCount("participation_draft_comment")).toBe(audited);
  });

  it("refuses an empty or too long comment, a too long name and a paragraph of another draft", async () => {
    const { id } = must(await custom("A.\n\nB."));
    const { id: other } = must(await custom("C."));
    const [p] = await paragraphs(id);
    const [q] = await paragraphs(other);
    expect(messageOf(await comment(id, p!.id, "   "))).toBe("Bitte ausfüllen.");
    expect(messageOf(await comment(id, p!.id, "x".repeat(2001)))).toMatch(/höchstens 2.000 Zeichen/);
    expect(must(await comment(id, p!.id, "x".repeat(2000))).seq).toBe(1);
    expect(messageOf(await comment(id, p!.id, "ok", "n".repeat(81)))).toMatch(/höchstens 80 Zeichen/);
    expect(messageOf(await comment(id, q!.id, "falscher Absatz"))).toBe(
      "Diesen Absatz gibt es in diesem Entwurf nicht.",
    );
    expect(messageOf(await comment(id, "kein-uuid", "x"))).toBe("Diesen Absatz gibt es in diesem Entwurf nicht.");
    // The database holds the rule too: a paragraph of another draft cannot carry this draft's comment.
    const err = await withSystem(db, (tx) =>
      tx.execute(sql`INSERT INTO participation_draft_comments (tenant_id, process_id, draft_id, paragraph_id, seq, body)
        VALUES (${aachen}, ${processId}, ${id}, ${q!.id}, 99, 'x')`),
    ).catch((e) => e);
    expect(pgErrorCode(err)).toBe("23503");
  });

  it("are refused by a closed draft and by a closed or unpublished process, and taken again when reopened", async () => {
    const { id } = must(await custom("Ein Absatz."));
    const [p] = await paragraphs(id);
    must(await asAachen((tx) => setDraftStatus(tx, id, "closed")));
    expect(messageOf(await comment(id, p!.id, "zu spät"))).toBe(
      "Zu diesem Entwurf können keine Kommentare mehr abgegeben werden.",
    );
    must(await asAachen((tx) => setDraftStatus(tx, id, "open")));
    must(await comment(id, p!.id, "wieder offen"));

    const unpublished = must(
      await asAachen((tx) => createProcess(tx, { kind: "custom", title: "Noch intern", startsOn: "2026-03-01" })),
    ).id;
    const { id: internal } = must(await custom("Intern.", unpublished));
    const [ip] = await paragraphs(internal);
    expect(messageOf(await comment(internal, ip!.id, "x"))).toBe("Diesen Entwurf gibt es nicht.");

    const closing = await publishedProcess(aachen, "Bald beendet");
    const { id: late } = must(await custom("Spät.", closing));
    const [lp] = await paragraphs(late);
    must(await asAachen((tx) => closeProcess(tx, closing)));
    expect(messageOf(await comment(late, lp!.id, "x"))).toMatch(/keine Kommentare mehr/);
    const [{ n }] = await withSystem(db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM participation_draft_comments WHERE draft_id IN (${internal}, ${late})`,
      ),
    );
    expect(n).toBe(0);
  });

  it("hidden ones are left out of the public view; staff see them, answer and show them again (audited)", async () => {
    const { id } = must(await custom("Absatz."));
    const [p] = await paragraphs(id);
    const keep = must(await comment(id, p!.id, "Sachlicher Hinweis"));
    const abuse = must(await comment(id, p!.id, "Beleidigung"));
    const audited = await auditCount("participation_draft_comment");
    must(await asAachen((tx) => moderateComment(tx, id, abuse.id, true)));
    must(await asAachen((tx) => answerComment(tx, id, keep.id, { answer: "Danke, wir nehmen das auf." })));
    const pub = await paragraphs(id, "public");
    expect(pub[0]!.comments.map((c) => c.body)).toEqual(["Sachlicher Hinweis"]);
    expect(pub[0]!.comments[0]!.answer).toBe("Danke, wir nehmen das auf.");
    const staff = await paragraphs(id, "staff");
    expect(staff[0]!.comments.map((c) => [c.body, c.hidden])).toEqual([
      ["Sachlicher Hinweis", false],
      ["Beleidigung", true],
    ]);
    expect((await asAachen((tx) => listDrafts(tx, processId))).find((d) => d.id === id)).toMatchObject({
      paragraphs: 1,
      visible: 1,
      hidden: 1,
      unanswered: 0,
    });
    must(await asAachen((tx) => moderateComment(tx, id, abuse.id, false)));
    expect((await paragraphs(id, "public"))[0]!.comments).toHaveLength(2);
    // An empty answer removes it; too long is refused.
    must(await asAachen((tx) => answerComment(tx, id, keep.id, { answer: "  " })));
    expect((await paragraphs(id))[0]!.comments[0]!.answer).toBeNull();
    expect(messageOf(await asAachen((tx) => answerComment(tx, id, keep.id, { answer: "a".repeat(4001) })))).toMatch(
      /höchstens 4.000/,
    );
    // Hide, answer, show, remove the answer: four entries (the refused answer leaves none).
    expect(await auditCount("participation_draft_comment")).toBe(audited + 4);
    const [entry] = await withSystem(db, (tx) =>
      rows<{ before: unknown; after: unknown }>(
        tx,
        sql`SELECT before, after FROM audit_log WHERE entity = 'participation_draft_comment' AND entity_id = ${keep.id}
            ORDER BY at DESC LIMIT 1`,
      ),
    );
    expect(entry).toEqual({ before: { answer: "Danke, wir nehmen das auf." }, after: { answer: null } });
    // A comment of another draft is not this draft's to moderate or answer.
    const { id: other } = must(await custom("Anderer."));
    expect(messageOf(await asAachen((tx) => moderateComment(tx, other, keep.id, true)))).toMatch(/Diesen Kommentar/);
    expect(messageOf(await asAachen((tx) => answerComment(tx, other, keep.id, { answer: "x" })))).toMatch(
      /Diesen Kommentar/,
    );
  });
});

describe("tenants", () => {
  it("another tenant's draft, paragraphs and comments are invisible and cannot be commented on", async () => {
    const koelnProcess = await publishedProcess(koeln, "Kölner Leitbild");
    const { id } = must(
      await inTenant(koeln, (tx) =>
        createDraft(tx, koelnProcess, { source: "custom", title: "Kölner Entwurf", text: "Köln." }),
      ),
    );
    const [p] = await inTenant(koeln, (tx) => draftParagraphs(tx, id, "staff"));
    must(await inTenant(koeln, (tx) => postComment(tx, id, p!.id, { body: "Kölner Kommentar" })));
    expect(await asAachen((tx) => getDraft(tx, id))).toBeUndefined();
    expect(await asAachen((tx) => listDrafts(tx, koelnProcess))).toEqual([]);
    expect(await paragraphs(id)).toEqual([]);
    expect(messageOf(await comment(id, p!.id, "Übergriff"))).toBe("Diesen Entwurf gibt es nicht.");
    expect(messageOf(await asAachen((tx) => setDraftStatus(tx, id, "closed")))).toBe("Diesen Entwurf gibt es nicht.");
    expect(
      messageOf(await asAachen((tx) => createDraft(tx, koelnProcess, { source: "custom", title: "T", text: "x" }))),
    ).toBe("Dieses Beteiligungsverfahren gibt es nicht.");
    const [k] = await inTenant(koeln, (tx) => draftParagraphs(tx, id, "staff"));
    expect(k!.comments.map((c) => c.body)).toEqual(["Kölner Kommentar"]);
    expect((await inTenant(koeln, (tx) => getDraft(tx, id)))?.status).toBe("open");
  });
});

describe("the comment table", () => {
  it("has no column for an account, an address or a time or date (information_schema)", async () => {
    const cols = await asAachen((tx) =>
      rows<{ column_name: string; data_type: string }>(
        tx,
        sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'participation_draft_comments'`,
      ),
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual(
      [
        "id",
        "tenant_id",
        "process_id",
        "draft_id",
        "paragraph_id",
        "seq",
        "body",
        "display_name",
        "hidden",
        "answer",
      ].sort(),
    );
    const suspicious = cols.filter(
      (c) =>
        /user|account|actor|member|ip|addr|host|agent|session|email|_at$|_on$|time|date|created|updated/i.test(
          c.column_name,
        ) || /timestamp|time|date|inet|cidr/i.test(c.data_type),
    );
    expect(suspicious).toEqual([]);
  });
});
