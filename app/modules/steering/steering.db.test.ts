import { importStadtteilCounts } from "../../../tests/support/stadtteil-import";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { messageOf, must } from "../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { rollUp } from "~/kernel/evidence";
import { sharedData } from "~/kernel/config";
import { createEdition, getAdoptedEdition, KOELN_EXAMPLE, listMeasures, loadGoals } from "~/modules/concept";
import { evidence, places } from "./evidence";
import { attainmentTree } from "./services/attainment";
import { addTarget, removeTarget, setMeasureLinks } from "./services/links";
import { carryLinks } from "./services/carry";

// The links of the cycle on the Köln demo (real monitoring data, example concept): every example
// target is judged by the monitoring's rule, the tree rolls up, bad links are refused, another
// tenant's goal is invisible, and a new import changes a Leitziel's status.
const haveData = !!sharedData("koeln");
let db: Database, cleanup: () => Promise<void>, koeln: string, aachen: string;
const inT = <T>(id: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Test" } }, fn);
const goalIds = (id: string) =>
  inT(id, async (tx) => new Map((await loadGoals(tx, (await getAdoptedEdition(tx))!.id)).map((g) => [g.ref, g])));

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ koeln, aachen } = await tenantIds(db));
});
afterAll(() => cleanup());

describe.runIf(haveData)("steering on the Köln demo", () => {
  it("judges every example target and rolls the tree up to the worst judged status", async () => {
    const goals = await goalIds(koeln);
    const ev = await inT(koeln, (tx) =>
      evidence(
        tx,
        "concept.goal",
        [...goals.values()].map((g) => g.id),
        { publicOnly: false },
      ),
    );
    const expected = KOELN_EXAMPLE.themenfelder.flatMap((tf) =>
      tf.leitziele.flatMap((lz) =>
        [lz, ...lz.teilziele].flatMap((g) => g.targets.map(() => `${tf.number}/${g.number}`)),
      ),
    );
    expect(ev).toHaveLength(expected.length);
    const refOf = new Map([...goals.values()].map((g) => [g.id, g.ref]));
    const status = new Map(ev.map((e) => [refOf.get(e.subjectId)!, e.attainment!.status]));
    // The helper's hand computation from the CSV (docs/concept.md, Köln): a mix of every status.
    expect(Object.fromEntries(status)).toEqual({
      "1/1": "on_track",
      "1/1.1": "on_track",
      "1/1.2": "at_risk",
      "1/2": "off_track",
      "1/2.1": "achieved",
      "1/2.2": "off_track",
      "2/1": "no_data",
      "2/1.1": "no_data",
      "2/1.2": "achieved",
      "2/2": "off_track",
      "2/2.1": "on_track",
      "2/2.2": "at_risk",
    });
    const tree = await inT(koeln, async (tx) =>
      attainmentTree(tx, (await getAdoptedEdition(tx))!.id, { publicOnly: true }),
    );
    const lz11 = tree.roots[0].children[0];
    expect(lz11.status).toBe(rollUp(["on_track", "on_track", "at_risk"]));
    expect(lz11.status).toBe("at_risk");
    expect(tree.roots[1].children[0].status).toBe("achieved"); // 2/1: no data, no data, achieved → the judged one
    expect(tree.counts.leitziel).toMatchObject({ at_risk: 1, off_track: 2, achieved: 1 });
  });

  it("gives measures their indicators and Stadtteile", async () => {
    const ms = await inT(koeln, async (tx) => listMeasures(tx, { editionId: (await getAdoptedEdition(tx))!.id }));
    const first = KOELN_EXAMPLE.measures.find((m) => m.areas.length)!;
    const id = ms.find((m) => m.code === first.code)!.id;
    const [ind, pl] = await inT(koeln, async (tx) => [
      await evidence(tx, "concept.measure", [id], { publicOnly: false }),
      await places(tx, "concept.measure", [id], { publicOnly: false }),
    ]);
    expect(ind.map((e) => e.indicator.code).sort()).toEqual([...first.indicators].sort());
    expect(pl.map((p) => `${p.level}:${p.key}`).sort()).toEqual([...first.areas].sort());
  });

  it("refuses bad targets and links with a reason, and another tenant's goal is not there", async () => {
    const goals = await goalIds(koeln);
    const tz = goals.get("1/1.1")!.id;
    const tf = [...goals.values()].find((g) => g.kind === "themenfeld")!.id;
    const base = {
      goalId: tz,
      indicator: "mh_anteil",
      kind: "value" as const,
      targetValue: 40,
      direction: "hoch" as const,
    };
    const de = async (input: Parameters<typeof addTarget>[1]) =>
      messageOf(await inT(koeln, (tx) => addTarget(tx, input)));
    expect(await de({ ...base, goalId: tf })).toMatch(/Leit- oder Teilzielen/);
    expect(await de({ ...base, indicator: "gibt_es_nicht" })).toMatch(/Indikator/);
    expect(await de({ ...base, area: "stadtteil:999999" })).toMatch(/Gebiet/);
    expect(await de({ ...base, targetValue: null })).toMatch(/Zielwert/);
    expect(await de({ ...base, kind: "parity", targetValue: null })).toMatch(/Vergleichsgruppe/);
    expect(await de({ ...base, targetYear: 2015, baseYear: 2016 })).toMatch(/Ausgangsjahr/);
    expect(await de({ ...base, targetYear: 1800 })).toMatch(/1990/);
    const made = must(await inT(koeln, (tx) => addTarget(tx, base)));
    expect(await de(base)).toMatch(/schon einen Zielwert/);
    must(await inT(koeln, (tx) => removeTarget(tx, made.id)));
    // Aachen cannot see, target or remove Köln's goal (row-level security), nor link Köln's measure.
    expect(messageOf(await inT(aachen, (tx) => addTarget(tx, base)))).toMatch(/Ziel gibt es nicht/);
    const ms = await inT(koeln, async (tx) => listMeasures(tx, { editionId: (await getAdoptedEdition(tx))!.id }));
    expect(messageOf(await inT(aachen, (tx) => setMeasureLinks(tx, ms[0].id, { indicators: [], areas: [] })))).toMatch(
      /Maßnahme gibt es nicht/,
    );
    expect(
      messageOf(
        await inT(koeln, (tx) =>
          setMeasureLinks(tx, ms[0].id, { indicators: ["mh_anteil"], areas: ["stadtteil:nix"] }),
        ),
      ),
    ).toMatch(/Gebiet/);
  });

  it("a new import changes a Leitziel's status (the cycle: data → goal)", async () => {
    const goals = await goalIds(koeln);
    const lz = goals.get("1/2")!; // its Teilziel 1/2.2 (Mülheim, foreign share ≤ 28 % by 2015) is off track
    const statusOf = async () =>
      (await inT(koeln, async (tx) => attainmentTree(tx, (await getAdoptedEdition(tx))!.id, { publicOnly: true })))
        .roots[0].children[1];
    const before = await statusOf();
    expect(before.id).toBe(lz.id);
    expect(before.children[1].status).toBe("off_track");
    // 2013 for Mülheim (901) and the city: the foreign share falls to 27 % and 15 %.
    const r = await importStadtteilCounts(
      (fn) => inT(koeln, fn),
      "muelheim-2013",
      { ew: "einwohner", aus: "auslaender" },
      [
        ["901", "2013", "ew", 40000],
        ["901", "2013", "aus", 10800],
      ],
    );
    expect(r.committed, JSON.stringify(r.errors)).toBe(true);
    const after = await statusOf();
    expect(after.children[1].status).toBe("achieved");
    expect(after.children[1].targets[0].attainment).toMatchObject({ period: "2013", status: "achieved" });
    expect(after.children[1].targets[0].attainment!.value).toBeCloseTo(27, 6);
  });

  it("a Fortschreibung takes over the targets and the carried measures' links, once", async () => {
    const result = await inT(koeln, async (tx) => {
      const source = (await getAdoptedEdition(tx))!;
      const draft = must(await createEdition(tx, { title: "Fortschreibung 2027", copyFrom: source.id }));
      const first = must(await carryLinks(tx, draft.id));
      const again = must(await carryLinks(tx, draft.id));
      const before = await attainmentTree(tx, source.id, { publicOnly: false });
      const after = await attainmentTree(tx, draft.id, { publicOnly: false });
      const carried = await listMeasures(tx, { editionId: draft.id });
      const links = await places(
        tx,
        "concept.measure",
        carried.map((m) => m.id),
        { publicOnly: false },
      );
      const notFortschreibung = await carryLinks(tx, source.id);
      const garbage = await carryLinks(tx, "keine-id");
      return { first, again, before, after, carried, links, notFortschreibung, garbage };
    });
    const expectedTargets = KOELN_EXAMPLE.themenfelder.flatMap((tf) =>
      tf.leitziele.flatMap((lz) => [lz, ...lz.teilziele].flatMap((g) => g.targets)),
    ).length;
    expect(result.first.targets).toBe(expectedTargets);
    expect(result.again).toEqual({ targets: 0, measureIndicators: 0, measureAreas: 0 });
    // The same goals with the same targets on the same data: the same statuses, Leitziel by Leitziel.
    const statuses = (t: typeof result.before) => t.roots.map((r) => [r.status, ...r.children.map((c) => c.status)]);
    expect(statuses(result.after)).toEqual(statuses(result.before));
    expect(result.carried.length).toBeGreaterThan(0);
    expect(result.links.length).toBeGreaterThan(0);
    expect(result.first.measureAreas).toBe(result.links.length);
    expect(messageOf(result.notFortschreibung)).toBe("Diese Fassung ist keine Fortschreibung einer anderen.");
    expect(messageOf(result.garbage)).toBe("Diese Fassung gibt es nicht.");
  });
});
