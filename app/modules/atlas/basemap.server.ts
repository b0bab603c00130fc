import fs from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Database } from "~/kernel/db/client";
import { withPublic } from "~/kernel/db/context";
import { config } from "~/kernel/config";
import { getTenantBySlug } from "~/kernel/tenancy/service";

// The base map of a tenant (decision 0050): one PMTiles archive per tenant, `<slug>.pmtiles` in the
// folder the operator names in BASEMAP_DIR. MapLibre reads it through the `pmtiles` protocol with
// HTTP range requests, so no tile server is needed. The file name is made from the tenant's slug
// (never from the request), and the result must lie directly in that folder.

type SendError = Error & { status?: number; headers?: Record<string, string> };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The public address of a tenant's base map (the mount below answers it). */
export const basemapHref = (slug: string) => `/grundkarte/${slug}.pmtiles`;

/** The absolute path of the tenant's base map, or null where the operator has put none. */
export function basemapFile(slug: string, dir: string | null = config().basemapDir): string | null {
  if (!dir || !SLUG.test(slug)) return null;
  const file = path.resolve(dir, `${slug}.pmtiles`);
  if (path.dirname(file) !== path.resolve(dir)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** Where the map page finds the tenant's base map, or null (then it draws area outlines only). */
export const basemapUrl = (slug: string): string | null => (basemapFile(slug) ? basemapHref(slug) : null);

/**
 * Mounted at /grundkarte: `GET|HEAD /grundkarte/<slug>.pmtiles` for a public tenant with a file.
 * `send` answers ranges (206), unsatisfiable ranges (416), ETag and Last-Modified; anything else
 * goes on to the app, whose answer for an unknown address is the 404 page.
 */
export function router(db: Database) {
  const r = express.Router();
  r.get("/:file", (req: Request, res: Response, next: NextFunction) => {
    const m = /^([a-z0-9-]+)\.pmtiles$/.exec(String(req.params.file));
    const file = m ? basemapFile(m[1]!) : null;
    if (!m || !file) return next();
    void withPublic(db, (tx) => getTenantBySlug(tx, m[1]!)).then((t) => {
      if (!t?.isPublic) return next();
      res.setHeader("Content-Type", "application/vnd.pmtiles");
      // Immutable only per version of the file: ETag and Last-Modified let a browser revalidate.
      res.setHeader("Cache-Control", "public, max-age=3600, no-transform");
      // dotfiles "allow": the name comes from the slug; the operator's folder may lie below a dot folder.
      res.sendFile(file, { acceptRanges: true, cacheControl: false, dotfiles: "allow" }, (err?: SendError) => {
        if (!err || res.headersSent) return;
        // `send` hands an unsatisfiable range to us instead of answering it.
        if (err.status === 416) {
          res.setHeader("Content-Range", err.headers?.["Content-Range"] ?? `bytes */${fs.statSync(file).size}`);
          return void res.status(416).end();
        }
        for (const h of ["Content-Type", "Cache-Control"]) res.removeHeader(h);
        next();
      });
    }, next);
  });
  return r;
}
