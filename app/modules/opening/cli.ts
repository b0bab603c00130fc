import type { CliCommand } from "~/kernel/cli";
import { CliError } from "~/kernel/cli";
import { isIsoDate, todayBerlin } from "~/kernel/dates";
import { queueSealReminders } from "./seal/reminders";

// The module's commands. The seal's re-certification reminders have no periodic runner in the
// kernel, so the operator runs this daily (cron); it reminds each award once.
export const commands: Record<string, CliCommand> = {
  "opening:seal-reminders": {
    summary:
      "Siegel „Interkulturell orientiert“: fällige Erinnerungen an die Re-Zertifizierung verschicken (einmal je Verleihung).",
    usage: "opening:seal-reminders [--date 2026-12-03]",
    options: { date: { type: "string" } },
    async run(db, { values }, log) {
      const date = typeof values.date === "string" ? values.date : todayBerlin();
      if (!isIsoDate(date)) throw new CliError("--date muss ein Datum JJJJ-MM-TT sein.");
      const done = await queueSealReminders(db, date);
      const total = Object.values(done).reduce((a, b) => a + b, 0);
      log(`${total} Erinnerung(en) an die Re-Zertifizierung vorgemerkt.`);
      for (const [slug, n] of Object.entries(done)) log(`  ${slug}: ${n}`);
    },
  },
};
