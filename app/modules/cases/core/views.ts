import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { AccessAction, AccessReason, Category } from "./schema";

// What the case pages show besides documents: the network's institutions, sites and staff, a client's
// consents and legal bases, and its access log. Plain reads under the policies of 0800: whoever may
// not see a row simply does not get it.

export interface StaffEntry {
  staffId: string;
  displayName: string;
  institutionId: string;
  institutionName: string;
  siteName: string | null;
  role: string;
}
export const staffDirectory = (tx: Tx) =>
  rows<StaffEntry>(
    tx,
    sql`SELECT staff_id AS "staffId", display_name AS "displayName", institution_id AS "institutionId",
      institution_name AS "institutionName", site_name AS "siteName", role FROM case_staff_directory()
      ORDER BY institution_name, display_name`,
  );

export const institutionsOfNetwork = (tx: Tx) =>
  rows<{ id: string; name: string; kind: string; contact: string | null }>(
    tx,
    sql`SELECT id, name, kind, contact FROM case_institutions ORDER BY name`,
  );

export const sitesOfNetwork = (tx: Tx) =>
  rows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM case_sites ORDER BY name`);

export interface ConsentView {
  id: string;
  version: number;
  purpose: string;
  categories: Category[];
  recipients: string[];
  language: string;
  interpreter: string;
  signedBy: "client" | "guardian";
  givenOn: string;
  validUntil: string;
  state: "current" | "superseded" | "revoked";
}
export interface BasisView {
  id: string;
  recipientId: string;
  recipientName: string;
  recipientKind: string;
  categories: Category[];
  legalBasis: string;
  requestedBy: string;
  approved: boolean;
  validUntil: string;
  revoked: boolean;
}

/** A client's consents (newest version first) and legal bases, as far as the caller may see them. */
export async function basesOf(tx: Tx, clientId: string): Promise<{ consents: ConsentView[]; bases: BasisView[] }> {
  const consents = await rows<ConsentView>(
    tx,
    sql`SELECT id, version, purpose, categories, recipients::text[] AS recipients, language, interpreter,
      signed_by AS "signedBy", given_on::text AS "givenOn", valid_until::text AS "validUntil",
      CASE WHEN revoked_at IS NOT NULL THEN 'revoked' WHEN superseded_at IS NOT NULL THEN 'superseded'
        ELSE 'current' END AS state
    FROM case_consents WHERE client_id = ${clientId}::uuid ORDER BY version DESC`,
  );
  const bases = await rows<BasisView>(
    tx,
    sql`SELECT b.id, b.recipient_id AS "recipientId", i.name AS "recipientName", i.kind AS "recipientKind",
      b.categories, b.legal_basis AS "legalBasis", b.requested_by AS "requestedBy", b.approved_at IS NOT NULL AS approved,
      b.valid_until::text AS "validUntil", b.revoked_at IS NOT NULL AS revoked
    FROM case_legal_bases b JOIN case_institutions i ON i.id = b.recipient_id
    WHERE b.client_id = ${clientId}::uuid ORDER BY b.requested_at DESC`,
  );
  return { consents, bases };
}

export interface AccessEventView {
  at: string;
  staffId: string | null;
  categories: Category[];
  action: AccessAction;
  reason: AccessReason;
}
/** A client's access log, newest first (readable by the owning institution only, by policy). */
export const accessLog = (tx: Tx, clientId: string, limit = 200) =>
  rows<AccessEventView>(
    tx,
    sql`SELECT at::text AS at, staff_id AS "staffId", categories, action, reason FROM case_access_events
    WHERE client_id = ${clientId}::uuid ORDER BY at DESC, id DESC LIMIT ${limit}`,
  );
