import { z } from "zod";

/**
 * Links that providers and staff type in are shown to the public (pages, JSON-LD, API). Only web
 * addresses may pass: a `javascript:` or `data:` URL in an href runs or shows content chosen by
 * whoever typed it. Zod's url() accepts any scheme, so the check is our own: it must start with
 * http:// or https://, parse as a URL with a host, and contain no spaces or control characters.
 */
export function isWebUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/^https?:\/\/[^\s/?#]/i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** A web address field (http/https only); blank is handled by the caller's optional/nullable. */
export const webUrl = () => z.string().trim().max(2000).refine(isWebUrl, "validation.url");

/**
 * The stored value if it is a web address, else null: rows written before the input check (or by
 * hand) must not reach a page, a download or the API with another scheme.
 */
export function safeWebUrl(value: string | null | undefined): string | null {
  return value && isWebUrl(value.trim()) ? value.trim() : null;
}
