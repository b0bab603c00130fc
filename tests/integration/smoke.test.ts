import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s?.close(); });

describe("smoke", () => {
  it("answers /health with ok", async () => {
    const res = await fetch(`${s.url}/health`);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("lists the demo tenants on the start page and in the API", async () => {
    const html = await (await fetch(s.url + "/")).text();
    for (const name of ["Stadt Aachen", "Stadt Köln", "StädteRegion Aachen", "Land Nordrhein-Westfalen"]) expect(html).toContain(name);
    const api = await (await fetch(s.url + "/api/v1/tenants")).json();
    expect(api.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual(["aachen", "koeln", "nrw", "staedteregion-aachen"]);
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
});
