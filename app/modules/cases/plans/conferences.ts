import crypto from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type ErrorCode, type Result } from "~/kernel/errors";
import { may, type Me } from "../core/context";
import { logAccess } from "../core/clients";
import { staff } from "../core/schema";
import { freeText, id, invalid, isoDate, openText, sealOptional } from "./common";
import { CONTACT_KINDS, conferences, contacts, planSteps, type ContactKind } from "./schema";
import { addStep } from "./steps";

// Case conferences and contacts (issue 16 item 4). Minutes and notes are free text about a person:
// ciphertext under the client's key, the associated data naming the row ("conference:<id>:minutes",
// "contact:<id>:note"), never plaintext in a table, the audit log or the access log.

export const ConferenceInput = z.strictObject({
  clientId: id,
  heldOn: isoDate,
  participants: z.array(id).min(1, "cases.plans.errors.participants").max(50),
  minutes: freeText(50000).optional(),
  /** What the conference decided: each becomes a plan step with the conference named. */
  decisions: z
    .array(
      z.strictObject({
        stepType: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, "cases.plans.errors.unknownStepType"),
        responsibleInstitutionId: id,
        plannedStart: isoDate.optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type ConferenceInput = z.input<typeof ConferenceInput>;

export interface ConferenceResult {
  id: string;
  /** One entry per decision, in order: the new step, or why it was refused (the refusal is stored). */
  steps: ({ ok: true; stepId: string } | { ok: false; error: ErrorCode })[];
}

/** Records a case conference and turns its decisions into plan steps (owning case worker). */
export async function holdConference(tx: Tx, me: Me | null, input: ConferenceInput): Promise<Result<ConferenceResult>> {
  const p = ConferenceInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const c = p.data;
  if (!me || !(await may(tx, c.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const participants = [...new Set(c.participants)];
  const known = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.networkId, me.networkId), inArray(staff.id, participants)));
  if (known.length !== participants.length) return fail("cases.plans.errors.participants", "participants");
  const conferenceId = crypto.randomUUID();
  const minutes = await sealOptional(tx, c.clientId, `conference:${conferenceId}:minutes`, c.minutes);
  if (!minutes.ok) return minutes;
  await tx.insert(conferences).values({
    id: conferenceId,
    networkId: me.networkId,
    clientId: c.clientId,
    heldOn: c.heldOn,
    participants,
    minutes: minutes.value,
    recordedBy: me.id,
  });
  await logAccess(tx, me, [c.clientId], "write", "conference", ["plan"]);
  await audit(tx, { action: "create", entity: "case_conference", entityId: conferenceId });
  const steps: ConferenceResult["steps"] = [];
  for (const d of c.decisions) {
    const r = await addStep(tx, me, {
      clientId: c.clientId,
      ...d,
      decisionDate: c.heldOn,
      conferenceId,
    });
    steps.push(r.ok ? { ok: true, stepId: r.value.id } : { ok: false, error: r.error });
  }
  return ok({ id: conferenceId, steps });
}

export interface ConferenceRow {
  id: string;
  heldOn: string;
  participants: string[];
  minutes: string | null;
  stepIds: string[];
  /** The plan steps the conference's decisions became, in the order they were created. */
  steps: { id: string; stepType: string }[];
}

/** A client's conferences with their minutes decrypted; logged as a read for a conference. */
export async function listConferences(tx: Tx, me: Me | null, clientId: string): Promise<Result<ConferenceRow[]>> {
  if (!z.uuid().safeParse(clientId).success) return fail("cases.plans.errors.invalid");
  if (!me || !(await may(tx, clientId, "plan", "read"))) return fail("cases.plans.errors.notAllowed");
  const list = await tx
    .select()
    .from(conferences)
    .where(eq(conferences.clientId, clientId))
    .orderBy(desc(conferences.heldOn), asc(conferences.id));
  const steps = await tx
    .select({ id: planSteps.id, conferenceId: planSteps.conferenceId, stepType: planSteps.stepType })
    .from(planSteps)
    .where(and(eq(planSteps.clientId, clientId)))
    .orderBy(asc(planSteps.createdAt), asc(planSteps.id));
  const out: ConferenceRow[] = [];
  for (const k of list)
    out.push({
      id: k.id,
      heldOn: k.heldOn,
      participants: k.participants,
      minutes: await openText(tx, clientId, `conference:${k.id}:minutes`, k.minutes),
      stepIds: steps.filter((s) => s.conferenceId === k.id).map((s) => s.id),
      steps: steps.filter((s) => s.conferenceId === k.id).map((s) => ({ id: s.id, stepType: s.stepType })),
    });
  await logAccess(tx, me, [clientId], "read", "conference", ["plan"]);
  return ok(out);
}

export const ContactInput = z.strictObject({
  clientId: id,
  kind: z.enum(CONTACT_KINDS, "cases.plans.errors.contactKind"),
  contactOn: isoDate,
  durationMinutes: z
    .int("cases.plans.errors.duration")
    .min(1, "cases.plans.errors.duration")
    .max(1440, "cases.plans.errors.duration"),
  note: freeText(5000).optional(),
});
export type ContactInput = z.input<typeof ContactInput>;

/** Records a contact (home visit, office, phone, video) by the acting case worker. */
export async function addContact(tx: Tx, me: Me | null, input: ContactInput): Promise<Result<{ id: string }>> {
  const p = ContactInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const c = p.data;
  if (!me || !(await may(tx, c.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const contactId = crypto.randomUUID();
  const note = await sealOptional(tx, c.clientId, `contact:${contactId}:note`, c.note);
  if (!note.ok) return note;
  await tx.insert(contacts).values({
    id: contactId,
    networkId: me.networkId,
    clientId: c.clientId,
    kind: c.kind,
    contactOn: c.contactOn,
    staffId: me.id,
    durationMinutes: c.durationMinutes,
    note: note.value,
  });
  await logAccess(tx, me, [c.clientId], "write", "edit", ["plan"]);
  await audit(tx, { action: "create", entity: "case_contact", entityId: contactId, after: { kind: c.kind } });
  return ok({ id: contactId });
}

export interface ContactRow {
  id: string;
  kind: ContactKind;
  contactOn: string;
  staffId: string;
  durationMinutes: number;
  note: string | null;
}

/** A client's contacts, newest first, notes decrypted; logged as a read of the plan. */
export async function listContacts(tx: Tx, me: Me | null, clientId: string): Promise<Result<ContactRow[]>> {
  if (!z.uuid().safeParse(clientId).success) return fail("cases.plans.errors.invalid");
  if (!me || !(await may(tx, clientId, "plan", "read"))) return fail("cases.plans.errors.notAllowed");
  const list = await tx
    .select()
    .from(contacts)
    .where(eq(contacts.clientId, clientId))
    .orderBy(desc(contacts.contactOn), asc(contacts.id));
  const out: ContactRow[] = [];
  for (const k of list)
    out.push({
      id: k.id,
      kind: k.kind,
      contactOn: k.contactOn,
      staffId: k.staffId,
      durationMinutes: k.durationMinutes,
      note: await openText(tx, clientId, `contact:${k.id}:note`, k.note),
    });
  await logAccess(tx, me, [clientId], "read", "open_case", ["plan"]);
  return ok(out);
}
