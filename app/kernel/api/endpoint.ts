import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { Database, Tx } from "../db/client";
import { withPublic, withTenant } from "../db/context";
import { resolveApiToken, type TokenPrincipal } from "../auth/api-tokens";
import { getTenantBySlug, type Tenant } from "../tenancy/service";
import { problem } from "./problem";
import { isErrorKey, issueCode, issueText, ServiceError, type IssueLike } from "../errors";
import { getT } from "../i18n";
import { dbFailure } from "../db/errors";
import type { Provenance } from "../provenance";
import type { EvidenceLookup } from "../evidence";

// The API speaks German (its documented language): schema messages that are i18n keys are given in
// German, the API's own sentences as they are; the key also goes out as `code` for clients.
const de = getT("de");
const apiIssue = (i: IssueLike) => ({
  path: i.path.join("."),
  message: isErrorKey(i.message) ? issueText(de, i) : i.message,
  code: issueCode(i).code,
});

const TITLES = { 404: "Nicht gefunden", 409: "Konflikt", 422: "Ungültige Daten" } as const;

type Method = "get" | "post" | "put" | "patch" | "delete";
type Auth = "public" | "token" | "token-write";

export interface EndpointSpec<Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Express path below /api/v1, with :params; OpenAPI gets {params}. */
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  /** Whether the path carries /t/:slug and the handler runs in that tenant. */
  tenant?: boolean;
  query?: Q;
  body?: B;
  response: R;
  /** Content type of a non-JSON response (e.g. application/geo+json). */
  responseType?: string;
}

export interface HandlerArgs<Q, B> {
  query: Q;
  body: B;
  params: Record<string, string>;
  tx: Tx;
  tenant: Tenant | null;
  token: TokenPrincipal | null;
  /** True when an API token of this very tenant is calling: internal data may be returned. */
  trusted: boolean;
  req: Request;
}

export interface ApiOptions {
  /**
   * A read replica (DATABASE_READ_URL, decision 0021). A GET of a public endpoint without an API token
   * runs on it, tenant lookup included; token lookup, token calls and writes stay on the primary.
   */
  read?: Database;
  /** Where a module's things came from in other modules (kernel/provenance.ts), from the registry. */
  provenance?: Provenance;
  /** Indicators, targets and places of a module's things, recorded by other modules (kernel/evidence.ts). */
  evidence?: EvidenceLookup;
}

/** Thrown by a handler for a clean problem response. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public title: string,
    public detail?: string,
  ) {
    super(title);
  }
}

const registry: EndpointSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];
export const endpoints = () => registry;

/**
 * Declares one API endpoint: validates query and body with Zod, authenticates, runs the handler
 * in the tenant's row-level-security transaction, and records the endpoint for the OpenAPI document.
 * `opts` is what `registerApi` was given; it is required so that no endpoint forgets the replica.
 */
export function endpoint<
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(
  router: Router,
  db: Database,
  spec: EndpointSpec<Q, B, R>,
  handler: (a: HandlerArgs<z.infer<Q>, z.infer<B>>) => Promise<z.infer<R>>,
  opts: ApiOptions,
) {
  if (!registry.some((e) => e.method === spec.method && e.path === spec.path)) registry.push(spec as never);
  router[spec.method](spec.path, async (req: Request, res: Response, next) => {
    try {
      let token: TokenPrincipal | null = null;
      const auth = req.headers.authorization;
      if (auth?.startsWith("Bearer ")) {
        token = await resolveApiToken(db, auth.slice(7).trim());
        if (!token) return problem(res, 401, "Nicht angemeldet", "Das API-Token ist ungültig oder widerrufen.");
      }
      if (spec.auth !== "public" && !token)
        return problem(
          res,
          401,
          "Nicht angemeldet",
          "Dieser Endpunkt braucht ein API-Token (Authorization: Bearer …).",
        );
      if (spec.auth === "token-write" && !token!.canWrite)
        return problem(res, 403, "Keine Berechtigung", "Dieses API-Token darf nur lesen.");
      // An anonymous read of public data is the same for every caller; it may lag by the replica's delay.
      const data = spec.method === "get" && spec.auth === "public" && !token && opts.read ? opts.read : db;

      const q = spec.query ? spec.query.safeParse(req.query) : { success: true as const, data: undefined };
      if (!q.success)
        return problem(res, 400, "Ungültige Abfrageparameter", "Bitte prüfen Sie die Parameter.", {
          errors: q.error.issues.map(apiIssue),
        });
      const b = spec.body ? spec.body.safeParse(req.body) : { success: true as const, data: undefined };
      if (!b.success)
        return problem(res, 422, "Ungültige Daten", "Der Inhalt der Anfrage ist nicht gültig.", {
          errors: b.error.issues.map(apiIssue),
        });

      let tenant: Tenant | null = null;
      const run = async (tx: Tx) =>
        handler({
          query: q.data as never,
          body: b.data as never,
          params: req.params as Record<string, string>,
          tx,
          tenant,
          token,
          trusted: !!token && !!tenant && token.tenantId === tenant.id,
          req,
        });
      let result: unknown;
      if (spec.tenant) {
        tenant = (await withPublic(data, (tx) => getTenantBySlug(tx, String(req.params.slug)))) ?? null;
        const visible = tenant && (tenant.isPublic || token?.tenantId === tenant.id);
        if (!tenant || !visible) return problem(res, 404, "Nicht gefunden", "Diesen Mandanten gibt es nicht.");
        if (spec.auth !== "public" && token!.tenantId !== tenant.id)
          return problem(res, 403, "Keine Berechtigung", "Das API-Token gehört zu einem anderen Mandanten.");
        const actor =
          token && token.tenantId === tenant.id
            ? { userId: null, label: `API-Token „${token.name}“` }
            : { userId: null, label: "öffentlich" };
        result = await withTenant(data, { tenantId: tenant.id, actor }, run);
      } else {
        result = await withPublic(data, run);
      }
      res
        .status(spec.method === "post" ? 201 : 200)
        .type(spec.responseType ?? "application/json")
        .send(JSON.stringify(result));
    } catch (e) {
      if (e instanceof ApiError) return problem(res, e.status, e.title, e.detail);
      if (e instanceof ServiceError) return problem(res, 422, "Ungültige Daten", e.message, { code: e.code });
      // Database errors that the request's data caused: the same table as for pages (db/errors.ts).
      const f = dbFailure(e, { read: req.method === "GET" || req.method === "HEAD" });
      if (f) return problem(res, f.status, TITLES[f.status], de(f.code), { code: f.code });
      next(e);
    }
  });
}
