import { config } from "../config";

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      /* malformed cookie: ignore */
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { maxAge?: number; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (opts.httpOnly !== false) parts.push("HttpOnly");
  if (config().cookieSecure) parts.push("Secure");
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`);
  return parts.join("; ");
}

export const COOKIE = {
  session: "teilhabe_session",
  csrf: "teilhabe_csrf",
  lang: "teilhabe_lang",
  /** A pending login waiting for its second factor (decision 0045). */
  pending: "teilhabe_login",
  /** A single sign-on on its way through the provider: binds the callback to this browser (decision 0047). */
  sso: "teilhabe_sso",
} as const;
