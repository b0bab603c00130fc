import { eq } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { ServiceError, type Result } from "~/kernel/errors";
import type { Log } from "~/kernel/modules";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { addMediator, assignMediator, finishRequest, requestMediation } from "./service";

// Aachen's language-mediator pool as seed 004 describes such pools (staff volunteers, employed and
// contracted mediators, a telephone service; qualification with exam; hours per language and year).
// The people are invented and marked as example; the staff volunteer is the demo viewer account, so
// the mediator's own view has something to show.
export const DEMO_MEDIATOR_ACCOUNT = "viewer.aachen@example.org";

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

export async function seedDemo(db: Database, log: Log) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  const [account] = await withSystem(db, (tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_MEDIATOR_ACCOUNT)),
  );
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const opts = { isDemo: true };
    const amina = must(
      await addMediator(
        tx,
        {
          name: "Amina Beispiel",
          kind: "contracted",
          languages: ["ar", "ku"],
          qualification: "Qualifizierung Sprachmittlung (Beispiel)",
          qualificationHours: 60,
          examPassed: true,
          pledgedOn: "2025-01-15",
          listingConsent: true,
          availability: "vormittags",
        },
        opts,
      ),
    ).id;
    const oleksandr = must(
      await addMediator(
        tx,
        {
          name: "Oleksandr Beispiel",
          kind: "staff_volunteer",
          languages: ["uk", "ru"],
          qualification: "Qualifizierung Sprachmittlung (Beispiel)",
          qualificationHours: 60,
          examPassed: true,
          pledgedOn: "2025-03-01",
          listingConsent: true,
          availability: "nach Absprache mit der Dienststelle",
        },
        { ...opts, userId: account?.id ?? null },
      ),
    ).id;
    const deniz = must(
      await addMediator(
        tx,
        { name: "Deniz Beispiel", kind: "employed", languages: ["tr"], pledgedOn: "2024-11-04", listingConsent: false },
        opts,
      ),
    ).id;
    must(
      await addMediator(
        tx,
        {
          name: "Gebärdensprachdolmetschdienst (Beispiel)",
          kind: "contracted",
          languages: ["gsg"],
          pledgedOn: "2025-01-01",
          listingConsent: true,
          availability: "Buchung zwei Wochen im Voraus",
        },
        opts,
      ),
    );
    must(
      await addMediator(
        tx,
        { name: "Farid Beispiel", kind: "contracted", languages: ["fa", "ps"], listingConsent: true },
        opts,
      ),
    );
    const done = async (language: string, onDate: string, mediator: string, hours: number, department: string) => {
      const r = must(
        await requestMediation(
          tx,
          {
            department,
            language,
            onDate,
            atTime: "10:00",
            place: "Verwaltungsgebäude Katschhof, Raum 112",
            purpose: "Beispiel: Beratungsgespräch",
          },
          opts,
        ),
      );
      must(await assignMediator(tx, r.id, mediator));
      must(await finishRequest(tx, r.id, "done", hours));
    };
    await done("ar", "2025-05-12", amina, 2, "Fachbereich Wohnen, Soziales und Integration");
    await done("ar", "2025-09-03", amina, 1.5, "Jugendamt");
    await done("uk", "2025-06-20", oleksandr, 1, "Bürgerservice");
    await done("tr", "2025-10-07", deniz, 2.5, "Gesundheitsamt");
    const next = must(
      await requestMediation(
        tx,
        {
          department: "Bürgerservice",
          language: "uk",
          onDate: "2026-12-10",
          atTime: "09:30",
          place: "Bürgerservice, Bahnhofplatz 3",
          purpose: "Beispiel: Anmeldung einer Familie",
        },
        opts,
      ),
    );
    must(await assignMediator(tx, next.id, oleksandr));
    must(
      await requestMediation(
        tx,
        {
          department: "Jugendamt",
          language: "fa",
          onDate: "2026-12-15",
          place: "Jugendamt, Mozartstraße 2",
          purpose: "Beispiel: Hilfeplangespräch",
        },
        opts,
      ),
    );
  });
  log("Interkulturelle Öffnung: Pool der Sprachmittlung (Aachen)");
}
