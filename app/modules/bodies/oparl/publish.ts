import express, { type NextFunction, type Request, type Response } from "express";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withPublic, withTenant } from "~/kernel/db/context";
import { config } from "~/kernel/config";
import { getTenantBySlug, listPublicTenants, type Tenant } from "~/kernel/tenancy/service";
import { compact, iso, OPARL, TYPES, type OparlObject, type OparlType, type Row, type Urls } from "./types";

// OParl 1.1 at /oparl/v1 (decision 0026): the system, one Body per public tenant that has bodies,
// and its Organizations (our bodies), Persons, Memberships, Meetings with their AgendaItems, Papers
// with their Consultations, and (empty) LegislativeTerms (decision 0027). Read-only and public: CORS `*`, JSON in UTF-8 without BOM, no `null`, OParl's error
// objects. URLs are stable: the tenant's slug and the row's id.

const PAGE = 100;
const MAX_PAGE = 1000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const FILTERS = ["created_since", "created_until", "modified_since", "modified_until"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

class OparlError extends Error {
  constructor(
    public status: number,
    message: string,
    public debug: string,
  ) {
    super(message);
  }
}

function send(res: Response, status: number, body: unknown) {
  res.status(status);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

function sendError(res: Response, e: OparlError) {
  send(res, e.status, { type: `${OPARL}Error`, message: e.message, debug: e.debug });
}

const notFound = (debug: string) => new OparlError(404, "Dieses Objekt gibt es nicht.", debug);

/** The filters and page of a list request; a malformed value is a 400. */
function listQuery(req: Request): { filters: Filters; limit: number; page: number } {
  const filters: Filters = {};
  for (const f of FILTERS) {
    const raw = req.query[f];
    if (raw === undefined) continue;
    // An unencoded "+" of a time zone arrives as a space.
    const v = typeof raw === "string" ? raw.replace(/ /g, "+") : "";
    if (!DATE_TIME.test(v) || Number.isNaN(Date.parse(v)))
      throw new OparlError(
        400,
        `Der Parameter ${f} braucht eine vollständige Zeitangabe (date-time).`,
        `${f}=${String(raw)}`,
      );
    filters[f] = new Date(v).toISOString();
  }
  const int = (name: string, dflt: number) => {
    const raw = req.query[name];
    if (raw === undefined) return dflt;
    const n = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= 1))
      throw new OparlError(400, `Der Parameter ${name} braucht eine ganze Zahl ab 1.`, `${name}=${String(raw)}`);
    return n;
  };
  return { filters, limit: Math.min(int("limit", PAGE), MAX_PAGE), page: int("page", 1) };
}

const base = () => `${config().baseUrl.replace(/\/$/, "")}/oparl/v1`;

function urlsFor(slug: string): Urls {
  const b = `${base()}/body/${slug}`;
  return { base: base(), body: b, object: (seg, id) => `${b}/${seg}/${id}`, list: (seg) => `${b}/${seg}` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list page as OParl wants it: data, pagination, links (with `next` on all but the last page). */
function listPage(
  data: OparlObject[],
  total: number,
  url: string,
  q: { filters: Filters; limit: number; page: number },
) {
  const pages = Math.max(1, Math.ceil(total / q.limit));
  const link = (page: number) => {
    const p = new URLSearchParams(q.filters);
    if (q.limit !== PAGE) p.set("limit", String(q.limit));
    if (page > 1) p.set("page", String(page));
    const s = p.toString();
    return s ? `${url}?${s}` : url;
  };
  return {
    data,
    pagination: { totalElements: total, elementsPerPage: q.limit, currentPage: q.page, totalPages: pages },
    links: compact({
      first: link(1),
      prev: q.page > 1 ? link(Math.min(q.page - 1, pages)) : undefined,
      self: link(q.page),
      next: q.page < pages ? link(q.page + 1) : undefined,
      last: link(pages),
    }),
  };
}

const filterSql = (f: Filters) => sql`
  (${f.created_since ?? null}::timestamptz IS NULL OR x.created_at >= ${f.created_since ?? null}::timestamptz)
  AND (${f.created_until ?? null}::timestamptz IS NULL OR x.created_at <= ${f.created_until ?? null}::timestamptz)
  AND (${f.modified_since ?? null}::timestamptz IS NULL OR x.modified_at >= ${f.modified_since ?? null}::timestamptz)
  AND (${f.modified_until ?? null}::timestamptz IS NULL OR x.modified_at <= ${f.modified_until ?? null}::timestamptz)`;

interface Entry {
  id: string;
  deleted: boolean;
  created: string;
  modified: string;
  total: number;
}

/** A deleted object as OParl keeps it: id, type, created, the deletion as modified, deleted. */
const tombstone = (t: OparlType, e: { id: string; created: string; modified: string }, u: Urls) => ({
  id: u.object(t.segment, e.id),
  type: `${OPARL}${t.type}`,
  created: e.created,
  modified: e.modified,
  deleted: true,
});

/** A type's deleted objects: id, created_at, deleted_at (tombstones, and rows kept with deleted_at). */
const goneOf = (t: OparlType) =>
  sql`SELECT object_id, created_at, deleted_at FROM oparl_deleted WHERE object_type = ${t.type}
      ${t.gone ? sql`UNION ALL ${t.gone}` : sql``}`;

/**
 * The entries of one page of a type's list, sorted by id (stable), with the count of all. Deleted
 * objects only with modified_since, as the spec says: a client updating its copy learns of them, a
 * first download does not see them. The times are formatted after the page is cut: formatted inside,
 * they were computed for every row of the list on every page (1,500 persons: 10.9 ms for a page's
 * entries, 4.4 ms now; bench/oparl-crawl.ts seeds such a list).
 */
export function pageEntries(t: OparlType, q: { filters: Filters; limit: number; page: number }) {
  const deleted = q.filters.modified_since
    ? sql`UNION ALL SELECT g.id, true, g.created_at, g.deleted_at FROM (${goneOf(t)}) g (id, created_at, deleted_at)`
    : sql``;
  return sql`SELECT e.id, e.deleted, ${iso(sql`e.created_at`)} AS created, ${iso(sql`e.modified_at`)} AS modified, e.total
    FROM (
      SELECT x.id, x.deleted, x.created_at, x.modified_at, count(*) OVER ()::int AS total FROM (
        SELECT id, false AS deleted, created_at, modified_at FROM (${t.rows}) live
        ${deleted}) x (id, deleted, created_at, modified_at)
      WHERE ${filterSql(q.filters)}
      ORDER BY x.id LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}) e
    ORDER BY e.id`;
}

/** One page of a type's list. */
async function listType(tx: Tx, t: OparlType, u: Urls, q: ReturnType<typeof listQuery>) {
  const entries = await rows<Entry>(tx, pageEntries(t, q));
  const live = entries.filter((e) => !e.deleted).map((e) => e.id);
  const full = live.length
    ? await rows<Row>(
        tx,
        sql`SELECT * FROM (${t.rows}) x WHERE x.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(live)}::jsonb)::uuid)`,
      )
    : [];
  const byId = new Map(full.map((r) => [r.id, r]));
  const data = entries.map((e) => (e.deleted ? tombstone(t, e, u) : t.map(byId.get(e.id)!, u)));
  let total = entries[0]?.total;
  if (total === undefined) {
    // Beyond the last page: the count without the page.
    const [c] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM (SELECT id, created_at, modified_at FROM (${t.rows}) live
            ${q.filters.modified_since ? sql`UNION ALL ${goneOf(t)}` : sql``}
          ) x (id, created_at, modified_at) WHERE ${filterSql(q.filters)}`,
    );
    total = c.n;
  }
  return listPage(data, total, u.list(t.segment), q);
}

async function oneOfType(tx: Tx, t: OparlType, id: string, u: Urls): Promise<OparlObject> {
  if (!UUID.test(id)) throw notFound(`${t.type} ${id}`);
  const [r] = await rows<Row>(tx, sql`SELECT * FROM (${t.rows}) x WHERE x.id = ${id}`);
  if (r) return t.map(r, u);
  const [d] = await rows<{ id: string; created: string; modified: string }>(
    tx,
    sql`SELECT g.id, ${iso(sql`g.created_at`)} AS created, ${iso(sql`g.deleted_at`)} AS modified
        FROM (${goneOf(t)}) g (id, created_at, deleted_at) WHERE g.id = ${id}`,
  );
  if (d) return tombstone(t, d, u);
  throw notFound(`${t.type} ${id}`);
}

const anonymous = { userId: null, label: "OParl" };

/** A public tenant that publishes (has at least one body); undefined otherwise. */
async function publishing(db: Database, slug: string): Promise<Tenant | undefined> {
  const t = await withPublic(db, (tx) => getTenantBySlug(tx, slug));
  if (!t?.isPublic) return undefined;
  const [b] = await withTenant(db, { tenantId: t.id, actor: anonymous }, (tx) =>
    rows(tx, sql`SELECT 1 FROM bodies LIMIT 1`),
  );
  return b ? t : undefined;
}

/** The Body object of a tenant: the Körperschaft, with the lists of its objects. */
function bodyObject(t: Tenant): OparlObject {
  const u = urlsFor(t.slug);
  const at = t.createdAt.toISOString();
  return compact({
    id: u.body,
    type: `${OPARL}Body`,
    system: `${u.base}/system`,
    name: t.name,
    ags: t.ags,
    classification: { kommune: "Kommune", kreis: "Kreis", land: "Land", stadtstaat: "Stadtstaat" }[t.kind],
    organization: u.list("organization"),
    person: u.list("person"),
    membership: u.list("membership"),
    meeting: u.list("meeting"),
    paper: u.list("paper"),
    legislativeTerm: [],
    legislativeTermList: u.list("legislativeTerm"),
    web: `${config().baseUrl.replace(/\/$/, "")}/t/${t.slug}`,
    created: at,
    modified: at,
  });
}

async function publishingTenants(db: Database): Promise<Tenant[]> {
  const list = await withPublic(db, (tx) => listPublicTenants(tx));
  const out: Tenant[] = [];
  for (const p of list) {
    const t = await publishing(db, p.slug);
    if (t) out.push(t);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

type Handler = (req: Request, res: Response) => Promise<unknown>;
const handle = (fn: Handler) => (req: Request, res: Response, next: NextFunction) =>
  void fn(req, res).then((body) => send(res, 200, body), next);

/** The OParl endpoint, to mount at /oparl/v1. */
export function router(db: Database) {
  const router = express.Router();
  router.use((req, res, next) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Cache-Control", "no-cache");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      res.setHeader("Access-Control-Max-Age", "86400");
      return void res.status(204).end();
    }
    if (req.method !== "GET" && req.method !== "HEAD")
      return sendError(res, new OparlError(405, "Die Schnittstelle kann nur gelesen werden.", req.method));
    next();
  });

  router.get(
    "/system",
    handle(async () => {
      const tenants = await publishingTenants(db);
      const first = tenants.map((t) => t.createdAt.getTime()).sort()[0] ?? 0;
      const at = new Date(first).toISOString();
      return compact({
        id: `${base()}/system`,
        type: `${OPARL}System`,
        oparlVersion: OPARL,
        otherOparlVersions: [],
        body: `${base()}/body`,
        name: "Teilhabe",
        website: config().baseUrl,
        created: at,
        modified: at,
      });
    }),
  );

  router.get(
    "/body",
    handle(async (req) => {
      const q = listQuery(req);
      const f = q.filters;
      const all = (await publishingTenants(db)).filter((t) => {
        const at = t.createdAt.toISOString();
        return (
          (!f.created_since || at >= f.created_since) &&
          (!f.created_until || at <= f.created_until) &&
          (!f.modified_since || at >= f.modified_since) &&
          (!f.modified_until || at <= f.modified_until)
        );
      });
      const page = all.slice((q.page - 1) * q.limit, q.page * q.limit).map(bodyObject);
      return listPage(page, all.length, `${base()}/body`, q);
    }),
  );

  const tenantOf = async (req: Request) => {
    const t = await publishing(db, String(req.params.slug));
    if (!t) throw notFound(`body ${String(req.params.slug)}`);
    return t;
  };

  router.get(
    "/body/:slug",
    handle(async (req) => bodyObject(await tenantOf(req))),
  );

  for (const t of TYPES) {
    router.get(
      `/body/:slug/${t.segment}`,
      handle(async (req) => {
        const q = listQuery(req);
        const tenant = await tenantOf(req);
        return withTenant(db, { tenantId: tenant.id, actor: anonymous }, (tx) =>
          listType(tx, t, urlsFor(tenant.slug), q),
        );
      }),
    );
    router.get(
      `/body/:slug/${t.segment}/:id`,
      handle(async (req) => {
        const tenant = await tenantOf(req);
        return withTenant(db, { tenantId: tenant.id, actor: anonymous }, (tx) =>
          oneOfType(tx, t, String(req.params.id), urlsFor(tenant.slug)),
        );
      }),
    );
  }

  router.use((req, res) => sendError(res, notFound(req.path)));
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err instanceof OparlError) return sendError(res, err);
    const status = Number((err as { status?: unknown })?.status);
    if (status >= 400 && status < 500)
      return sendError(res, new OparlError(400, "Die Anfrage konnte nicht gelesen werden.", req.path));
    if (res.headersSent) return next(err);
    console.error(`OParl: ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
    sendError(res, new OparlError(500, "Die Anfrage konnte nicht verarbeitet werden.", req.path));
  });
  return router;
}
