import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { chromium, type BrowserContext } from "@playwright/test";
import { test, expect, expectNoAxeViolations } from "./fixtures";

// Decision 0051: the atlas is installable and works offline after one visit. "Offline" here is real:
// the pages come through a small proxy on its own port (its own origin, so its own service worker),
// and the test closes the proxy. Playwright's setOffline alone does not stop a service worker's own
// requests in Chromium (microsoft/playwright#2311); it is used in addition, for navigator.onLine.

function startProxy(target: URL): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    }),
  );
}

let context: BrowserContext;
let profile: string;
test.beforeEach(async () => {
  // A persistent profile: Chromium does not offer installing from an incognito-like context.
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-pwa-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
    locale: "de-DE",
  });
});
test.afterEach(async () => {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

test("the atlas is installable: valid manifest, active service worker, no installability errors", async ({
  baseURL,
}) => {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseURL}/t/koeln/angebote`);
  await expect(page.getByRole("heading", { level: 1, name: "Integrationsatlas" })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state)))
    .toBe("activated");
  // clients.claim(): the worker controls the page that registered it, without a reload.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toBe(`${baseURL}/t/koeln/angebote/sw.js`);
  const cdp = await context.newCDPSession(page);
  const manifest = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[]; data?: string };
  expect(manifest.url).toBe(`${baseURL}/t/koeln/angebote/app.webmanifest`);
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data ?? "{}") as Record<string, unknown>;
  expect(data).toMatchObject({ start_url: "/t/koeln/angebote", display: "standalone", lang: "de" });
  expect(String(data.name)).toContain("Köln");
  // Chromium's own verdict: an empty list means the browser offers to install the atlas.
  const verdict = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
  expect(verdict.installabilityErrors.map((e) => e.errorId)).toEqual([]);
  // The browser offers it (beforeinstallprompt) once the worker controls the page: the page then
  // shows its own install button.
  await page.reload();
  await expect(page.getByRole("button", { name: "Als App installieren" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("after one visit the search page and an offer open with the network gone, in both languages of the offer", async ({
  baseURL,
}) => {
  const proxy = await startProxy(new URL(baseURL!));
  const page = context.pages()[0] ?? (await context.newPage());
  const base = `${proxy.url}/t/koeln/angebote`;
  await page.goto(base);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // An offer written in more than one language (the open-data export says which).
  const exported = (await (await page.request.get(`${baseURL}/t/koeln/angebote/daten.json`)).json()) as {
    offers: { id: string; contentLanguages: string[] }[];
  };
  const id = exported.offers.find((o) => o.contentLanguages.length > 1)!.id;
  const href = `/t/koeln/angebote/${id}`;
  await page.goto(`${proxy.url}${href}`);
  const title = (await page.locator("h1").textContent())!.trim();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  // The page asked the worker to keep the offer's other languages too: wait until they are stored.
  const languages = page.getByRole("navigation", { name: "Diesen Eintrag gibt es in", exact: true });
  const other = await languages
    .locator("a[hreflang]")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(other.length).toBeGreaterThan(0);
  await expect
    .poll(() =>
      page.evaluate(async (urls) => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith("teilhabe-pages:"))!);
        return (await Promise.all(urls.map((u) => cache.match(u, { ignoreVary: true })))).every(Boolean);
      }, other),
    )
    .toBe(true);

  await proxy.close();
  await context.setOffline(true);
  // The proxy is gone: nothing can come from the network any more.
  expect(
    await page.evaluate(
      (u) =>
        fetch(u, { cache: "no-store" }).then(
          () => "online",
          () => "offline",
        ),
      `${proxy.url}/health`,
    ),
  ).toBe("offline");

  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Integrationsatlas" })).toBeVisible();
  await expect(page.getByText("Sie sind offline.")).toBeVisible();
  await page.goto(`${proxy.url}${href}`);
  await expect(page.locator("h1")).toHaveText(title);
  await expectNoAxeViolations(page);
  // A link followed offline loads the kept page as a whole (not the router's data request): the
  // offer in a language the visitor never opened, kept by the worker.
  await page
    .getByRole("navigation", { name: "Diesen Eintrag gibt es in", exact: true })
    .locator("a[hreflang]")
    .first()
    .click();
  await expect(page).toHaveURL(other[0]!);
  await expect(page.locator("article[lang]")).toBeVisible();
  await expect(page.getByText("Sie sind offline.")).toBeVisible();
});
