import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows, roleClients } from "../../../tests/support/roles";

// Issue 18: a page offers only the actions its reader may perform. A viewer reads a measure; the
// progress report form (intent "update"), which postUpdate would always refuse them, is not shown.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
});
afterAll(() => s?.close());

describe("the progress report form on the staff measure page", () => {
  it("is offered to the editor and not to the viewer, whose report would be refused", async () => {
    const [m] = await q<{ id: string }>(
      sql`SELECT m.id::text FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id
          WHERE t.slug = 'aachen' ORDER BY m.position LIMIT 1`,
    );
    const PAGE = `/t/aachen/verwaltung/massnahmen/${m.id}`;
    const form = 'name="intent" value="update"';
    expect(await (await as("editor").get(PAGE)).text()).toContain(form);
    const viewerPage = await as("viewer").get(PAGE);
    expect(viewerPage.status).toBe(200);
    expect(await viewerPage.text()).not.toContain(form);
    const refused = await as("viewer").post(PAGE, { intent: "update", reportedOn: "01.06.2026", body: "Stand" });
    expect(refused.status).toBe(400);
  });
});
