import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { COOKIE, parseCookies } from "~/kernel/http/cookies";
import { negotiateLanguage } from "~/kernel/i18n";
import type { TenantCache } from "~/kernel/tenancy/cache";
import { cspWithHashes, preparePage, type CachedPage, type PageCache } from "~/kernel/http/page-cache";

const TENANT_PAGE = /^\/t\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|$)/;

/** The Express request as the Fetch request React Router expects (as its Express adapter builds it). */
function webRequest(req: Request, res: Response): globalThis.Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  return new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
    method: req.method,
    headers,
    signal: controller.signal,
  });
}

function notModified(req: Request, page: CachedPage): boolean {
  const inm = req.headers["if-none-match"];
  if (inm) return inm.split(",").some((t) => t.trim().replace(/^W\//, "") === page.etag);
  const ims = Date.parse(req.headers["if-modified-since"] ?? "");
  return Number.isFinite(ims) && ims >= Math.floor(page.renderedAt / 1000) * 1000;
}

/** Answers from a cached entry: conditional requests get 304, others the stored bytes. */
function serve(req: Request, res: Response, page: CachedPage, state: "hit" | "miss", vary: string) {
  res.status(page.status);
  res.setHeader("Content-Type", page.contentType);
  res.setHeader("ETag", page.etag);
  res.setHeader("Last-Modified", new Date(page.renderedAt).toUTCString());
  // Stored, but checked with us on every use: a write must show on the next request.
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("Vary", vary);
  res.setHeader("X-Page-Cache", state);
  const csp = res.getHeader("Content-Security-Policy");
  if (typeof csp === "string") res.setHeader("Content-Security-Policy", cspWithHashes(csp, page.scriptHashes));
  if (notModified(req, page)) return void res.status(304).end();
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const body = gzip ? page.gzip : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Serves anonymous visitors' GET requests for public tenant pages from the page cache (decision
 * 0018), rendering and storing on a miss. Everything else — logged-in visitors, forms, the
 * client's data requests, a language switch — goes on to the normal handler.
 */
export function publicPageCache(opts: {
  cache: PageCache;
  tenants: TenantCache;
  build: ServerBuild;
  /** The load context for a render whose output is shared: no nonce, no CSRF token. */
  sharedContext: (req: Request, res: Response) => RouterContextProvider;
  log: (m: string) => void;
}) {
  const render = createRequestHandler(opts.build, process.env.NODE_ENV);
  // The version each tenant had when this process last read its tenant row: a new version may come
  // from a change of the tenant row itself, which the tenant cache only notices within its interval.
  const seen = new Map<string, string>();

  return async (req: Request, res: Response, next: NextFunction) => {
    const { cache, tenants } = opts;
    if (!cache.enabled || (req.method !== "GET" && req.method !== "HEAD") || res.locals.inputProblem) return next();
    const m = TENANT_PAGE.exec(req.path);
    // An event stream (a live board, always at …/live) never ends: rendering it here to store it
    // would wait forever.
    if (
      !m ||
      req.path.endsWith(".data") ||
      req.path.endsWith("/live") ||
      req.headers.accept?.includes("text/event-stream")
    )
      return next();
    const cookies = parseCookies(req.headers.cookie ?? null);
    if (cookies[COOKIE.session] || new URLSearchParams(req.originalUrl.split("?")[1] ?? "").has("lang")) return next();
    try {
      let tenant = await tenants.bySlug(m[1]!);
      if (!tenant?.isPublic) return next();
      const version = await cache.version(tenant.id);
      const lang = negotiateLanguage(null, cookies[COOKIE.lang], req.headers["accept-language"] ?? null);
      const key = `${tenant.id} ${lang} ${req.originalUrl}`;
      let page = cache.get(key, version);
      if (page === null) return next();
      const state = page ? "hit" : "miss";
      if (!page) {
        if (req.method === "HEAD") return next();
        if (seen.get(tenant.id) !== version) {
          tenants.invalidate();
          seen.set(tenant.id, version);
          tenant = await tenants.bySlug(m[1]!);
          if (!tenant?.isPublic) return next();
        }
        const response = await render(webRequest(req, res), opts.sharedContext(req, res));
        const body = Buffer.from(await response.arrayBuffer());
        const type = response.headers.get("content-type") ?? "";
        // A page with a form needs the visitor's own CSRF token; anything but a plain page is rendered
        // for each request. Both are remembered for this version, so the check costs one render.
        const shareable =
          response.status === 200 &&
          type.startsWith("text/html") &&
          !response.headers.has("set-cookie") &&
          !body.includes('name="_csrf"');
        if (!shareable) {
          cache.put(key, version, null);
          return next();
        }
        page = preparePage(response.status, type, body);
        cache.put(key, version, page);
      }
      serve(req, res, page, state, "Accept-Encoding, Accept-Language, Cookie");
    } catch (e) {
      // The cache is an optimisation: if it fails, the page is rendered as if it did not exist.
      opts.log(`Seiten-Cache: ${(e as Error)?.message ?? e}`);
      if (!res.headersSent) next();
    }
  };
}

const TENANT_API = /^\/api\/v1\/t\/([a-z0-9]+(?:-[a-z0-9]+)*)\//;

/**
 * The same for the public JSON API: a GET without an API token for a public tenant's data is the same
 * for every caller, so its answer is kept under the tenant's content version (decision 0018). On a
 * miss the API answers as usual and its bytes are stored on the way out.
 */
export function publicApiCache(opts: { cache: PageCache; tenants: TenantCache; log: (m: string) => void }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { cache, tenants } = opts;
    if (!cache.enabled || req.method !== "GET" || req.headers.authorization) return next();
    const m = TENANT_API.exec(req.path);
    if (!m) return next();
    try {
      const tenant = await tenants.bySlug(m[1]!);
      if (!tenant?.isPublic) return next();
      const version = await cache.version(tenant.id);
      const key = `api ${tenant.id} ${req.originalUrl}`;
      const stored = cache.get(key, version);
      if (stored === null) return next();
      if (stored) return serve(req, res, stored, "hit", "Accept-Encoding, Authorization");
      const chunks: Buffer[] = [];
      const take = (chunk: unknown, encoding: unknown) => {
        if (typeof chunk === "string")
          chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      };
      const write = res.write.bind(res) as (...a: unknown[]) => boolean;
      const end = res.end.bind(res) as (...a: unknown[]) => Response;
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        take(chunk, rest[0]);
        return write(chunk, ...rest);
      }) as Response["write"];
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk !== "function") take(chunk, rest[0]);
        const type = String(res.getHeader("content-type") ?? "");
        const shareable = res.statusCode === 200 && !res.getHeader("set-cookie") && type.includes("json");
        cache.put(key, version, shareable ? preparePage(200, type, Buffer.concat(chunks)) : null);
        return end(chunk, ...rest);
      }) as Response["end"];
      res.setHeader("X-Page-Cache", "miss");
      next();
    } catch (e) {
      opts.log(`API-Cache: ${(e as Error)?.message ?? e}`);
      if (!res.headersSent) next();
    }
  };
}
