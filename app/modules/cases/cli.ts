import type { CliCommand } from "~/kernel/cli";
import { commands as eligibility } from "./eligibility/cli";
import { commands as aggregates } from "./aggregates/cli";
import { rotateClientKeys } from "./core/rotate";
import { commands as retention } from "./retention/cli";

// The module's commands, one block per slice.
export const commands: Record<string, CliCommand> = {
  // Eligibility rules: new versions of a rule (platform administration).
  ...eligibility,
  // Retention: anonymise closed cases past their period, delete old access events (daily by cron).
  ...retention,
  // Quarterly aggregates to the host tenant's monitoring (cases:aggregates --quarter 2026-Q3).
  ...aggregates,
  // Key rotation (decision 0044): add a new master key as the last entry, run this, then remove the old one.
  "cases:rotate-key": {
    summary: "Fallarbeit: alle Schlüssel der Klientinnen und Klienten unter den aktuellen Hauptschlüssel bringen",
    usage: "cases:rotate-key",
    async run(db, _args, log) {
      const r = await rotateClientKeys(db);
      log(
        `${r.rewrapped} Schlüssel neu verpackt, ${r.searchKeys} Suchschlüssel; aktueller Hauptschlüssel: ${r.current}.`,
      );
    },
  },
};
