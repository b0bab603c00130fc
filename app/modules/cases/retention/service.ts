import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { addMonths, isIsoDate } from "~/kernel/dates";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { identityDoc } from "../core/documents";
import { openDocument, unwrapClientKey } from "../core/keys";
import { DEFAULT_MONTHS, MAX_MONTHS, MIN_MONTHS, RECORD_TYPES, retentionPeriods, type RecordType } from "./schema";

// Retention with anonymisation (issue 16 item 5; docs/cases.md "Retention and anonymisation").
// runRetention runs as the owning role (the CLI command cases:retention, daily by cron): a closed case
// whose period has run keeps its metadata (pseudonym, site, status group, dates, so the quarterly
// aggregates stay) plus its birth month and the first three digits of its postcode, and loses
// everything else: every category document, every attachment (0884), its key and its search tokens.
// Access events older than their period are deleted. Set-based per batch; only the decryption of each
// identity document is per client.

const isoDate = z.string().refine(isIsoDate, "cases.retention.errors.date");

export const RetentionPeriodInput = z.object({
  recordType: z.enum(RECORD_TYPES, { message: "cases.retention.errors.recordType" }),
  months: z.coerce
    .number({ message: "cases.retention.errors.months" })
    .int("cases.retention.errors.months")
    .min(MIN_MONTHS, "cases.retention.errors.months")
    .max(MAX_MONTHS, "cases.retention.errors.months"),
});
export type RetentionPeriodInput = z.infer<typeof RetentionPeriodInput>;

export const RetentionRunInput = z.object({
  /** The day the run counts from (the fake clock of tests and of a catch-up run); default today in Berlin. */
  today: isoDate,
  /** Clients per transaction; each client is all-or-nothing within its batch. */
  batchSize: z.number().int().min(1).max(5000).default(500),
});
export type RetentionRunInput = z.input<typeof RetentionRunInput>;

export interface RetentionPeriod {
  recordType: RecordType;
  months: number;
  /** No row of the network's own: the default applies. */
  isDefault: boolean;
}

/** The periods that apply in a network (its own or the defaults), for the settings page. */
export async function listRetentionPeriods(tx: Tx, networkId: string): Promise<RetentionPeriod[]> {
  const own = await rows<{ record_type: RecordType; months: number }>(
    tx,
    sql`SELECT record_type, months FROM case_retention_periods WHERE network_id = ${networkId}::uuid`,
  );
  return RECORD_TYPES.map((recordType) => {
    const o = own.find((r) => r.record_type === recordType);
    return { recordType, months: o?.months ?? DEFAULT_MONTHS[recordType], isDefault: !o };
  });
}

/**
 * Sets a network's period for a record type, in a system transaction behind a page that has checked
 * the caller is an admin of the network's host tenant (like core/network.ts). Audited with the old
 * and new number of months (no personal data).
 */
export async function setRetentionPeriod(
  tx: Tx,
  networkId: string,
  input: unknown,
  actor: { userId: string | null; label: string },
): Promise<Result<RetentionPeriod>> {
  const p = RetentionPeriodInput.safeParse(input);
  if (!p.success) return fail(p.error.issues[0]?.message ?? "cases.retention.errors.months", "months");
  const [net] = await rows<{ host_tenant_id: string }>(
    tx,
    sql`SELECT host_tenant_id FROM case_networks WHERE id = ${networkId}::uuid`,
  );
  if (!net) return fail("cases.retention.errors.network");
  const before = (await listRetentionPeriods(tx, networkId)).find((r) => r.recordType === p.data.recordType)!;
  await tx
    .insert(retentionPeriods)
    .values({ networkId, recordType: p.data.recordType, months: p.data.months })
    .onConflictDoUpdate({
      target: [retentionPeriods.networkId, retentionPeriods.recordType],
      set: { months: p.data.months, updatedAt: new Date() },
    });
  await audit(tx, {
    tenantId: net.host_tenant_id,
    actorId: actor.userId,
    actorLabel: actor.label,
    action: "update",
    entity: "case_retention_period",
    entityId: networkId,
    before: { recordType: before.recordType, months: before.months },
    after: p.data,
  });
  return ok({ ...p.data, isDefault: false });
}

export interface RetentionReport {
  today: string;
  /** Closed cases anonymised in this run. */
  anonymised: number;
  /** Of those, cases whose identity document or key was already gone (nothing to keep of it). */
  withoutIdentity: number;
  /** Access events deleted. */
  accessEventsDeleted: number;
}

interface DueRow {
  id: string;
  network_id: string;
  kek_id: string | null;
  wrapped: Buffer | Uint8Array | null;
  ciphertext: Buffer | Uint8Array | null;
}

/** What anonymisation keeps of an identity: the birth month and the postcode's first three digits. */
function keptOf(row: DueRow): { birthMonth: string | null; postcodePrefix: string | null } | null {
  if (!row.kek_id || !row.wrapped || !row.ciphertext) return null;
  // A missing master key throws (ConfigError) and stops the whole run: nothing is anonymised blind.
  const key = unwrapClientKey(row.id, row.kek_id, Buffer.from(row.wrapped));
  let doc: unknown;
  try {
    doc = openDocument(key, row.id, "identity", Buffer.from(row.ciphertext));
  } catch {
    return null; // unreadable (damaged): its period has run, so it goes all the same
  }
  const id = identityDoc.safeParse(doc);
  if (!id.success) return null;
  return { birthMonth: id.data.birthDate.slice(0, 7), postcodePrefix: id.data.postcode?.slice(0, 3) ?? null };
}

const uuidArray = (ids: string[]) => `{${ids.join(",")}}`;
const textArray = (xs: (string | null)[]) => `{${xs.map((x) => (x === null ? "NULL" : `"${x}"`)).join(",")}}`;

/** Anonymises one batch of due clients in one transaction; returns how many (0: none left). */
async function anonymiseBatch(db: Database, today: string, batchSize: number) {
  return withSystem(db, async (tx) => {
    await tx.execute(sql`SELECT set_config('app.today', ${today}, true)`);
    const due = await rows<DueRow>(
      tx,
      sql`SELECT c.id, c.network_id, k.kek_id, k.wrapped, d.ciphertext
      FROM case_clients c
      JOIN case_retention_due(${today}::date) due ON due.client_id = c.id
      LEFT JOIN case_keys.client_keys k ON k.client_id = c.id
      LEFT JOIN case_client_data d ON d.client_id = c.id AND d.category = 'identity'
      ORDER BY c.id LIMIT ${batchSize}
      FOR UPDATE OF c`,
    );
    if (!due.length) return { done: 0, withoutIdentity: 0, byNetwork: new Map<string, number>() };
    const ids: string[] = [];
    const months: (string | null)[] = [];
    const prefixes: (string | null)[] = [];
    let withoutIdentity = 0;
    const byNetwork = new Map<string, number>();
    for (const r of due) {
      const kept = keptOf(r);
      if (!kept) withoutIdentity++;
      ids.push(r.id);
      months.push(kept?.birthMonth ?? null);
      prefixes.push(kept?.postcodePrefix ?? null);
      byNetwork.set(r.network_id, (byNetwork.get(r.network_id) ?? 0) + 1);
    }
    const idList = uuidArray(ids);
    // The event first, while the categories it removes are still there to name (content-free).
    await tx.execute(sql`INSERT INTO case_access_events (network_id, staff_id, client_id, categories, action, reason)
      SELECT c.network_id, NULL, c.id,
        coalesce((SELECT array_agg(x.category ORDER BY x.category) FROM (
          SELECT d.category FROM case_client_data d WHERE d.client_id = c.id
          UNION SELECT 'attachments' FROM case_attachments a WHERE a.client_id = c.id) x), '{}'),
        'write', 'retention'
      FROM case_clients c WHERE c.id = ANY (${idList}::uuid[])`);
    await tx.execute(sql`UPDATE case_clients c SET state = 'anonymised', anonymised_at = now(),
        birth_month = v.birth_month, postcode_prefix = v.postcode_prefix
      FROM unnest(${idList}::uuid[], ${textArray(months)}::text[], ${textArray(prefixes)}::text[])
        AS v(id, birth_month, postcode_prefix)
      WHERE c.id = v.id`);
    await tx.execute(sql`DELETE FROM case_client_data WHERE client_id = ANY (${idList}::uuid[])`);
    // Attachments (0884): the files and their names; their contents go with them (ON DELETE CASCADE).
    await tx.execute(sql`DELETE FROM case_attachments WHERE client_id = ANY (${idList}::uuid[])`);
    await tx.execute(sql`DELETE FROM case_keys.client_keys WHERE client_id = ANY (${idList}::uuid[])`);
    await tx.execute(sql`DELETE FROM case_keys.search_tokens WHERE client_id = ANY (${idList}::uuid[])`);
    return { done: due.length, withoutIdentity, byNetwork };
  });
}

/**
 * The retention run, as the system. Idempotent: a second run on the same day finds nothing more.
 * Clients go in batches, each one transaction, so a client is anonymised entirely or not at all; the
 * access log per network in one statement each. Writes one audit entry per network that changed.
 */
export async function runRetention(db: Database, input: RetentionRunInput): Promise<RetentionReport> {
  const { today, batchSize } = RetentionRunInput.parse(input);
  const report: RetentionReport = { today, anonymised: 0, withoutIdentity: 0, accessEventsDeleted: 0 };
  const perNetwork = new Map<string, { anonymised: number; accessEventsDeleted: number }>();
  const entry = (n: string) =>
    perNetwork.get(n) ?? perNetwork.set(n, { anonymised: 0, accessEventsDeleted: 0 }).get(n)!;
  for (;;) {
    const b = await anonymiseBatch(db, today, batchSize);
    report.anonymised += b.done;
    report.withoutIdentity += b.withoutIdentity;
    for (const [n, k] of b.byNetwork) entry(n).anonymised += k;
    if (b.done < batchSize) break;
  }
  const nets = await withSystem(db, (tx) =>
    rows<{ id: string; months: number }>(
      tx,
      sql`SELECT id, case_retention_months(id, 'access_events') AS months FROM case_networks ORDER BY id`,
    ),
  );
  for (const n of nets) {
    const cutoff = addMonths(today, -n.months);
    const deleted = await withSystem(db, async (tx) => {
      // The append-only trigger lets exactly this through: this network, events before the cut-off.
      await tx.execute(sql`SELECT set_config('app.case_retention', ${`${n.id}/${cutoff}`}, true)`);
      const r = await rows<{ n: number }>(
        tx,
        sql`WITH gone AS (DELETE FROM case_access_events WHERE network_id = ${n.id}::uuid AND at < ${cutoff}::date
          RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      );
      return r[0].n;
    });
    report.accessEventsDeleted += deleted;
    if (deleted) entry(n.id).accessEventsDeleted += deleted;
  }
  if (perNetwork.size)
    await withSystem(db, async (tx) => {
      for (const [networkId, counts] of perNetwork) {
        const [net] = await rows<{ host_tenant_id: string }>(
          tx,
          sql`SELECT host_tenant_id FROM case_networks WHERE id = ${networkId}::uuid`,
        );
        await audit(tx, {
          tenantId: net?.host_tenant_id ?? null,
          actorId: null,
          actorLabel: "Aufbewahrung (cases:retention)",
          action: "update",
          entity: "case_retention",
          entityId: networkId,
          after: { today, ...counts },
        });
      }
    });
  return report;
}
