import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isPrivateAddress, oparlFetch, OparlFetchError } from "./fetch";

// The import's fetch client (decision 0026) against a real local HTTP server: allow-listed it is
// reached, without the allow list 127.0.0.1 is refused, redirects are checked again, and the size
// and time limits hold.
let server: http.Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, "http://x");
    if (u.pathname === "/system") {
      res.setHeader("content-type", "application/json; charset=utf-8");
      return res.end(JSON.stringify({ type: "https://schema.oparl.org/1.1/System" }));
    }
    if (u.pathname === "/redirect") {
      res.statusCode = 302;
      res.setHeader("location", u.searchParams.get("to")!);
      return res.end();
    }
    if (u.pathname === "/loop") {
      res.statusCode = 301;
      res.setHeader("location", "/loop");
      return res.end();
    }
    if (u.pathname === "/big") {
      // No content-length: the limit must hold while reading.
      res.write("x".repeat(4096));
      return res.end("x".repeat(4096));
    }
    if (u.pathname === "/slow") {
      res.write("[");
      return; // never ends
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof OparlFetchError) return e.code;
    throw e;
  }
};

describe("the OParl fetch client", () => {
  it("fetches from an allow-listed local server", async () => {
    const r = await oparlFetch(`${base}/system`, { allow: ["127.0.0.1"] });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString("utf8"))).toEqual({ type: "https://schema.oparl.org/1.1/System" });
    // A network allows it as well.
    expect((await oparlFetch(`${base}/system`, { allow: ["127.0.0.0/8"] })).status).toBe(200);
  });

  it("refuses 127.0.0.1, ::1 and a name resolving to loopback without the allow list", async () => {
    expect(await code(oparlFetch(`${base}/system`, { allow: [] }))).toBe("refusedAddress");
    expect(await code(oparlFetch(`http://[::1]:${port}/system`, { allow: [] }))).toBe("refusedAddress");
    expect(await code(oparlFetch(`http://[::ffff:127.0.0.1]:${port}/system`, { allow: [] }))).toBe("refusedAddress");
    expect(await code(oparlFetch(`http://localhost:${port}/system`, { allow: [] }))).toBe("refusedAddress");
    // The configuration's allow list is empty by default.
    expect(await code(oparlFetch(`${base}/system`))).toBe("refusedAddress");
  });

  it("checks every redirect again", async () => {
    const ok = await oparlFetch(`${base}/redirect?to=/system`, { allow: ["127.0.0.1"] });
    expect([ok.status, ok.url]).toEqual([200, `${base}/system`]);
    const toLoopback6 = `${base}/redirect?to=${encodeURIComponent(`http://[::1]:${port}/system`)}`;
    expect(await code(oparlFetch(toLoopback6, { allow: ["127.0.0.1"] }))).toBe("refusedAddress");
    const toMetadata = `${base}/redirect?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data")}`;
    expect(await code(oparlFetch(toMetadata, { allow: ["127.0.0.1"] }))).toBe("refusedAddress");
    const toFile = `${base}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`;
    expect(await code(oparlFetch(toFile, { allow: ["127.0.0.1"] }))).toBe("badUrl");
    expect(await code(oparlFetch(`${base}/loop`, { allow: ["127.0.0.1"], maxRedirects: 3 }))).toBe("tooManyRedirects");
  });

  it("stops at the size limit and the time limit", async () => {
    expect(await code(oparlFetch(`${base}/big`, { allow: ["127.0.0.1"], maxBytes: 5000 }))).toBe("tooLarge");
    expect((await oparlFetch(`${base}/big`, { allow: ["127.0.0.1"], maxBytes: 9000 })).body.length).toBe(8192);
    expect(await code(oparlFetch(`${base}/slow`, { allow: ["127.0.0.1"], timeoutMs: 300 }))).toBe("timeout");
  });

  it("knows the private, loopback and link-local networks of IPv4 and IPv6", () => {
    const refused = [
      "127.0.0.1",
      "127.8.9.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "::1",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "febf::1",
      "::ffff:10.0.0.1",
      "::ffff:7f00:1",
      "fe80::1%eth0",
      "kein-ip",
    ];
    const open = [
      "8.8.8.8",
      "172.32.0.1",
      "172.15.255.255",
      "192.169.0.1",
      "1.1.1.1",
      "2a00:1450:4001::1",
      "fec0::1",
      "::ffff:8.8.8.8",
    ];
    expect(refused.filter((a) => !isPrivateAddress(a))).toEqual([]);
    expect(open.filter((a) => isPrivateAddress(a))).toEqual([]);
  });
});
