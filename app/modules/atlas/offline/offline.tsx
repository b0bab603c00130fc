import { useEffect, useState } from "react";
import { useT } from "~/kernel/ui/hooks";
import { Alert } from "~/kernel/ui/forms";
import "./strings";

// Not in TypeScript's DOM types: Chromium's event that offers installing the app.
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

// The browser may offer installing before React has hydrated the page: the offer is caught as soon
// as this module loads and kept for the component.
let offered: BeforeInstallPromptEvent | null = null;
const waiting = new Set<(e: BeforeInstallPromptEvent | null) => void>();
if (typeof window !== "undefined") {
  window.addEventListener("beforeinstallprompt", (e) => {
    e.preventDefault();
    offered = e as BeforeInstallPromptEvent;
    for (const f of waiting) f(offered);
  });
  window.addEventListener("appinstalled", () => {
    offered = null;
    for (const f of waiting) f(null);
  });
}

/**
 * The installable, offline atlas on its public pages (decision 0051): the manifest link (also
 * without JavaScript), and with JavaScript the service worker, an install button where the browser
 * offers one, a notice when offline, and `keep`: further pages to store (an offer's other languages).
 */
export function OfflineAtlas({ base, keep = [] }: { base: string; keep?: string[] }) {
  const t = useT();
  const [installable, setInstallable] = useState<BeforeInstallPromptEvent | null>(null);
  const [offline, setOffline] = useState(false);
  const keepKey = keep.join(" ");

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker
      .register(`${base}/sw.js`, { scope: base })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        if (keepKey) reg.active?.postMessage({ type: "keep", urls: keepKey.split(" ") });
      })
      // Without a service worker (private mode, blocked by policy) the atlas works online as before.
      .catch(() => undefined);
  }, [base, keepKey]);

  useEffect(() => {
    setInstallable(offered);
    waiting.add(setInstallable);
    return () => void waiting.delete(setInstallable);
  }, []);

  useEffect(() => {
    // This page came from the service worker's copy because the network failed (it says so when asked).
    let copy = false;
    const network = () => setOffline(!navigator.onLine || copy);
    const status = (e: MessageEvent) => {
      if (e.data?.type !== "status") return;
      copy = e.data.offlineCopy === true;
      network();
    };
    const sw = "serviceWorker" in navigator ? navigator.serviceWorker : null;
    sw?.addEventListener("message", status);
    sw?.controller?.postMessage({ type: "status" });
    const online = () => {
      copy = false;
      network();
    };
    // Offline, a link inside the atlas loads as a whole page, which the service worker answers from
    // its copies; the router's data request would only fail.
    const click = (e: MouseEvent) => {
      if ((navigator.onLine && !copy) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey)
        return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || a.target || a.origin !== location.origin) return;
      if (a.pathname !== base && !a.pathname.startsWith(`${base}/`)) return;
      e.preventDefault();
      e.stopPropagation();
      location.assign(a.href);
    };
    network();
    window.addEventListener("online", online);
    window.addEventListener("offline", network);
    document.addEventListener("click", click, true);
    return () => {
      sw?.removeEventListener("message", status);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", network);
      document.removeEventListener("click", click, true);
    };
  }, [base]);

  return (
    <>
      <link rel="manifest" href={`${base}/app.webmanifest`} />
      {offline && <Alert>{t("atlas.offline.offline")}</Alert>}
      {installable && (
        <p className="atlas-install atlas-noprint">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => {
              // An offer can be used once.
              offered = null;
              void installable.prompt().finally(() => setInstallable(null));
            }}
          >
            <span className="kern-label">{t("atlas.offline.install")}</span>
          </button>{" "}
          <span className="kern-body--small">{t("atlas.offline.installHint")}</span>
        </p>
      )}
    </>
  );
}
