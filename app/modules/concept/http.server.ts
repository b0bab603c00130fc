import { data } from "react-router";
import type { RouterContextProvider } from "react-router";
import { effectiveRole, requestContext, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { parseGermanNumber } from "~/kernel/numbers";
import { appContext } from "~/kernel/http/context";
import { adoptingDecision } from "~/modules/bodies";
import type { Tx } from "~/kernel/db/client";
import { listOrganisations } from "~/kernel/organisations/service";
import { MEASURE_STATUSES } from "./constants";
import { currentEdition, listHandlungsfelder, loadGoals, type Edition } from "./services/concept";
import { getMeasureRow, partnerMayReport, type MeasureFilter } from "./services/measures";

type Ctx = Readonly<RouterContextProvider>;

/** Accepts 31.12.2026 (as typed in Germany) or 2026-12-31; returns ISO or the input unchanged for Zod to reject. */
export function parseDate(v: FormDataEntryValue | null | undefined): string | null {
  const s = String(v ?? "").trim();
  if (!s) return null;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return s;
}
export { parseGermanNumber };
export const text = (v: FormDataEntryValue | null | undefined) => {
  const s = String(v ?? "").trim();
  return s === "" ? null : s;
};

export function who(context: Ctx) {
  const role = effectiveRole(context);
  const user = context.get(requestContext).user;
  const { organisationId } = context.get(tenantContext);
  return {
    role,
    userId: user?.id ?? null,
    label: user?.email ?? "unbekannt",
    organisationId,
    isEditor: roleAtLeast(role ?? undefined, "editor"),
    isViewer: roleAtLeast(role ?? undefined, "viewer"),
  };
}

/** Staff pages of this module: viewers and up see everything; a partner only what concerns their organisation. */
export function requireMember(context: Ctx) {
  const w = who(context);
  if (!w.role) throw data({ message: tFor(context)("errors.forbidden") }, { status: 403 });
  return w;
}

export async function editionFor(context: Ctx, tx: Tx, url: URL): Promise<Edition | undefined> {
  return currentEdition(tx, url.searchParams.get("fassung"));
}

/**
 * The measure list's filter from its URL (a GET form), for the list page and for the export offered on
 * it, so that a download holds exactly the measures the page lists. Values that are no option of this
 * edition filter nothing; a partner only ever gets the measures of their organisation.
 */
export async function measureListFilter(
  tx: Tx,
  w: ReturnType<typeof who>,
  editionId: string,
  p: URLSearchParams,
  loaded?: { hfs: { id: string }[]; orgs: { id: string }[] },
) {
  const [hfs, orgs] = loaded
    ? [loaded.hfs, loaded.orgs]
    : await Promise.all([listHandlungsfelder(tx), listOrganisations(tx)]);
  const tfs = (await loadGoals(tx, editionId))
    .filter((g) => g.kind === "themenfeld")
    .map((g) => ({ id: g.id, label: `${g.number} ${g.title}` }));
  const filters = {
    status: p.get("status") || "",
    themenfeld: p.get("themenfeld") || "",
    handlungsfeld: p.get("handlungsfeld") || "",
    lead: p.get("lead") || "",
    overdue: p.get("overdue") === "1",
    stale: p.get("stale") === "1",
    q: p.get("q") || "",
  };
  const valid = (v: string, list: string[]) => (list.includes(v) ? v : null);
  const filter: MeasureFilter = {
    editionId,
    status: valid(filters.status, [...MEASURE_STATUSES]),
    themenfeldId: valid(
      filters.themenfeld,
      tfs.map((t) => t.id),
    ),
    handlungsfeldId: valid(
      filters.handlungsfeld,
      hfs.map((h) => h.id),
    ),
    organisationId: valid(
      filters.lead,
      orgs.map((o) => o.id),
    ),
    leadOnly: true,
    // A partner sees only the measures their organisation leads or takes part in.
    participantOrganisationId: w.isViewer ? null : (w.organisationId ?? "00000000-0000-0000-0000-000000000000"),
    overdue: filters.overdue,
    stale: filters.stale,
    q: filters.q.slice(0, 200),
  };
  return { tfs, filters, filter };
}

export async function requireMeasureAccess(context: Ctx, id: string) {
  const w = requireMember(context);
  return tenantTx(context, async (tx) => {
    const m = await getMeasureRow(tx, id);
    if (!m) throw data({ message: tFor(context)("concept.errors.measureNotFound") }, { status: 404 });
    if (!w.isViewer && !(await partnerMayReport(tx, id, w.organisationId)))
      throw data({ message: tFor(context)("errors.forbidden") }, { status: 403 });
    return { measure: m, who: w };
  });
}

/**
 * Where a measure came from (decision 0028): the origins other modules record (participation's cards,
 * through the kernel's provenance registry, so this module imports none of them) and the council
 * decision that adopted its edition (bodies' papers). The public page asks only for public origins.
 */
export async function measureProvenance(
  context: Ctx,
  tx: Tx,
  measureId: string,
  editionId: string,
  publicOnly: boolean,
) {
  const lookup = context.get(appContext).provenance;
  const origins = lookup ? await lookup(tx, "concept.measure", [measureId], { publicOnly }) : [];
  const d = await adoptingDecision(tx, editionId);
  return {
    origins: origins.map((o) => ({
      relation: o.relation,
      title: o.title,
      part: o.part,
      number: o.number,
      path: publicOnly ? o.publicPath : `verwaltung/${o.staffPath}`,
    })),
    decision: d ? { body: d.body, decidedOn: d.decidedOn, number: d.number } : null,
  };
}

/**
 * The indicators a measure should move and the areas it works in (decision 0032: recorded by another
 * module, asked through the kernel's evidence registry); for staff also where to edit them.
 */
export async function measureEvidence(context: Ctx, tx: Tx, measureId: string, publicOnly: boolean) {
  const lookup = context.get(appContext).evidence;
  if (!lookup) return { indicators: [], areas: [], editPath: null };
  const ev = await lookup.evidence(tx, "concept.measure", [measureId], { publicOnly });
  const places = await lookup.places(tx, "concept.measure", [measureId], { publicOnly });
  const [edit] = publicOnly ? [] : await lookup.editPaths("concept.measure", measureId);
  return {
    indicators: ev.map((e) => ({ name: e.indicator.name, path: e.publicPath })),
    areas: places.map((p) => ({ name: p.name, path: p.publicPath })),
    editPath: edit ? `verwaltung/${edit}` : null,
  };
}
