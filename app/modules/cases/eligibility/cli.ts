import "./strings";
import fs from "node:fs";
import type { CliCommand } from "~/kernel/cli";
import { CliError } from "~/kernel/cli";
import { withSystem } from "~/kernel/db/context";
import { pgErrorCode } from "~/kernel/db/errors";
import { getT } from "~/kernel/i18n";
import { issueCode } from "~/kernel/errors";
import { addRuleVersions, NewVersions } from "./service";

// Platform-admin maintenance of the eligibility rules (issue 16 item 4): new versions from a JSON
// file, all in one transaction as the owning role. A rule's open version ends the day before the
// new one begins. Errors in German; nothing is written unless everything is valid.
const de = () => getT("de");

/** Parses the maintenance file; a German CliError says what is wrong. */
export function readVersionsFile(file: string) {
  const t = de();
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CliError(t("cases.eligibility.errors.fileUnreadable", { file }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(t("cases.eligibility.errors.fileNotJson", { file }));
  }
  const p = NewVersions.safeParse(json);
  if (!p.success) {
    const details = p.error.issues
      .map((i) => {
        const e = issueCode(i);
        const [n, ...rest] = i.path;
        const where = typeof n === "number" ? `Fassung ${n + 1}${rest.length ? `, ${rest.join(".")}` : ""}` : "Datei";
        return `${where}: ${t(e.code, e.params ?? {})}`;
      })
      .join("; ");
    throw new CliError(t("cases.eligibility.errors.fileInvalid", { details }));
  }
  return p.data;
}

export const commands: Record<string, CliCommand> = {
  "cases:eligibility-add": {
    summary:
      "Fallarbeit: neue Fassungen von Anspruchsregeln aus einer JSON-Datei erfassen (die offene Fassung endet am Vortag).",
    usage:
      'cases:eligibility-add --file fassung.json [--by plattform@example.org]   (Datei: {"rule": "high_prospect_of_staying", "validFrom": "2017-01-01", "parameters": {"countries": ["ER", "SY"]}, "source": "…", "note": "…", "isExample": false} oder eine Liste davon)',
    options: { file: { type: "string" }, by: { type: "string" } },
    async run(db, { values }, log) {
      const t = de();
      if (typeof values.file !== "string" || !values.file)
        throw new CliError(t("cases.eligibility.errors.fileMissing"));
      const versions = readVersionsFile(values.file);
      const by = typeof values.by === "string" && values.by.trim() ? `CLI (${values.by.trim()})` : "CLI";
      let added: Awaited<ReturnType<typeof addRuleVersions>>;
      try {
        added = await withSystem(db, async (tx) => {
          const r = await addRuleVersions(tx, versions, by);
          // Throwing rolls the transaction back: all versions or none.
          if (!r.ok) throw new CliError(t(r.error.code, r.error.params ?? {}));
          return r;
        });
      } catch (e) {
        if (e instanceof CliError) throw e;
        const cause = (e as { cause?: Error }).cause;
        // The database's own guard (overlap, a changed version) speaks German already.
        if (pgErrorCode(e) === "23P01" || pgErrorCode(e) === "23514") throw new CliError(cause?.message ?? String(e));
        throw e;
      }
      if (!added.ok) return;
      for (const a of added.value) {
        log(`Fassung ${a.id} der Regel ${a.rule} erfasst.`);
        if (a.closed) log(`  Die bisher offene Fassung ${a.closed.id} endet am ${a.closed.validTo}.`);
      }
    },
  },
};
