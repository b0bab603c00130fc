import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";

// Decision 0051: the installable, offline atlas. The browser test shows install and offline use in
// Chromium; this one checks what the server answers, against the production build.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

// What Chromium needs to offer installing (its installability criteria), as a schema.
const Manifest = z.object({
  id: z.string(),
  name: z.string().min(1),
  short_name: z.string().min(1).max(12),
  lang: z.string(),
  dir: z.enum(["ltr", "rtl"]),
  start_url: z.string(),
  scope: z.string(),
  display: z.literal("standalone"),
  icons: z
    .array(
      z.object({ src: z.string(), sizes: z.string(), type: z.literal("image/png"), purpose: z.string().optional() }),
    )
    .min(2),
});

describe("installable atlas", () => {
  it("serves a manifest per tenant, in the visitor's language, with icons that exist", async () => {
    const c = new Client(s.url);
    const r = await c.get("/t/koeln/angebote/app.webmanifest");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const m = Manifest.parse(await r.json());
    expect(m).toMatchObject({ start_url: "/t/koeln/angebote", scope: "/t/koeln/angebote", lang: "de", dir: "ltr" });
    expect(m.name).toContain("Köln");
    for (const icon of m.icons) {
      const img = await c.get(icon.src);
      expect(img.status, icon.src).toBe(200);
      const bytes = Buffer.from(await img.arrayBuffer());
      // PNG signature, then the IHDR width and height: what `sizes` promises.
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    const ar = Manifest.parse(await (await c.get("/t/aachen/angebote/app.webmanifest?lang=ar")).json());
    expect(ar).toMatchObject({ lang: "ar", dir: "rtl", start_url: "/t/aachen/angebote" });
    expect(ar.name).toContain("Aachen");
    expect(ar.name).not.toContain("Angebote");
    const ls = Manifest.parse(await (await c.get("/t/aachen/angebote/app.webmanifest?lang=ls")).json());
    expect(ls.lang).toBe("de-x-ls");
    expect((await c.get("/t/gibt-es-nicht/angebote/app.webmanifest")).status).toBe(404);
    // An unknown language falls back to German, not to an error.
    const odd = Manifest.parse(await (await new Client(s.url).get("/t/koeln/angebote/app.webmanifest?lang=xx")).json());
    expect(odd).toMatchObject({ lang: "de", name: m.name });
  });

  it("serves the service worker with the scope of the tenant's atlas, never cached stale", async () => {
    const r = await new Client(s.url).get("/t/koeln/angebote/sw.js");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(r.headers.get("service-worker-allowed")).toBe("/t/koeln/angebote");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    const source = await r.text();
    expect(source).toContain('addEventListener("fetch"');
    // It keeps only pages marked as the same for everyone.
    expect(source).toContain("X-Offline-Copy");
    // No worker for a tenant that does not exist.
    expect((await new Client(s.url).get("/t/gibt-es-nicht/angebote/sw.js")).status).toBe(404);
  });

  it("marks the atlas pages an anonymous visitor sees as fit to keep, a logged-in user's not", async () => {
    const anon = new Client(s.url);
    for (const p of ["/t/koeln/angebote?lang=en", "/t/koeln/angebote/karte?lang=en"]) {
      const r = await anon.get(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get("x-offline-copy"), p).toBe("1");
      expect(await r.text(), p).toContain('rel="manifest" href="/t/koeln/angebote/app.webmanifest"');
    }
    const staff = new Client(s.url);
    await staff.login("editor.koeln@example.org", "Teilhabe-Demo-2026");
    const r = await staff.get("/t/koeln/angebote");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-offline-copy")).toBe("0");
    expect(r.headers.get("x-page-cache")).toBeNull();
  });
});
