import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { Database } from "../db/client";
import { config } from "../config";
import { listPublicTenants } from "../tenancy/service";
import { TENANT_KINDS } from "../tenancy/laender";
import { createOrganisation, listOrganisations, OrganisationInput } from "../organisations/service";
import { ORGANISATION_KINDS } from "../db/schema";
import { ApiError, endpoint, type ApiOptions } from "./endpoint";
import { openApiDocument } from "./openapi";
import { problem } from "./problem";
import { safeWebUrl } from "../urls";
import { jsonControlPath } from "../http/input";
import { getT } from "../i18n";

import type { ApiModule } from "../modules";

// The API speaks German, its documented language.
const de = getT("de");

const Tenant = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(TENANT_KINDS),
  ags: z.string(),
  parent: z.string().nullable(),
});
const Organisation = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  shortName: z.string().nullable(),
  website: z.string().nullable(),
});

/**
 * The REST API: the kernel's endpoints and those of `modules` (loaders of the modules' api entries,
 * passed in by the registry). They load on first use, so every request waits until they are there.
 * With `opts.read`, anonymous GETs of public endpoints read from that replica (decision 0021).
 */
export function apiRouter(db: Database, modules: readonly (() => Promise<ApiModule>)[] = [], opts: ApiOptions = {}) {
  const router = express.Router();
  const moduleRouter = express.Router();
  let ready: Promise<void> | undefined;
  router.use((_req: Request, _res: Response, next: NextFunction) => {
    ready ??= Promise.all(modules.map((load) => load())).then((list) => {
      for (const m of list) m.registerApi(moduleRouter, db, opts);
    });
    ready.then(() => next(), next);
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader("Cache-Control", "no-store");
    if (["POST", "PUT", "PATCH"].includes(req.method) && !req.is("application/json")) {
      return problem(
        res,
        415,
        "Nicht unterstützter Inhaltstyp",
        "Bitte senden Sie JSON (Content-Type: application/json).",
      );
    }
    next();
  });
  router.use(express.json({ limit: config().maxBodyBytes, strict: true }));
  router.use((req: Request, res: Response, next: NextFunction) => {
    const at = jsonControlPath(req.body);
    if (at === undefined) return next();
    problem(res, 422, "Ungültige Daten", de("errors.input.control"), {
      code: "errors.input.control",
      errors: [{ path: at, message: de("errors.input.control"), code: "errors.input.control" }],
    });
  });

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });

  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/tenants",
      summary: "Öffentliche Mandanten (Kommunen, Kreise, Länder)",
      tag: "Plattform",
      auth: "public",
      response: z.object({ tenants: z.array(Tenant) }),
    },
    async ({ tx }) => {
      const list = await listPublicTenants(tx);
      const bySlug = new Map(list.map((t) => [t.id, t.slug]));
      return {
        tenants: list.map((t) => ({
          slug: t.slug,
          name: t.name,
          kind: t.kind,
          ags: t.ags,
          parent: t.parentId ? (bySlug.get(t.parentId) ?? null) : null,
        })),
      };
    },
    opts,
  );

  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/organisations",
      summary: "Organisationsregister des Mandanten",
      tag: "Plattform",
      auth: "token",
      tenant: true,
      response: z.object({ organisations: z.array(Organisation) }),
    },
    async ({ tx }) => ({
      organisations: (await listOrganisations(tx)).map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        shortName: o.shortName,
        website: safeWebUrl(o.website),
      })),
    }),
    opts,
  );

  endpoint(
    router,
    db,
    {
      method: "post",
      path: "/t/:slug/organisations",
      summary: "Organisation anlegen",
      tag: "Plattform",
      auth: "token-write",
      tenant: true,
      body: OrganisationInput,
      response: Organisation,
    },
    async ({ tx, body }) => {
      const r = await createOrganisation(tx, body);
      if (!r.ok) throw new ApiError(409, "Konflikt", "Eine Organisation mit diesem Namen gibt es schon.");
      const o = r.organisation;
      return { id: o.id, name: o.name, kind: o.kind, shortName: o.shortName, website: safeWebUrl(o.website) };
    },
    opts,
  );

  router.use(moduleRouter);

  router.use((_req, res) =>
    problem(res, 404, "Nicht gefunden", "Diesen API-Endpunkt gibt es nicht. Siehe /api/v1/openapi.json."),
  );
  router.use(
    (err: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (err.type === "entity.parse.failed")
        return problem(res, 400, "Ungültiges JSON", "Der Inhalt der Anfrage ist kein gültiges JSON.");
      if (err.type === "entity.too.large")
        return problem(res, 413, "Anfrage zu groß", `Höchstens ${config().maxBodyBytes} Bytes sind erlaubt.`);
      if (err.status && err.status >= 400 && err.status < 500)
        return problem(res, err.status, "Ungültige Anfrage", "Die Anfrage konnte nicht gelesen werden.");
      next(err);
    },
  );
  return router;
}
