import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { tenantIds } from "../../../tests/support/db";
import { withTenant } from "~/kernel/db/context";
import { monIndicators } from "./schema";

// Issue 18 item 6: the core set's names, fields, descriptions and sources are Teilhabe's texts and
// come in the page's language; a name the municipality changed is its own and stays German, marked.
let s: TestServer;
let ids: Record<string, string>;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  ids = await tenantIds(s.db);
});
afterAll(async () => {
  await s?.close();
});

const page = async (path: string) => {
  const r = await fetch(`${s.url}${path}`);
  expect(r.status).toBe(200);
  return r.text();
};
/** What the page shows: its title and its <main>, without the loader data the page carries for hydration. */
const shown = (html: string) => {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return { title, main };
};

describe("core-set indicator texts in the page's language", () => {
  it("names a core indicator in English on the public indicator page, and its German name nowhere", async () => {
    const { title, main } = shown(await page("/t/koeln/monitoring/indikator/einwohner_mh?lang=en"));
    expect(title).toContain("Residents with a migration background");
    // Translated, so not marked as German content.
    expect(main).toMatch(/<h1 class="kern-heading-large">Residents with a migration background<\/h1>/);
    expect(main).toContain("Foreign nationals, naturalised citizens");
    expect(main).toContain("Demography");
    for (const german of ["Einwohner mit Migrationshintergrund", "Demografie"]) expect(main).not.toContain(german);
    // The description is translated; the declared definition stays the catalogue's German, marked.
    expect(main).not.toMatch(/<p class="kern-body"[^>]*>Ausländer, Eingebürgerte/);
    expect(main).toContain('<bdi lang="de" dir="auto">Einwohner mit Hauptwohnsitz am 31.12.');
  });

  it("names the inputs of a derived core indicator and the tiles of the start page in English", async () => {
    const { main } = shown(await page("/t/koeln/monitoring/indikator/mh_anteil?lang=en"));
    expect(main).toContain("Share of the population with a migration background");
    expect(main).toContain("Share (%) of Residents with a migration background (Total) in Residents (Total)");
    expect(main).not.toContain("Einwohner");

    const start = shown(await page("/t/koeln/monitoring?lang=en")).main;
    expect(start).toContain(">Residents with a migration background<");
    expect(start).toContain(">Demography<");
    expect(start).not.toContain("Einwohner mit Migrationshintergrund");
    // Köln's own indicators are its German texts, marked as such.
    expect(start).toMatch(/<bdi lang="de" dir="auto">Einwohner nach Altersgruppe<\/bdi>/);
  });

  it("names the core indicators of the Land's comparison in English", async () => {
    const { main } = shown(await page("/t/nrw/monitoring/vergleich?indikator=mh_anteil&lang=en"));
    expect(main).toContain(">Share of the population with a migration background</option>");
    expect(main).toContain(">Share of foreign nationals</option>");
    expect(main).not.toContain("Anteil der Bevölkerung mit Migrationshintergrund");
  });

  it("names core indicators in the other public languages too", async () => {
    expect(shown(await page("/t/koeln/monitoring/indikator/einwohner_mh?lang=ar")).main).toContain(
      ">السكان من أصول مهاجرة</h1>",
    );
    expect(shown(await page("/t/koeln/monitoring/indikator/einwohner_mh?lang=ls")).main).toContain(
      ">Menschen mit Migrations·hintergrund</h1>",
    );
    // German pages keep the catalogue's own name.
    expect(shown(await page("/t/koeln/monitoring/indikator/einwohner_mh?lang=de")).main).toContain(
      ">Einwohner mit Migrationshintergrund</h1>",
    );
  });

  it("keeps a name the municipality changed German, marked as German content", async () => {
    await withTenant(s.db, { tenantId: ids.koeln, actor: { userId: null, label: "test" } }, (tx) =>
      tx
        .update(monIndicators)
        .set({ name: "Menschen mit Einwanderungsgeschichte" })
        .where(eq(monIndicators.code, "einwohner_mh")),
    );
    const { title, main } = shown(await page("/t/koeln/monitoring/indikator/einwohner_mh?lang=en"));
    expect(title).toContain("Menschen mit Einwanderungsgeschichte");
    expect(main).toContain(
      '<h1 class="kern-heading-large" lang="de" dir="auto">Menschen mit Einwanderungsgeschichte</h1>',
    );
    expect(main).not.toContain("Residents with a migration background");
    // What it left as it was is still translated.
    expect(main).toContain("Foreign nationals, naturalised citizens");
  });
});
