import "./strings";
import { ConfigError } from "~/kernel/config";
import { todayBerlin } from "~/kernel/dates";
import { getT } from "~/kernel/i18n";
import type { ScheduledTask } from "~/kernel/schedules/service";
import { runRetention } from "./service";

// The daily retention run inside the server (decision 0048), as `cases:retention` runs it by hand.
export const retentionTask: ScheduledTask = {
  name: "cases.retention",
  dailyAtHour: 2,
  run: async (db, now) => {
    const t = getT("de");
    try {
      const r = await runRetention(db, { today: todayBerlin(now) });
      return t("cases.retention.cli.done", { ...r });
    } catch (e) {
      // Without the master key nothing is anonymised blind: the run stops with this as its result.
      if (e instanceof ConfigError)
        throw new Error(t("cases.retention.errors.noKey", { message: e.message }), { cause: e });
      throw e;
    }
  },
};
