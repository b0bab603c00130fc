import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../tests/support/db";
import { taxonomyUsage } from "../../../tests/support/app";
import { createTerm, deleteTerm, getTerm } from "~/kernel/taxonomy/service";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { getT } from "~/kernel/i18n";
import { FACHFORUM, FACHGESPRAECH } from "./demo";
import { publishRefusal } from "./http.server";
import {
  addCard,
  addRole,
  chainJson,
  chainRows,
  CHAIN_COLUMNS,
  createProcess,
  getProcess,
  guidingQuestions,
  listCards,
  listPhases,
  listProcesses,
  listRoles,
  overdue,
  processWarnings,
  publicProcess,
  publishProcess,
  setCompetence,
  setOutcome,
  updateDetails,
} from "./service";
import "./routes/strings";

// Participation processes (issue 12 item 1; decision 0025) on Aachen's demo data.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
const de = getT("de");

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
const asAachen = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(aachen, fn);
const hfId = (tx: Tx, name: string) =>
  rows<{ id: string }>(tx, sql`SELECT id FROM taxonomy_terms WHERE kind = 'handlungsfeld' AND name = ${name}`).then(
    (r) => r[0].id,
  );
/** The SQLSTATE a statement fails with ("23503" foreign key, "23514" check), or "ok". */
const sqlState = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code ?? String(e),
  );
const byTitle = async (tx: Tx, title: string) => (await listProcesses(tx)).find((p) => p.title === title)!;

// Typed by hand from seed 000, lines 2512–2526 (the four "Leitende Fragestellungen"), one per Themenfeld.
const SEED_QUESTIONS = [
  {
    themenfeld: "Interkulturelle Öffnung",
    text: "Welche Maßnahmen im vorliegenden Handlungsfeld sind im Themenfeld der Interkulturellen Öffnung noch zu ergänzen?",
  },
  {
    themenfeld: "Anerkennungs- und Willkommenskultur",
    text: "Welche Bedarfe ergeben sich im vorliegenden Handlungsfeld, um die Anerkennungs- und Willkommenskultur zu stärken?",
  },
  {
    themenfeld: "Zusammenleben im Quartier",
    text: "Welche Möglichkeiten eröffnen sich auf der Ebene des Quartiers für das vorliegende Handlungsfeld?",
  },
  {
    themenfeld: "Gesellschaftliches Engagement und Teilhabe",
    text: "Gibt es im Rahmen des Ehrenamtes und des bürgerschaftlichen Engagements noch Unterstützungsbedarfe bezüglich des vorliegenden Handlungsfeldes?",
  },
];

describe("the Fachgespräch template", () => {
  it("gives the Fachgespräch Arbeit / Weiterbildung exactly the four questions of the seed, word for word, each with its Themenfeld", async () => {
    const p = await asAachen((tx) => byTitle(tx, FACHGESPRAECH));
    expect(p.handlungsfeld).toBe("Arbeit / Weiterbildung");
    const qs = guidingQuestions(p.handlungsfeld!);
    // The slot names the Handlungsfeld right after the seed's words for it; without it, the seed's text.
    const slot = " „Arbeit / Weiterbildung“";
    expect(
      qs.map((q) => ({ themenfeld: de(`participation.themenfelder.${q.themenfeld}`), text: q.text.replace(slot, "") })),
    ).toEqual(SEED_QUESTIONS);
    expect(qs.map((q) => q.text)).toEqual([
      "Welche Maßnahmen im vorliegenden Handlungsfeld „Arbeit / Weiterbildung“ sind im Themenfeld der Interkulturellen Öffnung noch zu ergänzen?",
      "Welche Bedarfe ergeben sich im vorliegenden Handlungsfeld „Arbeit / Weiterbildung“, um die Anerkennungs- und Willkommenskultur zu stärken?",
      "Welche Möglichkeiten eröffnen sich auf der Ebene des Quartiers für das vorliegende Handlungsfeld „Arbeit / Weiterbildung“?",
      "Gibt es im Rahmen des Ehrenamtes und des bürgerschaftlichen Engagements noch Unterstützungsbedarfe bezüglich des vorliegenden Handlungsfeldes „Arbeit / Weiterbildung“?",
    ]);
    expect(qs.map((q) => q.source)).toEqual(["000:2512–2514", "000:2516–2518", "000:2520–2522", "000:2524–2526"]);
  });

  it("warns of a Themenfeld without Pate until one is named, and of a Handlungsfeld that is not the city's task", async () => {
    await asAachen(async (tx) => {
      const p = (await getProcess(tx, (await byTitle(tx, FACHGESPRAECH)).id))!;
      expect(await processWarnings(tx, p, await listRoles(tx, p.id))).toEqual([
        { kind: "noPate", themenfeld: "engagement" },
      ]);
      must(await addRole(tx, p.id, { role: "themenfeld_pate", personName: "Test Pate", themenfeld: "engagement" }));
      expect(await processWarnings(tx, p, await listRoles(tx, p.id))).toEqual([]);

      const sport = await hfId(tx, "Sport / Gesundheit");
      const id = must(
        await createProcess(tx, {
          kind: "fachgespraech",
          title: "FG Sport",
          startsOn: "2026-05-04",
          handlungsfeldId: sport,
        }),
      ).id;
      const w = await processWarnings(tx, (await getProcess(tx, id))!, []);
      expect(w).toHaveLength(5);
      expect(w[4]).toMatchObject({ kind: "competence", handlungsfeld: "Sport / Gesundheit", competence: "partial" });
      expect((w[4] as { note: string }).note).toContain("StädteRegion");
    });
  });

  it("refuses a Fachgespräch without a Handlungsfeld, and a Pate without a Themenfeld", async () => {
    await asAachen(async (tx) => {
      const r = await createProcess(tx, { kind: "fachgespraech", title: "ohne HF", startsOn: "2026-05-04" });
      expect(r.ok ? "" : de(r.error.code)).toBe("Ein Fachgespräch gilt einem Handlungsfeld: bitte eines wählen.");
      const id = (await byTitle(tx, FACHFORUM)).id;
      await expect(addRole(tx, id, { role: "themenfeld_pate", personName: "X" })).rejects.toThrow();
    });
  });
});

describe("processes from templates and publishing", () => {
  it("makes the template's phases, dated from the start day", async () => {
    await asAachen(async (tx) => {
      const id = must(
        await createProcess(tx, { kind: "zukunftswerkstatt", title: "ZW neu", startsOn: "2026-03-10" }),
      ).id;
      expect((await listPhases(tx, id)).map((p) => [p.name, p.startsOn, p.endsOn])).toEqual([
        ["Kritikphase", "2026-03-10", "2026-03-10"],
        ["Phantasiephase", "2026-03-10", "2026-03-10"],
        ["Realisierungsphase", "2026-03-10", "2026-03-10"],
        ["Rückmeldung an die Beteiligten", "2026-03-11", "2026-06-08"],
      ]);
    });
  });

  it("refuses to publish, naming what is missing, until contact, scope, deciding body and answer date are set", async () => {
    await asAachen(async (tx) => {
      const id = must(await createProcess(tx, { kind: "world_cafe", title: "Café", startsOn: "2026-04-01" })).id;
      const r1 = await publishProcess(tx, id);
      expect(r1.ok).toBe(false);
      expect(r1.ok ? "" : publishRefusal(de, r1)).toBe(
        "Veröffentlichen ist noch nicht möglich: Es fehlt eine Ansprechperson mit Kontakt, der Entscheidungsspielraum, das entscheidende Gremium und das Datum der begründeten Rückmeldung. Ohne sie wissen die Beteiligten nicht, worüber sie mitreden, wer entscheidet und wann sie eine Antwort bekommen.",
      );
      // A name without a way to reach the person is not a contact.
      must(
        await updateDetails(tx, id, {
          contactName: "Frau Beispiel",
          decisionScope: "Ideen für den Stadtteil",
          answerDueOn: "2026-06-30",
        }),
      );
      const r2 = await publishProcess(tx, id);
      expect(r2.ok ? "" : publishRefusal(de, r2)).toContain(
        "Es fehlt eine Ansprechperson mit Kontakt und das entscheidende Gremium.",
      );
      expect((await getProcess(tx, id))!.status).toBe("draft");
      must(
        await updateDetails(tx, id, {
          contactName: "Frau Beispiel",
          contactAddress: "beteiligung@example.org",
          decisionScope: "Ideen für den Stadtteil",
          decidingBody: "Bezirksvertretung Mitte",
          answerDueOn: "2026-06-30",
        }),
      );
      must(await publishProcess(tx, id));
      const p = (await getProcess(tx, id))!;
      expect(p.status).toBe("published");
      // A name that is no body of the bodies module stays text.
      expect([p.decidingBodyName, p.decidingBodyId]).toEqual(["Bezirksvertretung Mitte", null]);
    });
  });

  it("links a deciding body named like one of the bodies module", async () => {
    const p = await asAachen((tx) => byTitle(tx, FACHGESPRAECH));
    expect(p.decidingBodyName).toBe("Steuerungsgruppe „Integration im Querschnitt“");
    expect(p.decidingBodyId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("cards and the Zukunftswerkstatt chain", () => {
  it("keeps the chain Kritik → Phantasie → Realisierung and exports it with German columns", async () => {
    await asAachen(async (tx) => {
      const id = (await byTitle(tx, FACHFORUM)).id;
      const cards = await listCards(tx, id);
      expect(cards.map((c) => [c.seq, c.kind, c.phase, c.inverts, c.concretises])).toEqual([
        [1, "critique", "Kritikphase", [], []],
        [2, "critique", "Kritikphase", [], []],
        [3, "critique", "Kritikphase", [], []],
        [4, "idea", "Phantasiephase", [1], []],
        [5, "idea", "Phantasiephase", [2, 3], []],
        [6, "proposal", "Realisierungsphase", [], [4]],
        [7, "proposal", "Realisierungsphase", [], [5]],
        // adopted with changes; it amends a measure (decision 0028)
        [8, "proposal", "Realisierungsphase", [], [4, 5]],
      ]);
      const label = (k: string) => de(k);
      const rowsOut = chainRows(cards, label);
      expect(rowsOut[5]).toEqual([
        6,
        "Realisierungsphase",
        "Vorschlag",
        "Zentrale Warteliste aller Kursträger mit monatlicher Abstimmung (Beispiel).",
        null,
        "4",
        null,
        null,
        "Eine halbe Stelle Koordination (Beispiel)",
        "Kommunales Integrationszentrum (Beispiel)",
        "Datenschutz bei der gemeinsamen Liste (Beispiel)",
        "machbar unter Bedingungen",
        "zurückgestellt",
        "Erst nach Klärung des Datenschutzes mit den Trägern (Beispiel).",
      ]);
      expect(Object.keys(chainJson(cards, label)[4])).toEqual([...CHAIN_COLUMNS]);
      expect(chainJson(cards, label)[4]["Kehrt Kritik um (Nr.)"]).toBe("2, 3");
    });
  });

  it("lets an idea invert only critiques of the same process, and a proposal concretise only ideas", async () => {
    await asAachen(async (tx) => {
      const zw = (await byTitle(tx, FACHFORUM)).id;
      const fg = (await byTitle(tx, FACHGESPRAECH)).id;
      const [critique] = (await listCards(tx, zw)).filter((c) => c.kind === "critique");
      const [idea] = (await listCards(tx, zw)).filter((c) => c.kind === "idea");
      const other = await addCard(tx, fg, { kind: "idea", body: "Idee", inverts: [critique.id] });
      expect(other.ok ? "" : de(other.error.code)).toBe(
        "Eine Idee kann nur Kritikpunkte desselben Verfahrens umkehren.",
      );
      const wrongKind = await addCard(tx, zw, { kind: "proposal", body: "V", concretises: [critique.id] });
      expect(wrongKind.ok ? "" : de(wrongKind.error.code)).toBe(
        "Ein Vorschlag kann nur Ideen desselben Verfahrens konkretisieren.",
      );
      await expect(addCard(tx, zw, { kind: "critique", body: "K", inverts: [critique.id] })).rejects.toThrow();
      expect(idea.inverts).toEqual([1]);
    });
  });

  it("enforces the same in the database: a link to a card of another kind or process is refused", async () => {
    // A critique in another process, to link to from the Zukunftswerkstatt.
    const foreignCritique = await asAachen(async (tx) => {
      const other = must(
        await createProcess(tx, { kind: "custom", title: "Andere Kritik", startsOn: "2026-04-01" }),
      ).id;
      return must(await addCard(tx, other, { kind: "critique", body: "Kritik anderswo" })).id;
    });
    const [zwCards, fgCards] = await asAachen(async (tx) => [
      await listCards(tx, (await byTitle(tx, FACHFORUM)).id),
      await listCards(tx, (await byTitle(tx, FACHGESPRAECH)).id),
    ]);
    const zw = await asAachen(async (tx) => (await byTitle(tx, FACHFORUM)).id);
    const idea = zwCards.find((c) => c.kind === "idea")!;
    const critique = zwCards.find((c) => c.kind === "critique")!;
    const proposal = zwCards.find((c) => c.kind === "proposal")!;
    const insert = (ideaId: string, critiqueId: string) =>
      asAachen((tx) =>
        tx.execute(
          sql`INSERT INTO participation_inversions (tenant_id, process_id, idea_id, critique_id) VALUES (app_tenant_id(), ${zw}, ${ideaId}, ${critiqueId})`,
        ),
      );
    expect(await sqlState(insert(idea.id, proposal.id))).toBe("23503");
    expect(await sqlState(insert(idea.id, fgCards[0].id))).toBe("23503");
    expect(await sqlState(insert(idea.id, foreignCritique))).toBe("23503");
    expect(await sqlState(insert(critique.id, critique.id))).toBe("23503");
    // The right kinds of the same process go in.
    expect(await sqlState(insert(idea.id, zwCards.find((c) => c.seq === 3)!.id))).toBe("ok");
    expect(
      await sqlState(
        asAachen((tx) =>
          tx.execute(
            sql`INSERT INTO participation_concretisations (tenant_id, process_id, item_id, idea_id) VALUES (app_tenant_id(), ${zw}, ${proposal.id}, ${critique.id})`,
          ),
        ),
      ),
    ).toBe("23503");
  });

  it("numbers the cards of a process one after another", async () => {
    await asAachen(async (tx) => {
      const id = must(await createProcess(tx, { kind: "open_space", title: "OS", startsOn: "2026-04-01" })).id;
      for (const body of ["a", "b", "c"]) must(await addCard(tx, id, { kind: "question", body }));
      expect((await listCards(tx, id)).map((c) => [c.seq, c.anonymous, c.authorLabel])).toEqual([
        [1, true, null],
        [2, true, null],
        [3, true, null],
      ]);
    });
  });
});

describe("anonymous cards", () => {
  it("have no column for an account, an address or a time of entry (information_schema)", async () => {
    const cols = await asAachen((tx) =>
      rows<{ column_name: string; data_type: string }>(
        tx,
        sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'participation_cards'`,
      ),
    );
    expect(cols.length).toBeGreaterThan(10);
    const suspicious = cols.filter(
      (c) =>
        /user|account|actor|member|ip|addr|host|agent|session|_at$|time|created|updated/i.test(c.column_name) ||
        /timestamp|time|inet|cidr/i.test(c.data_type),
    );
    expect(suspicious).toEqual([]);
  });

  it("carry an author label only when not anonymous; the public view drops the label", async () => {
    await asAachen(async (tx) => {
      const id = (await byTitle(tx, FACHGESPRAECH)).id;
      const c = must(
        await addCard(tx, id, {
          kind: "recommendation",
          body: "Benannte Empfehlung",
          authorLabel: "Handwerkskammer (Test)",
        }),
      );
      const mine = (await listCards(tx, id)).find((x) => x.id === c.id)!;
      expect([mine.anonymous, mine.authorLabel]).toEqual([false, "Handwerkskammer (Test)"]);
      const pub = await publicProcess(tx, id);
      expect(JSON.stringify(pub)).not.toContain("Handwerkskammer (Test)");
      return c.id;
    });
    // The database refuses an anonymous card with a name.
    expect(
      await sqlState(
        asAachen((tx) =>
          tx.execute(
            sql`UPDATE participation_cards SET anonymous = true WHERE author_label = 'Handwerkskammer (Test)'`,
          ),
        ),
      ),
    ).toBe("23514");
  });
});

describe("proposal outcomes", () => {
  it("wants a reason for every outcome but eingegangen and in Prüfung, and marks unanswered proposals overdue", async () => {
    await asAachen(async (tx) => {
      const p = (await getProcess(tx, (await byTitle(tx, FACHFORUM)).id))!;
      const [, open] = (await listCards(tx, p.id)).filter((c) => c.kind === "proposal");
      expect(open.outcome).toBe("eingegangen");
      expect(overdue(p, open, "2022-03-31")).toBe(false);
      expect(overdue(p, open, "2022-04-01")).toBe(true);
      await expect(setOutcome(tx, p.id, open.id, { outcome: "abgelehnt" })).rejects.toThrow();
      must(await setOutcome(tx, p.id, open.id, { outcome: "in_pruefung" }));
      must(await setOutcome(tx, p.id, open.id, { outcome: "abgelehnt", reason: "Keine Räume (Test)." }));
      const now = (await listCards(tx, p.id)).find((c) => c.id === open.id)!;
      expect(overdue(p, now, "2026-01-01")).toBe(false);
      // A critique has no outcome.
      const critique = (await listCards(tx, p.id)).find((c) => c.kind === "critique")!;
      expect((await setOutcome(tx, p.id, critique.id, { outcome: "uebernommen", reason: "x" })).ok).toBe(false);
    });
  });
});

describe("tenants", () => {
  it("hides Aachen's processes from Köln, and a draft from the public view", async () => {
    const id = await asAachen(async (tx) => (await byTitle(tx, FACHGESPRAECH)).id);
    expect(await inTenant(koeln, (tx) => getProcess(tx, id))).toBeUndefined();
    expect(await inTenant(koeln, (tx) => listProcesses(tx))).toEqual([]);
    expect(await inTenant(koeln, (tx) => publicProcess(tx, id))).toBeUndefined();
    await asAachen(async (tx) => {
      const draft = must(await createProcess(tx, { kind: "custom", title: "Entwurf", startsOn: "2026-04-01" })).id;
      expect(await publicProcess(tx, draft)).toBeUndefined();
      expect((await publicProcess(tx, id))?.process.title).toBe(FACHGESPRAECH);
    });
  });
});

describe("the tenant's Handlungsfelder (kernel taxonomy, decision 0037)", () => {
  // Each use on its own: a process, a card, a competence note – each alone keeps its term from deletion.
  const uses: [string, (tx: Tx, term: string) => Promise<unknown>][] = [
    [
      "processes",
      async (tx, term) =>
        must(
          await createProcess(tx, {
            kind: "fachgespraech",
            title: "FG neu",
            startsOn: "2026-05-04",
            handlungsfeldId: term,
          }),
        ),
    ],
    [
      "cards",
      async (tx, term) => {
        const p = must(await createProcess(tx, { kind: "custom", title: "Ohne Feld", startsOn: "2026-05-04" }));
        must(await addCard(tx, p.id, { kind: "recommendation", body: "Empfehlung", handlungsfeldId: term }));
      },
    ],
    [
      "competences",
      async (tx, term) =>
        must(await setCompetence(tx, { handlungsfeldId: term, competence: "outside", note: "Kreis" })),
    ],
  ];

  for (const [what, use] of uses)
    it(`refuses to delete a Handlungsfeld that ${what} use, and names the use in German`, async () => {
      await rolledBack(db, aachen, async (tx) => {
        const term = must(await createTerm(tx, "handlungsfeld", { name: "Neues Feld" })).id;
        await use(tx, term);
        const r = await deleteTerm(tx, term, taxonomyUsage);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect("uses" in r && r.uses.map((u) => [u.labelKey, u.count])).toEqual([
          [`participation.taxonomyUse.${what}`, 1],
        ]);
        expect(de(r.error.code, r.error.params)).toMatch(/^„Neues Feld“ wird noch 1-mal verwendet/);
        expect(await getTerm(tx, term)).toBeTruthy();
      });
    });

  it("deletes a Handlungsfeld nothing uses, and counts uses only in the own tenant", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const term = must(await createTerm(tx, "handlungsfeld", { name: "Unbenutzt" }));
      expect(await taxonomyUsage(tx, [term])).toEqual([]);
      expect((await deleteTerm(tx, term.id, taxonomyUsage)).ok).toBe(true);
    });
    // Aachen's demo Fachgespräch uses "Arbeit / Weiterbildung"; Köln's term of that name is unused by Köln's processes.
    const counted = await inTenant(koeln, async (tx) => {
      const term = (await getTerm(tx, await hfId(tx, "Arbeit / Weiterbildung")))!;
      return taxonomyUsage(tx, [term]);
    });
    expect(counted.filter((u) => u.labelKey.startsWith("participation."))).toEqual([]);
  });
});
