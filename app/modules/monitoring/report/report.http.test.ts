import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { startTestServer, type TestServer } from "../../../../tests/support/server";
import { plain, roleClients } from "../../../../tests/support/roles";
import { sharedData } from "~/kernel/config";

// The monitoring report over HTTP against the production build with the Köln demo: a staff page from
// viewer up (decision 0038: not public), downloads as DOCX and PDF, no other tenant's staff.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const PAGE = "/t/koeln/verwaltung/monitoring/bericht";
const FILE = `${PAGE}/datei`;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "koeln");
});
afterAll(() => s?.close());

describe.runIf(!!sharedData("koeln"))("the monitoring report over HTTP", () => {
  it("shows viewers the choice with the public indicators of the year preselected", async () => {
    const page = await as("viewer").get(`${PAGE}?jahr=2012`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(plain(html)).toContain("Monitoringbericht");
    // Checked: public indicators with data in 2012; not checked: those without.
    const box = (code: string) =>
      html.match(/<input[^>]*name="ind"[^>]*>/g)?.find((tag) => tag.includes(`value="${code}"`));
    expect(box("einwohner")).toContain('checked=""');
    expect(box("kita_quote")).toBeDefined();
    expect(box("kita_quote")).not.toContain("checked");
    expect(plain(html)).toContain("keine Werte in diesem Jahr");
    // The staff overview links to it.
    expect(await (await as("viewer").get("/t/koeln/verwaltung/monitoring")).text()).toContain(
      'href="/t/koeln/verwaltung/monitoring/bericht"',
    );
  });

  it("lets a viewer download DOCX and PDF and refuses anonymous, partners and another tenant", async () => {
    const q = "?jahr=2012&ebene=stadtteil&auswahl=1&ind=einwohner&ind=mh_anteil";
    const docx = await as("viewer").get(`${FILE}${q}&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    expect(docx.headers.get("content-disposition")).toContain("koeln-monitoringbericht-2012-stadtteil.docx");
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    for (const text of ["Monitoringbericht 2012", "Chorweiler", "Einwohnerinnen und Einwohner"])
      expect(xml).toContain(text);

    const pdf = await as("viewer").get(`${FILE}${q}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Not public: anonymous gets no file, partners are no staff.
    const anon = await as("anonymous").get(`${FILE}${q}&format=pdf`);
    expect(anon.status).not.toBe(200);
    expect(anon.headers.get("content-type") ?? "").not.toContain("pdf");
    expect((await as("anonymous").get(PAGE)).status).not.toBe(200);
    expect((await as("partner").get(`${FILE}${q}&format=pdf`)).status).toBe(403);
    // Another tenant's staff do not reach Köln's report.
    const aachen = await roleClients(s, "aachen");
    const foreign = await aachen("admin").get(`${FILE}${q}&format=pdf`);
    expect(foreign.status).not.toBe(200);
    expect(foreign.headers.get("content-type") ?? "").not.toContain("pdf");
  });

  it("refuses an empty choice, an unknown year and format with a German message", async () => {
    const none = await as("viewer").get(`${FILE}?jahr=2012&ebene=stadtteil&auswahl=1&format=pdf`);
    expect(none.status).toBe(400);
    expect(plain(await none.text())).toContain("Bitte mindestens einen Indikator wählen.");
    const year = await as("viewer").get(`${FILE}?jahr=1999&format=pdf`);
    expect(year.status).toBe(400);
    expect(plain(await year.text())).toContain("Bitte ein Jahr wählen, für das es Werte gibt.");
    const format = await as("viewer").get(`${FILE}?jahr=2012&format=odt`);
    expect(format.status).toBe(400);
    expect(plain(await format.text())).toContain("Bitte PDF oder DOCX wählen.");
  });
});
