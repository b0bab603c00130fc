import { test, expect, expectNoAxeViolations, expectNoOverflow, login, expectSaved } from "./fixtures";

// Issue 18 item 3: an offer whose address is not in the register was saved without a point and was
// missing from the map; the form asked for latitude and longitude by hand. Now a place's point can be
// picked on a map that opens below its fields (with JavaScript; without it the fields stay the way).
test.use({ locale: "de-DE" });

// Aachen, generously: the demo's places lie inside this box, and the map opens around them.
const AACHEN = { lat: [50.7, 50.86], lon: [5.97, 6.22] };
const MISSING = "Diese Adresse steht nicht im Adressverzeichnis";

test("an editor picks a place's point on the map by mouse and keyboard; saved, the place is on the public map", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /worker|maplibre|Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  const title = `Kartenpunkt-Test ${Date.now()}`;
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/angebote/neu");
  await page.getByLabel("Titel (Deutsch)").fill(title);
  await page.getByLabel("Sprache / Bildung").check();
  await page.getByLabel("Geflüchtete").check();
  const place = page.getByRole("group", { name: "Ort 1" });
  // An address the demo's register does not know: saved without a point, and flagged.
  await place.getByLabel("Straße und Hausnummer").fill("Gibtesnichtweg 7");
  await place.getByLabel("Postleitzahl").fill("52062");
  await place.getByRole("textbox", { name: "Ort – optional", exact: true }).fill("Aachen");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expectSaved(page);
  await expect(place.getByText(MISSING)).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;

  const lat = place.getByLabel("Geografische Breite");
  const lon = place.getByLabel("Geografische Länge");
  await expect(lat).toHaveValue("");
  const toggle = place.getByRole("button", { name: "Punkt auf der Karte wählen" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toBeFocused();
  const map = place.locator(".atlas-picker__map");
  await expect(map.locator("canvas")).toBeVisible();
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(map.getByRole("region", { name: "Karte zur Wahl des Punkts für Ort 1" })).toBeVisible();
  const status = place.getByRole("status");
  await expect(status).toHaveText("Noch kein Punkt gewählt.");
  await expectNoAxeViolations(page);

  // A click sets the point and fills the fields, rounded to six decimals.
  await map.click();
  await expect(lat).not.toHaveValue("");
  const [y, x] = [Number(await lat.inputValue()), Number(await lon.inputValue())];
  expect(y).toBeGreaterThan(AACHEN.lat[0]);
  expect(y).toBeLessThan(AACHEN.lat[1]);
  expect(x).toBeGreaterThan(AACHEN.lon[0]);
  expect(x).toBeLessThan(AACHEN.lon[1]);
  expect((await lat.inputValue()).split(".")[1]?.length ?? 0).toBeLessThanOrEqual(6);
  await expect(status).toHaveText(`Gewählter Punkt: Breite ${y}, Länge ${x}.`);

  // By keyboard: the marker is in the tab order, named, and the arrow keys move it (north here).
  const marker = map.getByRole("button", { name: "Gewählter Punkt für Ort 1, mit den Pfeiltasten verschiebbar" });
  await marker.focus();
  await page.keyboard.press("Shift+ArrowUp");
  await expect.poll(async () => Number(await lat.inputValue())).toBeGreaterThan(y);
  await expect(status).toHaveText(
    `Gewählter Punkt: Breite ${await lat.inputValue()}, Länge ${await lon.inputValue()}.`,
  );
  // "Put the point in the middle" sets it where the keyboard panned to and hands focus to the marker.
  await place.getByRole("button", { name: "Punkt in die Kartenmitte setzen" }).press("Enter");
  await expect(marker).toBeFocused();
  // Typed coordinates move the marker (and say so).
  await lat.fill("50.7753");
  await lon.fill("6.0839");
  await lon.press("Tab");
  await expect(status).toHaveText("Gewählter Punkt: Breite 50.7753, Länge 6.0839.");
  await map.click({ position: { x: 40, y: 60 } });
  await expect(lat).not.toHaveValue("50.7753");
  const picked = { lat: await lat.inputValue(), lon: await lon.inputValue() };
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Closing the map keeps the fields as picked.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(map).toHaveCount(0);
  await expect(lat).toHaveValue(picked.lat);

  await page.getByRole("button", { name: "Speichern" }).click();
  await expectSaved(page);
  await expect(place.getByText(MISSING)).toHaveCount(0);
  await expect(lat).toHaveValue(picked.lat);
  await expect(lon).toHaveValue(picked.lon);
  // The public map lists only places with a point.
  await page.goto(`/t/aachen/angebote/karte?eintrag=${id}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  expect(problems).toEqual([]);
});

test("without JavaScript the place has its latitude and longitude fields and no map button", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE", baseURL });
  const page = await context.newPage();
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/angebote/neu");
  const place = page.getByRole("group", { name: "Ort 1" });
  await expect(place.getByLabel("Geografische Breite")).toBeVisible();
  await expect(place.getByLabel("Geografische Länge")).toBeVisible();
  await expect(page.getByRole("button", { name: "Punkt auf der Karte wählen" })).toHaveCount(0);
  await context.close();
});
