import "./strings";
import type { CliCommand } from "~/kernel/cli";
import { CliError } from "~/kernel/cli";
import { isIsoDate, todayBerlin } from "~/kernel/dates";
import { getT } from "~/kernel/i18n";
import { runRetention } from "./service";

// The retention run by hand: the server runs it daily itself (scheduled task "cases.retention",
// decision 0048). --today runs it as of another day (a catch-up, or a test).
export const commands: Record<string, CliCommand> = {
  "cases:retention": {
    summary: "Fallarbeit: abgelaufene Fälle anonymisieren und alte Zugriffsprotokolle löschen (täglich per cron)",
    usage: "cases:retention [--today 2026-12-04]",
    options: { today: { type: "string" } },
    async run(db, { values }, log) {
      const t = getT("de");
      const today = typeof values.today === "string" ? values.today : todayBerlin();
      if (!isIsoDate(today)) throw new CliError(t("cases.retention.errors.date"));
      const r = await runRetention(db, { today });
      log(t("cases.retention.cli.done", { ...r }));
    },
  },
};
