import type { CliCommand } from "~/kernel/cli";
import { CliError } from "~/kernel/cli";
import { importOparl, OparlImportError, reportLines } from "./oparl/import";

// The OParl import as a command (decision 0027): one body of another council information system
// into a tenant, in one transaction; the report names what was created, changed, left and skipped.
export const commands: Record<string, CliCommand> = {
  "bodies:oparl-import": {
    summary: "Gremien: Gremien, Personen, Sitzungen und Vorlagen aus einem Ratsinformationssystem (OParl) übernehmen.",
    usage: "bodies:oparl-import --tenant aachen --url https://ris.example/oparl/v1/system [--body <Körperschafts-URL>]",
    options: { tenant: { type: "string" }, url: { type: "string" }, body: { type: "string" } },
    async run(db, { values }, log) {
      if (typeof values.tenant !== "string" || typeof values.url !== "string")
        throw new CliError("Bitte --tenant und --url angeben.");
      try {
        const r = await importOparl(db, values.tenant, {
          url: values.url,
          body: typeof values.body === "string" ? values.body : undefined,
        });
        for (const line of reportLines(r)) log(line);
      } catch (e) {
        if (e instanceof OparlImportError) throw new CliError(e.message);
        throw e;
      }
    },
  },
};
