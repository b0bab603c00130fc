import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import type { Log } from "~/kernel/modules";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { addSession, createCourse, setParticipants, submitEvaluation } from "./service";

// One training of the Stadt Aachen with sessions in two half-years, participants per unit and
// evaluations, all invented and marked as an example. The course's title is one of the Jobcenter
// Dortmund's seminars (seed 004:4128–4129); one session has only four evaluations, so it shows no result.

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

const SESSIONS: { heldOn: string; place: string; units: [string, number][]; marks: [number, number][] }[] = [
  {
    heldOn: "2025-10-14",
    place: "Verwaltungsgebäude Katschhof, Raum 112",
    units: [
      ["FB 56 – Wohnen, Soziales und Integration", 9],
      ["FB 32 – Sicherheit und Ordnung", 5],
    ],
    marks: [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 3],
      [3, 2],
      [2, 2],
      [1, 1],
      [2, 3],
      [4, 2],
      [2, 2],
      [1, 2],
    ],
  },
  {
    heldOn: "2025-11-25",
    place: "Verwaltungsgebäude Katschhof, Raum 112",
    units: [["FB 20 – Personal und Organisation", 6]],
    marks: [
      [1, 1],
      [2, 2],
      [1, 2],
      [3, 3],
    ],
  },
  {
    heldOn: "2026-03-10",
    place: "Bürgerservice Bahnhofplatz",
    units: [
      ["FB 56 – Wohnen, Soziales und Integration", 7],
      ["Bürgerservice", 8],
    ],
    marks: [
      [1, 1],
      [1, 1],
      [1, 2],
      [2, 1],
      [1, 2],
      [2, 2],
      [1, 1],
      [1, 3],
      [2, 2],
      [1, 1],
      [3, 2],
      [1, 2],
      [2, 1],
      [1, 1],
      [2, 2],
    ],
  },
  {
    heldOn: "2026-05-19",
    place: "Verwaltungsgebäude Katschhof, Raum 112",
    units: [["FB 32 – Sicherheit und Ordnung", 10]],
    marks: [
      [1, 2],
      [2, 1],
      [1, 1],
      [2, 2],
      [1, 2],
      [3, 1],
      [1, 1],
      [2, 2],
    ],
  },
];

export async function seedDemo(db: Database, log: Log) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const { id } = must(
      await createCourse(tx, {
        title: "Interkulturelle Kompetenz für mehr Handlungskompetenz in Beruf und Alltag",
        description:
          "Beispiel für die Demonstration: Termine, Teilnehmende und Bewertungen sind erfunden. Der Titel ist ein Seminar des Jobcenters Dortmund (NRW-Bericht 2018).",
        targetGroups: ["Beschäftigte mit Publikumsverkehr", "Führungskräfte"],
        mandatory: true,
        isDemo: true,
      }),
    );
    for (const s of SESSIONS) {
      const session = must(await addSession(tx, { courseId: id, heldOn: s.heldOn, place: s.place }));
      for (const [unit, participants] of s.units)
        must(await setParticipants(tx, { sessionId: session.id, unit, participants }));
      const [{ code }] = await rows<{ code: string }>(
        tx,
        sql`SELECT eval_code AS code FROM opening_training_sessions WHERE id = ${session.id}`,
      );
      for (const [insights, interest] of s.marks)
        must(await submitEvaluation(tx, { code, marks: { insights, interest } }));
    }
  });
  log("Schulungen: ein Beispielkurs mit vier Terminen und Bewertungen (Stadt Aachen)");
}
