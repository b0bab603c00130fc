import type { ModuleNav } from "../nav";

export const nav: ModuleNav = {
  order: 20,
  public: [{ to: "monitoring", labelKey: "monitoring.nav" }],
  staff: [{ to: "monitoring", labelKey: "monitoring.staffNav", minRole: "viewer" }],
};
