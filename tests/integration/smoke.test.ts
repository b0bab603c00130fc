import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import zlib from "node:zlib";
import { Client, startTestServer, type TestServer } from "../support/server";

/** A raw GET (fetch would decode the body itself). */
function raw(
  url: string,
  encoding: string,
): Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
      })
      .on("error", reject);
  });
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe("smoke", () => {
  it("answers /health with ok", async () => {
    const res = await fetch(`${s.url}/health`);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("lists the demo tenants on the start page and in the API", async () => {
    const html = await (await fetch(s.url + "/")).text();
    for (const name of ["Stadt Aachen", "Stadt Köln", "StädteRegion Aachen", "Land Nordrhein-Westfalen"])
      expect(html).toContain(name);
    const api = await (await fetch(s.url + "/api/v1/tenants")).json();
    expect(api.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([
      "aachen",
      "koeln",
      "nrw",
      "staedteregion-aachen",
    ]);
    expect(api.tenants.find((t: { slug: string }) => t.slug === "aachen").parent).toBe("staedteregion-aachen");
  });

  it("logs a demo admin in and shows the staff area", async () => {
    const c = new Client(s.url);
    const res = await c.login("admin.aachen@example.org", "Teilhabe-Demo-2026");
    expect(res.headers.get("location")).toBe("/t/aachen/verwaltung");
    const page = await c.get("/t/aachen/verwaltung/benutzer");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("editor.aachen@example.org");
  });

  it("serves the built assets brotli- or gzip-compressed ahead of time, and plain to clients that want it", async () => {
    const html = await (await fetch(s.url + "/")).text();
    const asset = html.match(/\/assets\/entry\.client-[\w-]+\.js/)![0];
    const plain = await raw(s.url + asset, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toMatch(/javascript/);
    const br = await raw(s.url + asset, "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toContain("immutable");
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await raw(s.url + asset, "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // Only files of the build are mapped: no way out of the assets folder.
    const escape = await raw(s.url + "/assets/..%2f..%2fpackage.json", "identity");
    expect(escape.body.toString()).not.toContain('"name": "teilhabe"');
  });
  it("ships only the KERN styles the app uses, including class names built at run time", async () => {
    const html = await (await fetch(s.url + "/")).text();
    const href = html.match(/\/assets\/root-[\w-]+\.css/)![0];
    const css = await (await fetch(s.url + href)).text();
    // Built as `kern-alert--${kind}`: only the safelist in vite.config.ts keeps them.
    for (const kind of ["info", "success", "warning", "danger"]) expect(css, kind).toContain(`.kern-alert--${kind}`);
    expect(css).toContain(".kern-form-input__select-wrapper");
    // A KERN component no page uses is gone (the full stylesheet has it).
    expect(css).not.toContain(".kern-accordion");
  });
});
