import "./strings";
import "../routes/strings";
import { sql } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { formatDate, formatDateTime, todayBerlin } from "~/kernel/dates";
import { documentDocx } from "~/kernel/documents/docx";
import type { Block, DocumentModel } from "~/kernel/documents/model";
import { documentPdf } from "~/kernel/documents/pdf";
import { fail, ok, type Result } from "~/kernel/errors";
import { formatLocale, getT } from "~/kernel/i18n";
import { may, type Me } from "../core/context";
import { logAccess, openClient } from "../core/clients";
import { listAttachments } from "../attachments/service";
import { CATEGORIES, clients, type Category } from "../core/schema";
import { accessLog, basesOf, institutionsOfNetwork, sitesOfNetwork, staffDirectory } from "../core/views";
import { documentItems } from "../routes/document-view";
import { CONSENT_TEXTS, formLanguage, type ConsentTexts } from "./consent-texts";

// Subject access (Art. 15 GDPR, issue 16) and the printable consent form, both as the kernel's
// DocumentModel, laid out as a tagged PDF or a DOCX. The database decides what each may contain:
// the export reads with the 'export' permission (owning case workers at the site, the
// data-protection officer) and is logged as an export for 'subject_access'.

export type ExportFormat = "pdf" | "docx";
export const FILE_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The longest access log an export prints; far beyond any real case, a guard against a runaway one. */
const LOG_LIMIT = 100_000;

export interface SubjectAccess {
  pseudonym: string;
  model: DocumentModel;
}

/**
 * Everything about a client that the caller may export, decrypted, with all consent versions, the
 * legal bases and the full access log with staff names – in `lang` (de or en). Logs the export
 * first, so the file lists its own making.
 */
export async function subjectAccessExport(
  tx: Tx,
  me: Me | null,
  clientId: string,
  lang: string,
  now: Date = new Date(),
): Promise<Result<SubjectAccess>> {
  if (!me || !(await may(tx, clientId, null, "export"))) return fail("cases.export.errors.notAllowed");
  const opened = await openClient(tx, me, clientId, "subject_access", "export");
  if (!opened.ok) return opened;
  // Attachments (0884): their names, not their contents; logged as an export event of their own.
  const listed = await listAttachments(tx, me, clientId, "export");
  const files = listed.ok ? listed.value : [];
  const exportable = await rows<{ category: Category; x: boolean }>(
    tx,
    sql`SELECT c AS category, case_may(${clientId}::uuid, c, 'export') AS x
      FROM unnest(${`{${CATEGORIES.join(",")}}`}::text[]) AS c`,
  );
  const [bases, insts, sites, people, log] = await Promise.all([
    basesOf(tx, clientId),
    institutionsOfNetwork(tx),
    sitesOfNetwork(tx),
    staffDirectory(tx),
    accessLog(tx, clientId, LOG_LIMIT),
  ]);
  const t = getT(lang);
  const loc = formatLocale(lang);
  const day = (iso: string | null) => (iso ? formatDate(iso, loc) : "–");
  const doc = (k: string, o?: Record<string, unknown>) => t(`cases.export.doc.${k}`, o ?? {});
  const cat = (c: string) => t(`cases.categories.${c}`);
  const nameOf = (xs: { id: string; name: string }[], id: string | null) => xs.find((x) => x.id === id)?.name ?? "–";
  const who = new Map(people.map((p) => [p.staffId, p]));
  const person = (id: string | null) => {
    const p = id ? who.get(id) : undefined;
    return p
      ? `${p.displayName}, ${p.institutionName}${p.siteName ? ` (${p.siteName})` : ""} – ${t(`cases.roles.${p.role}`)}`
      : doc("unknownStaff");
  };
  const { client, documents } = opened.value;
  const today = todayBerlin(now);
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3, text: string) => blocks.push({ kind: "heading", level, text });
  const para = (text: string) => blocks.push({ kind: "paragraph", text });

  h(1, `${doc("title")}: ${client.pseudonym}`);
  blocks.push({
    kind: "fields",
    rows: [
      [doc("pseudonym"), client.pseudonym],
      [doc("exportedOn"), formatDateTime(now, loc)],
      [doc("exportedBy"), person(me.id)],
      [doc("responsible"), nameOf(insts, client.ownerInstitutionId)],
      [doc("site"), nameOf(sites, client.siteId)],
      [doc("statusGroup"), t(`cases.statusGroups.${client.statusGroup}`)],
      [doc("intakeDate"), day(client.intakeDate)],
      [doc("firstOffer"), day(client.firstOfferDate)],
      [doc("state"), t(`cases.states.${client.state}`)],
    ],
  });

  h(2, doc("data"));
  const allowed = exportable.filter((p) => p.x).map((p) => p.category);
  for (const c of allowed) {
    h(3, cat(c));
    const items = documentItems(t, (iso) => day(iso), c, c === "attachments" ? { files } : documents[c]);
    if (items.length) blocks.push({ kind: "fields", rows: items });
    else para(doc("empty"));
  }
  // Health is not even named where it is not open to the caller (as on the case page).
  const withheld = exportable.filter((p) => !p.x && p.category !== "health").map((p) => cat(p.category));
  if (withheld.length) para(doc("notExported", { categories: withheld.join(", ") }));

  h(2, doc("consents"));
  if (!bases.consents.length) para(doc("noConsents"));
  for (const k of bases.consents) {
    h(3, doc("consentTitle", { version: k.version, state: t(`cases.client.consentStates.${k.state}`) }));
    blocks.push({
      kind: "fields",
      rows: [
        [doc("purpose"), k.purpose],
        [doc("categories"), k.categories.map(cat).join(", ")],
        [doc("recipients"), k.recipients.map((id) => nameOf(insts, id)).join(", ")],
        [doc("validity"), doc("validityRange", { from: day(k.givenOn), to: day(k.validUntil) })],
        [doc("language"), `${k.language} / ${k.interpreter} – ${t(`cases.client.signedBy.${k.signedBy}`)}`],
      ],
    });
  }

  h(2, doc("bases"));
  if (!bases.bases.length) para(doc("noBases"));
  else
    blocks.push({
      kind: "table",
      caption: doc("basesCaption"),
      head: [doc("basisRecipient"), doc("categories"), doc("basisText"), doc("basisValid"), doc("basisState")],
      rows: bases.bases.map((b) => [
        b.recipientName,
        b.categories.map(cat).join(", "),
        b.legalBasis,
        day(b.validUntil),
        b.revoked
          ? t("cases.client.basisRevoked")
          : b.approved || b.recipientKind !== "auslaenderbehoerde"
            ? t("cases.client.basisApproved")
            : t("cases.client.basisPending"),
      ]),
    });

  h(2, doc("log"));
  para(doc("logIntro"));
  blocks.push({
    kind: "table",
    caption: doc("logCaption"),
    head: [doc("logAt"), doc("logWho"), doc("logWhat"), doc("logCategories"), doc("logWhy")],
    rows: log.map((e) => [
      formatDateTime(e.at, loc),
      person(e.staffId),
      t(`cases.actions.${e.action}`),
      e.categories.map(cat).join(", ") || "–",
      t(`cases.reasons.${e.reason}`),
    ]),
  });

  return ok({
    pseudonym: client.pseudonym,
    model: {
      lang: loc,
      title: `${doc("title")}: ${client.pseudonym}`,
      footer: doc("footer", { pseudonym: client.pseudonym, date: day(today) }),
      pageLabel: (page, pages) => doc("page", { page, pages }),
      blocks,
    },
  });
}

export interface ConsentForm {
  pseudonym: string;
  version: number;
  model: DocumentModel;
}

/**
 * One consent version as a form to print and sign: German and, where the renderer can set it, the
 * consent's language (consent-texts.ts); otherwise German and English with a visible note. For
 * whoever may write the client; logged as a read for 'consent' (no category is shown).
 */
export async function consentForm(
  tx: Tx,
  me: Me | null,
  clientId: string,
  consentId: string,
): Promise<Result<ConsentForm>> {
  if (!me || !(await may(tx, clientId, null, "write"))) return fail("cases.export.errors.consentNotFound");
  const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, clientId));
  const { consents } = await basesOf(tx, clientId);
  const k = consents.find((x) => x.id === consentId);
  if (!c || !k) return fail("cases.export.errors.consentNotFound");
  const insts = await institutionsOfNetwork(tx);
  await logAccess(tx, me, [clientId], "read", "consent");

  const { second, note } = formLanguage(k.language);
  const langs: ConsentTexts[] = second ? [CONSENT_TEXTS.de, CONSENT_TEXTS[second]] : [CONSENT_TEXTS.de];
  const day = (iso: string) => formatDate(iso, "de-DE");
  const both = (f: (x: ConsentTexts) => string) => langs.map(f).join(" / ");
  const lines = (f: (x: ConsentTexts) => string) => langs.map(f).join("\n");
  const blocks: Block[] = [];
  blocks.push({ kind: "heading", level: 1, text: both((x) => x.title) });
  for (const n of note ?? []) blocks.push({ kind: "paragraph", text: n, bold: true });
  blocks.push({
    kind: "fields",
    rows: [
      [both((x) => x.pseudonym), c.pseudonym],
      [both((x) => x.version), String(k.version)],
      [both((x) => x.purpose), k.purpose],
      [both((x) => x.categories), lines((x) => k.categories.map((g) => x.categoryNames[g]).join(", "))],
      [both((x) => x.recipients), k.recipients.map((id) => insts.find((i) => i.id === id)?.name ?? "–").join(", ")],
      [both((x) => x.validity), lines((x) => x.range(day(k.givenOn), day(k.validUntil)))],
      [both((x) => x.signer), lines((x) => x.signers[k.signedBy])],
    ],
  });
  for (const key of ["statement", "voluntary", "revoke", "effect"] as const)
    for (const x of langs) blocks.push({ kind: "paragraph", text: x[key], bold: key === "statement" });
  const line = "_______________________________________________";
  const sign = (label: string) => {
    blocks.push({ kind: "paragraph", text: "" });
    blocks.push({ kind: "paragraph", text: line });
    blocks.push({ kind: "paragraph", text: label, small: true });
  };
  sign(`${both((x) => x.placeDate)}`);
  sign(`${both((x) => x.signature)} – ${both((x) => x.signers[k.signedBy])}`);
  sign(`${both((x) => x.interpreter)}: ${k.interpreter}`);
  sign(both((x) => x.staffSignature));
  return ok({
    pseudonym: c.pseudonym,
    version: k.version,
    model: {
      lang: "de-DE",
      title: `${CONSENT_TEXTS.de.title} – ${c.pseudonym}`,
      footer: `${c.pseudonym} · ${CONSENT_TEXTS.de.version} ${k.version}`,
      pageLabel: (page, pages) => `${page} / ${pages}`,
      blocks,
    },
  });
}

/** The model laid out as a file, with a name that carries the pseudonym (never the name). */
export async function documentFile(
  model: DocumentModel,
  format: ExportFormat,
  baseName: string,
): Promise<{ bytes: Buffer; type: string; fileName: string }> {
  const bytes = format === "pdf" ? await documentPdf(model, "Teilhabe") : await documentDocx(model);
  return { bytes, type: FILE_TYPES[format], fileName: `${baseName.replace(/[^A-Za-z0-9._-]+/g, "-")}.${format}` };
}

/** A generated file as a download: never cached, named by the pseudonym. */
export function fileResponse(file: { bytes: Buffer; type: string; fileName: string }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
