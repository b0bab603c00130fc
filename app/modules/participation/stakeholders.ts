import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";

// The stakeholder register and its Vier-Felder-Analyse (issue 12 item 7; decision 0025 addendum).

const text = (max: number) =>
  z.string().trim().min(1, "participation.errors.required").max(max, "participation.errors.tooLong");
const scale = (code: string) => z.coerce.number(code).int(code).min(1, code).max(4, code);

export const StakeholderInput = /* @__PURE__ */ z
  .object({
    organisationId: z.uuid("participation.errors.stakeholderWho").optional(),
    personName: text(200).optional(),
    legalBasis: text(500).optional(),
    influence: scale("participation.errors.influence"),
    attitude: scale("participation.errors.attitude"),
    interests: text(2000).optional(),
    engagement: text(2000).optional(),
  })
  .refine((s) => !!s.organisationId !== !!s.personName, {
    message: "participation.errors.stakeholderWho",
    path: ["organisationId"],
  })
  .refine((s) => !s.personName || !!s.legalBasis, {
    message: "participation.errors.legalBasisRequired",
    path: ["legalBasis"],
  });
export type StakeholderInput = z.input<typeof StakeholderInput>;

/** The four fields of the analysis: influence high or low × attitude supportive or critical. */
export const FIELDS = ["promoters", "opponents", "supporters", "sceptics"] as const;
export type Field = (typeof FIELDS)[number];
export const fieldOf = (influence: number, attitude: number): Field =>
  influence >= 3 ? (attitude >= 3 ? "promoters" : "opponents") : attitude >= 3 ? "supporters" : "sceptics";

export interface Stakeholder {
  id: string;
  name: string;
  isPerson: boolean;
  organisationId: string | null;
  legalBasis: string | null;
  influence: number;
  attitude: number;
  interests: string | null;
  engagement: string | null;
  field: Field;
}

export async function addStakeholder(tx: Tx, input: StakeholderInput): Promise<Result<{ id: string }>> {
  const s = StakeholderInput.parse(input);
  if (s.organisationId) {
    const [taken] = await rows(
      tx,
      sql`SELECT 1 FROM participation_stakeholders WHERE organisation_id = ${s.organisationId}`,
    );
    if (taken) return fail("participation.errors.stakeholderTaken", "organisationId");
    // Row-level security hides another tenant's organisation: it is unknown here.
    const [org] = await rows(tx, sql`SELECT 1 FROM organisations WHERE id = ${s.organisationId}`);
    if (!org) return fail("participation.errors.stakeholderWho", "organisationId");
  }
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_stakeholders
          (tenant_id, organisation_id, person_name, legal_basis, influence, attitude, interests, engagement)
        VALUES (app_tenant_id(), ${s.organisationId ?? null}, ${s.personName ?? null},
                ${s.legalBasis ?? null}, ${s.influence}, ${s.attitude},
                ${s.interests ?? null}, ${s.engagement ?? null})
        RETURNING id`,
  );
  // A person's name stays out of the audit log, so that removing the entry erases it.
  const logged = s.personName ? { ...s, personName: undefined, isPerson: true } : s;
  await audit(tx, { action: "create", entity: "participation_stakeholder", entityId: r.id, after: logged });
  return ok({ id: r.id });
}

/** Moves an entry in the analysis (a new assessment of influence and attitude). */
export async function rateStakeholder(
  tx: Tx,
  id: string,
  input: { influence: unknown; attitude: unknown },
): Promise<Result> {
  const p = z.object({ influence: StakeholderInput.shape.influence, attitude: StakeholderInput.shape.attitude });
  const s = p.safeParse(input);
  if (!s.success) return fail(s.error.issues[0].message, String(s.error.issues[0].path[0]));
  const [before] = await rows<{ influence: number; attitude: number }>(
    tx,
    sql`SELECT influence, attitude FROM participation_stakeholders WHERE id = ${id} FOR UPDATE`,
  );
  if (!before) return fail("participation.errors.stakeholderNotFound");
  await tx.execute(
    sql`UPDATE participation_stakeholders SET influence = ${s.data.influence}, attitude = ${s.data.attitude},
          updated_at = now() WHERE id = ${id}`,
  );
  await audit(tx, { action: "update", entity: "participation_stakeholder", entityId: id, before, after: s.data });
  return ok(undefined);
}

/** Removes an entry for good: a person's entry must be erasable (GDPR art. 17). */
export async function removeStakeholder(tx: Tx, id: string): Promise<Result> {
  const [gone] = await rows<{ id: string }>(
    tx,
    sql`DELETE FROM participation_stakeholders WHERE id = ${id} RETURNING id`,
  );
  if (!gone) return fail("participation.errors.stakeholderNotFound");
  // The audit entry names no person: the register's opinion about them goes with the row.
  await audit(tx, { action: "delete", entity: "participation_stakeholder", entityId: id });
  return ok(undefined);
}

export async function listStakeholders(tx: Tx): Promise<Stakeholder[]> {
  const list = await rows<Omit<Stakeholder, "field">>(
    tx,
    sql`SELECT s.id, coalesce(o.name, s.person_name) AS name, s.person_name IS NOT NULL AS "isPerson",
               s.organisation_id AS "organisationId", s.legal_basis AS "legalBasis", s.influence, s.attitude,
               s.interests, s.engagement
        FROM participation_stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id
        ORDER BY s.influence DESC, s.attitude DESC, name`,
  );
  return list.map((s) => ({ ...s, field: fieldOf(s.influence, s.attitude) }));
}
