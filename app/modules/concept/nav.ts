import type { ModuleNav } from "../nav";

export const nav: ModuleNav = {
  order: 10,
  public: [{ to: "konzept", labelKey: "concept.nav.public" }],
  staff: [
    { to: "konzept", labelKey: "concept.nav.concept", minRole: "viewer" },
    { to: "massnahmen", labelKey: "concept.nav.measures", minRole: "partner" },
    { to: "vorlagen", labelKey: "concept.nav.submissions", minRole: "viewer" },
  ],
};
