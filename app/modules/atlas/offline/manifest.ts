import type { TFunction } from "i18next";
import "./strings";

// Install needs a name, a start address inside the scope, standalone display and square PNG icons of
// 192 and 512 pixels (what Chromium checks); the maskable one fills the round masks of Android.
const ICONS = [
  { src: "/teilhabe-192.png", sizes: "192x192", type: "image/png" },
  { src: "/teilhabe-512.png", sizes: "512x512", type: "image/png" },
  { src: "/teilhabe-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
];

export function appManifest(o: { base: string; tenantName: string; t: TFunction; lang: string; dir: string }) {
  return {
    id: o.base,
    name: o.t("atlas.offline.appName", { name: o.tenantName }),
    short_name: o.t("atlas.offline.shortName"),
    description: o.t("atlas.intro", { name: o.tenantName }),
    lang: o.lang,
    dir: o.dir,
    start_url: o.base,
    scope: o.base,
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#004b76",
    icons: ICONS,
  };
}
