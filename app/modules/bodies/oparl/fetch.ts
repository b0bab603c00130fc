import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { LookupFunction } from "node:net";
import { config } from "~/kernel/config";

// Server-side fetch of another system's OParl URL for the import (decision 0026). The URL comes
// from staff or from the other system's answers, so the server must not be turned against its own
// network: every address a host name resolves to is checked, and the connection goes to a checked
// address (no second, rebindable look-up); redirects are followed by hand and checked again; the
// answer is cut off at a size and the whole fetch, redirects included, at a time limit. Private,
// loopback and link-local addresses are refused unless allow-listed (OPARL_FETCH_ALLOW).

export type FetchErrorCode =
  "badUrl" | "refusedAddress" | "dns" | "tooLarge" | "timeout" | "tooManyRedirects" | "network";

const MESSAGES: Record<FetchErrorCode, string> = {
  badUrl: "Die Adresse ist keine http(s)-Adresse.",
  refusedAddress: "Die Adresse gehört zu einem privaten oder lokalen Netz und ist nicht freigegeben.",
  dns: "Der Name des Servers ließ sich nicht auflösen.",
  tooLarge: "Die Antwort ist größer als erlaubt.",
  timeout: "Der Server hat nicht rechtzeitig geantwortet.",
  tooManyRedirects: "Zu viele Weiterleitungen.",
  network: "Der Server war nicht erreichbar.",
};

export class OparlFetchError extends Error {
  constructor(
    public code: FetchErrorCode,
    public url: string,
    detail?: string,
  ) {
    super(`${MESSAGES[code]} (${url}${detail ? `: ${detail}` : ""})`);
  }
}

/** Networks no fetch may reach unless allow-listed: private, loopback, link-local, unspecified, … */
const BLOCKED: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];
const blocked = new net.BlockList();
for (const [a, p, t] of BLOCKED) blocked.addSubnet(a, p, t);

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (::ffff:127.0.0.1), else the address. */
function unmapped(address: string): string {
  const m = /^::(?:ffff:)?((?:\d{1,3}\.){3}\d{1,3})$/i.exec(address);
  if (m) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  }
  return address;
}

/** Whether an IP address lies in a private, loopback, link-local or otherwise non-public network. */
export function isPrivateAddress(address: string): boolean {
  const a = unmapped(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  const family = net.isIP(a);
  if (!family) return true;
  return blocked.check(a, family === 4 ? "ipv4" : "ipv6");
}

/** Whether the allow list names the host or the address (exactly, or by a network in CIDR form). */
function allowed(allow: readonly string[], host: string, address: string): boolean {
  const a = unmapped(address);
  for (const entry of allow) {
    if (entry.toLowerCase() === host.toLowerCase() || entry === a) return true;
    const [net0, bits] = entry.split("/");
    const fam = net.isIP(net0);
    if (fam && bits !== undefined && net.isIP(a) === fam) {
      const list = new net.BlockList();
      list.addSubnet(net0, Number(bits), fam === 4 ? "ipv4" : "ipv6");
      if (list.check(a, fam === 4 ? "ipv4" : "ipv6")) return true;
    }
  }
  return false;
}

export interface FetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Hosts, addresses or CIDR networks that may be reached although private (default OPARL_FETCH_ALLOW). */
  allow?: readonly string[];
}

export interface FetchResult {
  /** The address that answered, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * A look-up that resolves every address of the host and refuses if any is not allowed; the socket
 * then connects to the first of the checked addresses.
 */
function checkedLookup(host: string, allow: readonly string[], url: string): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err || !addresses.length) return callback(new OparlFetchError("dns", url, err?.message), "", 4);
      const refused = addresses.find((a) => isPrivateAddress(a.address) && !allowed(allow, host, a.address));
      if (refused) return callback(new OparlFetchError("refusedAddress", url, refused.address), "", 4);
      const first = addresses[0];
      if ((options as { all?: boolean }).all)
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

function once(
  url: URL,
  allow: readonly string[],
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ status: number; location?: string; contentType: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // A literal address is not looked up: check it here.
    if (net.isIP(host) && isPrivateAddress(host) && !allowed(allow, host, host))
      return reject(new OparlFetchError("refusedAddress", url.href, host));
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.get(
      url,
      {
        lookup: checkedLookup(host, allow, url.href),
        signal,
        headers: { accept: "application/json", "user-agent": "Teilhabe-OParl-Import/1.0" },
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers["content-type"] ?? "");
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ status, location: res.headers.location, contentType, body: Buffer.alloc(0) });
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          return reject(new OparlFetchError("tooLarge", url.href, `${declared} Bytes`));
        }
        const parts: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            return reject(new OparlFetchError("tooLarge", url.href, `> ${maxBytes} Bytes`));
          }
          parts.push(chunk);
        });
        res.on("end", () => resolve({ status, contentType, body: Buffer.concat(parts) }));
        res.on("error", (e) => reject(e));
        // Cut off (time limit) without an error event: settle anyway (a settled promise ignores it).
        res.on("close", () => {
          if (!res.complete)
            reject(
              signal.aborted ? new OparlFetchError("timeout", url.href) : new OparlFetchError("network", url.href),
            );
        });
      },
    );
    req.on("error", (e) => reject(e));
  });
}

/**
 * Fetches an OParl URL (GET) with the limits of the configuration or `opts`. Throws an
 * OparlFetchError; any HTTP status is returned as it is (the caller decides what a 404 means).
 */
export async function oparlFetch(address: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const c = config().oparlFetch;
  const maxBytes = opts.maxBytes ?? c.maxBytes;
  const allow = opts.allow ?? c.allow;
  const maxRedirects = opts.maxRedirects ?? 5;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? c.timeoutMs);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new OparlFetchError("badUrl", address);
  }
  try {
    for (let hops = 0; ; hops++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new OparlFetchError("badUrl", url.href);
      if (url.username || url.password) throw new OparlFetchError("badUrl", url.href);
      const r = await once(url, allow, maxBytes, controller.signal);
      if (r.location === undefined)
        return { url: url.href, status: r.status, contentType: r.contentType, body: r.body };
      if (hops >= maxRedirects) throw new OparlFetchError("tooManyRedirects", url.href);
      try {
        url = new URL(r.location, url);
      } catch {
        throw new OparlFetchError("badUrl", r.location);
      }
    }
  } catch (e) {
    if (e instanceof OparlFetchError) throw e;
    const cause = (e as { cause?: unknown })?.cause;
    if (cause instanceof OparlFetchError) throw cause;
    if (controller.signal.aborted) throw new OparlFetchError("timeout", url.href);
    throw new OparlFetchError("network", url.href, (e as Error)?.message);
  } finally {
    clearTimeout(timer);
  }
}
