import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { DEMO_HEADINGS, DEMO_NOTES, DEMO_REPORTS, DEMO_TYPES, headingName } from "./demo-data";
import { loadPartnerTable, type PartnerTable } from "./parse";
import {
  addAlias,
  addMember,
  addModule,
  addPeriod,
  createPartner,
  reportForPeriod,
  reviewReport,
  saveAgreement,
  saveEntry,
  submitReport,
} from "./service";

// The NRW tenant's partner network as seed 004 shows it: the 28 partners of the table (parsed from the
// seed where it is available, else from the committed copy of its lines), the names their report
// headings use, #12's nine member cities, and for three partners their reported modules as short
// verbatim excerpts with source lines. Every row is marked as an example.

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};
const squash = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** Writes the network into the current tenant; returns the partner ids by ordinal. */
export async function seedPartnerNetwork(tx: Tx, table: PartnerTable, opts: { reports?: boolean } = {}) {
  const ids = new Map<number, string>();
  for (const p of table.partners) {
    const id = must(
      await createPartner(tx, {
        ordinal: p.ordinal,
        name: p.name,
        type: DEMO_TYPES[p.ordinal] ?? (p.members ? "kooperation" : "sonstige"),
        joinedOn: p.joinedOn,
        note: DEMO_NOTES[p.ordinal],
        sourceLine: p.line,
        isDemo: true,
      }),
    ).id;
    ids.set(p.ordinal, id);
    for (const [i, name] of (p.members ?? []).entries())
      must(await addMember(tx, { partnerId: id, name, position: i }));
  }
  for (const h of DEMO_HEADINGS) {
    const id = ids.get(h.ordinal);
    const p = table.partners.find((x) => x.ordinal === h.ordinal);
    const alias = headingName(h.heading);
    if (id && p && squash(alias) !== squash(p.name)) must(await addAlias(tx, { partnerId: id, alias }));
  }
  if (opts.reports === false) return ids;
  for (const r of DEMO_REPORTS) {
    const partnerId = ids.get(r.ordinal);
    if (!partnerId) continue;
    if (r.agreement)
      must(
        await saveAgreement(tx, {
          partnerId,
          declaration: `${r.agreement.text} (Seed 004, Zeilen ${r.agreement.from}–${r.agreement.to})`,
          signedOn: table.partners.find((x) => x.ordinal === r.ordinal)?.joinedOn,
        }),
      );
    const modules = [];
    for (const m of r.modules)
      modules.push({
        id: must(
          await addModule(tx, {
            partnerId,
            title: m.title.text,
            description: `Seed 004, Zeile ${m.title.from}${m.title.to > m.title.from ? `–${m.title.to}` : ""}`,
            recurring: m.recurring,
            isDemo: true,
          }),
        ).id,
        m,
      });
    const periodId = must(
      await addPeriod(tx, { partnerId, startsOn: r.period.startsOn, endsOn: r.period.endsOn, dueOn: r.period.dueOn }),
    ).id;
    const reportId = must(await reportForPeriod(tx, periodId, { isDemo: true })).id;
    for (const { id, m } of modules)
      must(
        await saveEntry(tx, {
          reportId,
          moduleId: id,
          progress: `${m.progress.text} (Seed 004, Zeilen ${m.progress.from}–${m.progress.to})`,
          sourceLine: m.progress.from,
        }),
      );
    if (r.status !== "draft") must(await submitReport(tx, reportId));
    if (r.status === "reviewed") must(await reviewReport(tx, reportId, r.reviewComment ?? "Geprüft."));
  }
  return ids;
}

export async function seedDemo(db: Database, log: (m: string) => void = () => {}) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "nrw"));
  if (!tenant) return;
  const table = loadPartnerTable();
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const [has] = await rows(tx, sql`SELECT 1 FROM opening_partners LIMIT 1`);
    if (has) return;
    await seedPartnerNetwork(tx, table);
  });
  log(
    `Partnernetzwerk: ${table.partners.length} Partner aus Seed 004 (${table.source === "seed" ? "Seed" : "Fixture"}).`,
  );
}
