import type { ModuleNav } from "~/modules/nav";

export const nav: ModuleNav = {
  order: 30,
  public: [{ to: "angebote", labelKey: "atlas.nav.public", allLanguages: true }],
  staff: [
    { to: "angebote", labelKey: "atlas.nav.staff", minRole: "partner" },
    { to: "angebote/freigabe", labelKey: "atlas.nav.moderation", minRole: "editor" },
    { to: "angebote/luecken", labelKey: "atlas.nav.gaps", minRole: "viewer" },
  ],
};
