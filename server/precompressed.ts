import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

// In order of preference.
const ENCODINGS = [
  { name: "br", ext: "br", accepted: /\bbr\b/ },
  { name: "gzip", ext: "gz", accepted: /\bgzip\b/ },
];

/**
 * Serves the .br/.gz files the build wrote next to each hashed asset (vite.config.ts), so browsers
 * get brotli at its best level without the server compressing the same file on every request.
 * The list of files is read once; a request only ever maps to a file on that list.
 */
export function precompressed(assetsDir: string) {
  const available = new Set<string>();
  try {
    for (const f of fs.readdirSync(assetsDir)) if (/\.(br|gz)$/.test(f)) available.add(f);
  } catch {
    /* no build yet: everything falls through to express.static */
  }
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.replace(/^\//, "");
    if (name.includes("/")) return next();
    const accept = String(req.headers["accept-encoding"] ?? "");
    const hit = ENCODINGS.find((e) => e.accepted.test(accept) && available.has(`${name}.${e.ext}`));
    res.vary("Accept-Encoding");
    if (!hit) return next();
    res.type(path.extname(name));
    res.setHeader("Content-Encoding", hit.name);
    req.url = `/${name}.${hit.ext}`;
    next();
  };
}
