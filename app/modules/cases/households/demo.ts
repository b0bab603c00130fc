import "../routes/strings";
import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import type { Result } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { withCase } from "../core/context";
import { openClient, writeCategory } from "../core/clients";
import { identityDoc } from "../core/documents";
import { DEMO_NETWORK } from "../demo/demo";
import { createHousehold, linkToHousehold } from "./service";

// Two demo families (issue 16 item 2; Hochtaunus ran case management "mit den einzelnen
// Familienmitgliedern individuelle und passgenaue Förderkonzepte", seed 003:1499–1506): clients of the
// demo network (demo/demo.ts), found by site and intake date, get one family name, a household role
// and one household. Each member keeps its own case and plan. Done through the services as the
// site's case worker, so it is encrypted and logged like real work. A second run changes nothing.

type Role = "head" | "partner" | "child" | "other";
const FAMILIES: {
  site: string;
  staff: string;
  members: { intake: string; role: Role; givenNames?: string; birthDate?: string }[];
}[] = [
  {
    site: "Aachen",
    staff: "fallarbeit.jobcenter@example.org",
    members: [
      { intake: "2026-02-17", role: "head" },
      { intake: "2026-03-16", role: "partner", givenNames: "Leyla" },
      { intake: "2026-06-08", role: "child", givenNames: "Nour", birthDate: "2009-05-15" },
      { intake: "2026-08-24", role: "child", givenNames: "Omid", birthDate: "2011-03-15" },
    ],
  },
  {
    site: "Alsdorf",
    staff: "fallarbeit.jobcenter-alsdorf@example.org",
    members: [
      { intake: "2026-01-19", role: "head" },
      { intake: "2026-07-13", role: "partner", givenNames: "Hana" },
      { intake: "2026-06-22", role: "child", givenNames: "Samir", birthDate: "2010-11-15" },
    ],
  },
];

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`Haushalts-Demo: ${what}: ${r.error.code}`);
  return r.value;
};

export async function seedDemo(db: Database, log: (m: string) => void): Promise<void> {
  const [net] = await withSystem(db, (tx) =>
    rows<{ id: string; households: number }>(
      tx,
      sql`SELECT n.id, (SELECT count(*)::int FROM case_households h WHERE h.network_id = n.id) AS households
        FROM case_networks n WHERE n.name = ${DEMO_NETWORK} AND n.is_demo`,
    ),
  );
  if (!net || net.households > 0) return;
  for (const family of FAMILIES) {
    const found = await withSystem(db, (tx) =>
      rows<{ id: string; intake: string; userId: string }>(
        tx,
        sql`SELECT c.id, c.intake_date::text AS intake, (SELECT id FROM users WHERE email = ${family.staff}) AS "userId"
          FROM case_clients c JOIN case_sites s ON s.id = c.site_id
          WHERE c.network_id = ${net.id}::uuid AND s.name = ${family.site}
            AND c.intake_date = ANY (${`{${family.members.map((m) => m.intake).join(",")}}`}::date[])`,
      ),
    );
    if (found.length !== family.members.length) continue; // not the demo this was written for
    const idOf = (intake: string) => found.find((f) => f.intake === intake)!.id;
    await withCase(db, { userId: found[0].userId, networkId: net.id, label: family.staff }, async (tx, me) => {
      const [head, ...others] = family.members.map((m) => ({ ...m, id: idOf(m.intake) }));
      const opened = must(await openClient(tx, me, head.id, "edit", "read", ["identity"]), "Identität");
      const familyName = identityDoc.parse(opened.documents.identity).familyName;
      must(await createHousehold(tx, me, head.id), "Haushalt");
      for (const m of [head, ...others]) {
        if (m !== head) {
          const own = must(await openClient(tx, me, m.id, "edit", "read", ["identity"]), "Identität");
          const identity = identityDoc.parse(own.documents.identity);
          must(
            await writeCategory(tx, me, m.id, "identity", {
              ...identity,
              familyName,
              givenNames: m.givenNames ?? identity.givenNames,
              birthDate: m.birthDate ?? identity.birthDate,
            }),
            "Identität",
          );
          must(await linkToHousehold(tx, me, head.id, m.id), "Mitglied");
        }
        must(
          await writeCategory(tx, me, m.id, "family", {
            householdRole: m.role,
            text: "Gemeinsame Fallkonferenz der Familie im Integration Point (Beispiel)",
          }),
          "Familie",
        );
      }
    });
  }
  log(getT("de")("cases.household.demoLoaded", { count: FAMILIES.length }));
}
