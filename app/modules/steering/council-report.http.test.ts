import { importStadtteilCounts } from "../../../tests/support/stadtteil-import";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, roleClients } from "../../../tests/support/roles";
import { tenantIds } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { sharedData } from "~/kernel/config";
import { KOELN_EXAMPLE } from "~/modules/concept";

// The council report page against the production build with the Köln demo, and the whole cycle:
// a new import for an indicator changes a Leitziel's status, which the public accountability page,
// the concept API and the next generated report all show – while the report made before stays.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const PAGE = "/t/koeln/verwaltung/steuerung/bericht";
const LZ = KOELN_EXAMPLE.themenfelder[0].leitziele[0];

const form = (number: string, extra: Record<string, string> = {}) => ({
  intent: "report",
  from: "01.01.2010",
  to: "2026-12-31",
  number,
  date: "2026-12-01",
  leadOffice: "Amt für Integration und Vielfalt (Beispiel)",
  isPublic: "1",
  kind: "kenntnisnahme",
  step0Date: "2027-01-12",
  step0Body: "Integrationsrat",
  step0Competence: "kenntnisnahme",
  ...extra,
});

/** The status of the first Leitziel on the public page (the badge after its title). */
async function publicStatus() {
  const html = await (await as("anonymous").get("/t/koeln/rechenschaft")).text();
  const at = html.indexOf(LZ.title);
  expect(at).toBeGreaterThan(0);
  return /steering-status--([a-z_]+)/.exec(html.slice(at))?.[1];
}
async function apiStatus() {
  const api = (await (await as("anonymous").get("/api/v1/t/koeln/concept")).json()) as {
    themenfelder: { leitziele: { attainment: string | null }[] }[];
  };
  return api.themenfelder[0].leitziele[0].attainment;
}
/** The status line after the first Leitziel's heading in a stored report's DOCX. */
async function reportStatus(href: string) {
  const res = await as("viewer").get(href);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("wordprocessingml");
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "\n").replace(/\n+/g, "\n");
  return new RegExp(`Leitziel 1: [^\\n]*\\nStand: ([^\\n]+)`).exec(xml)?.[1];
}
/** The download links of the report list, newest first. */
async function downloads() {
  const html = await (await as("viewer").get(PAGE)).text();
  return [...html.matchAll(/href="([^"]+\/steuerung\/bericht\/[0-9a-f-]{36}\/docx)"/g)].map((m) => m[1]);
}

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "koeln");
});
afterAll(() => s?.close());

describe.runIf(!!sharedData("koeln"))("the council report over HTTP", () => {
  it("lets viewers read and download, only editors create, and refuses bad input with a German error", async () => {
    expect((await as("anonymous").get(PAGE)).status).not.toBe(200);
    expect((await as("partner").get(PAGE)).status).toBe(403);
    const page = await as("viewer").get(PAGE);
    expect(page.status).toBe(200);
    expect(plain(await page.text())).toContain("Es wurde noch kein Bericht erstellt.");
    expect((await as("viewer").post(PAGE, form("1/2026"))).status).toBe(403);
    expect((await as("editor").post(PAGE, form("1/2026"), { csrf: null })).status).toBe(403);
    const bad = await as("editor").post(PAGE, form("1/2026", { from: "2013-01-01", to: "2012-01-01" }));
    expect(bad.status).toBe(400);
    const text = plain(await bad.text());
    expect(text).toContain("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.");
    expect(text).toContain("Amt für Integration und Vielfalt (Beispiel)"); // what was typed stays
    const noBody = await as("editor").post(PAGE, form("1/2026", { step0Body: "" }));
    expect(noBody.status).toBe(400);
    expect(plain(await noBody.text())).toContain("Bitte ein Gremium wählen oder benennen.");
  });

  it("walks the cycle: an import changes a Leitziel on the public page, in the API and in the next report", async () => {
    expect(await publicStatus()).toBe("at_risk");
    expect(await apiStatus()).toBe("at_risk");
    const first = await as("editor").post(PAGE, form("4711/2026"));
    expect(first.status).toBe(200);
    expect(plain(await first.text())).toContain("Der Bericht wurde als Vorlage 4711/2026 erstellt.");
    const [firstHref] = await downloads();
    expect(await reportStatus(firstHref)).toBe("gefährdet");
    // The number is the Vorlage's: a second report under it is refused (bodies' rule).
    const taken = await as("editor").post(PAGE, form("4711/2026"));
    expect(taken.status).toBe(400);
    expect(plain(await taken.text())).toContain("4711/2026");
    expect(await downloads()).toHaveLength(1);
    // The Vorlage is a paper of the bodies module, with its Beratungsfolge.
    const papers = plain(await (await as("viewer").get("/t/koeln/verwaltung/vorlagen")).text());
    expect(papers).toContain("4711/2026");

    // 2013 for Chorweiler: 23 % naturalised, Teilziel 1.2 (22 % by 2015) reached, Leitziel 1 on track.
    const db = s.db as unknown as Database;
    const { koeln } = await tenantIds(db);
    const r = await importStadtteilCounts(
      (fn) => withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test" } }, fn),
      "chorweiler-2013",
      { ew: "einwohner", eing: "eingebuergerte" },
      [
        ["609", "2013", "ew", 12000],
        ["609", "2013", "eing", 2760],
      ],
    );
    expect(r.committed, JSON.stringify(r.errors)).toBe(true);

    expect(await publicStatus()).toBe("on_track");
    expect(await apiStatus()).toBe("on_track");
    expect((await as("editor").post(PAGE, form("4712/2026"))).status).toBe(200);
    const [newest, older] = await downloads();
    expect(older).toBe(firstHref);
    expect(await reportStatus(newest)).toBe("auf Kurs");
    // What went to the council first is what it was.
    expect(await reportStatus(firstHref)).toBe("gefährdet");
    const pdf = await as("viewer").get(newest.replace(/docx$/, "pdf"));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Another tenant does not reach Köln's reports.
    const aachen = await roleClients(s, "aachen");
    expect((await aachen("editor").get(newest.replace("/t/koeln/", "/t/aachen/"))).status).toBe(404);
    expect((await as("viewer").get(newest.replace(/docx$/, "odt"))).status).toBe(404);
  });
});
