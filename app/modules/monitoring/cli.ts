import fs from "node:fs";
import path from "node:path";
import { CliError, type CliCommand } from "~/kernel/cli";
import { withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import {
  getProfile,
  importInBackground,
  parseProfile,
  rollbackImport,
  type ObservationProfile,
} from "./services/importer";
import { importAreaFiles } from "./services/area-files";
import { importAreaList, readAreaList } from "./services/area-list";
import { uploadLimitBytes } from "~/kernel/upload";
import { germanDateTime } from "~/kernel/dates";
import type { AreaProfile } from "./services/areas";
import {
  exportProfile,
  problemText,
  profileSummaries,
  PROFILE_FILE_MAX_BYTES,
  readProfileFile,
  storeProfile,
} from "./services/profiles";

async function tenantScope(db: Parameters<CliCommand["run"]>[0], slug: unknown) {
  if (typeof slug !== "string" || !slug) throw new CliError("Die Option --tenant fehlt.");
  const t = await withSystem(db, (tx) => getTenantBySlug(tx, slug));
  if (!t) throw new CliError(`Den Mandanten „${slug}“ gibt es nicht.`);
  return { tenantId: t.id, actor: { userId: null, label: "CLI" } };
}

const KIND_LABEL = { observations: "Werte", areas: "Gebiete" } as const;

export const commands: Record<string, CliCommand> = {
  "monitoring:import": {
    summary:
      "Importiert Werte (CSV/XLSX) oder Gebiete (GeoJSON/KML/Shapefile) mit einem Importprofil; alles oder nichts.",
    usage:
      "monitoring:import --tenant koeln --profile <name oder datei.json> --file <pfad>[,<pfad>…] [--dry-run] [--accept-skipped]",
    options: {
      tenant: { type: "string" },
      profile: { type: "string" },
      file: { type: "string" },
      "dry-run": { type: "boolean" },
      // Rows the profile skips (unmapped series or areas, empty values with "skip") are listed; without
      // this option they make the command fail and nothing is written.
      "accept-skipped": { type: "boolean" },
    },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      const inTx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, scope, fn);
      if (typeof v.profile !== "string" || !v.profile) throw new CliError("Die Option --profile fehlt.");
      if (typeof v.file !== "string" || !v.file) throw new CliError("Die Option --file fehlt.");
      let profile;
      if (/\.json$/i.test(v.profile) && fs.existsSync(v.profile)) {
        let json: unknown;
        try {
          json = JSON.parse(fs.readFileSync(v.profile, "utf8"));
        } catch {
          throw new CliError(`Die Profildatei „${v.profile}“ ist kein gültiges JSON.`);
        }
        const p = parseProfile(json);
        if (!p.ok) throw new CliError(`Das Profil ist ungültig:\n${p.errors.join("\n")}`);
        profile = p.profile;
      } else {
        profile = await inTx((tx) => getProfile(tx, String(v.profile)));
        if (!profile) throw new CliError(`Das Importprofil „${v.profile}“ gibt es in diesem Mandanten nicht.`);
      }
      const files = v.file
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean)
        .map((f) => {
          if (!fs.existsSync(f)) throw new CliError(`Die Datei „${f}“ gibt es nicht.`);
          if (fs.statSync(f).size > uploadLimitBytes() * 4) throw new CliError(`Die Datei „${f}“ ist zu groß.`);
          return { name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) };
        });
      const dryRun = !!v["dry-run"];
      const acceptSkipped = !!v["accept-skipped"];
      if (profile.kind === "areas") {
        let report;
        try {
          report = await inTx(async (tx) => {
            const r = await importAreaFiles(tx, files, profile as AreaProfile, { dryRun });
            return r;
          });
        } catch (e) {
          throw new CliError((e as Error).message);
        }
        log(
          `${dryRun ? "Probelauf" : "Import"}: ${report.created} Gebiete neu, ${report.updated} aktualisiert, ${report.unmatched.length} nicht zugeordnet.`,
        );
        for (const u of report.unmatched)
          log(`  Objekt ${u.index} (${u.key} ${u.name}): ${translateError(getT("de"), u.reason)}`);
        if (report.withoutGeometry.length) log(`  Ohne Geometrie: ${report.withoutGeometry.join(", ")}`);
        if (report.refused)
          throw new CliError("Mehrdeutige oder doppelte Objekte in der Datei – nichts wurde übernommen.");
        return;
      }
      const f = files[0];
      // In short transactions as in the UI, with the progress on stderr (one updating line on a terminal).
      const tty = process.stderr.isTTY;
      const r = await importInBackground(
        db,
        scope,
        {
          bytes: f.bytes,
          fileName: f.name,
          profile: profile as ObservationProfile,
          dryRun,
          actor: { id: null, label: "CLI" },
          refuseSkipped: !acceptSkipped,
        },
        (p) => {
          const text =
            p.phase === "read"
              ? `Zeilen geprüft: ${p.done.toLocaleString("de-DE")} von ${p.total.toLocaleString("de-DE")} (${p.total ? Math.round((p.done / p.total) * 100) : 0} %)`
              : p.phase === "check"
                ? "Prüfe auf doppelte Werte …"
                : p.done
                  ? "Werte übernommen."
                  : "Übernehme die Werte …";
          process.stderr.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
        },
      );
      if (tty) process.stderr.write("\n");
      if (r.detected)
        log(
          `Erkannt: ${r.detected.kind.toUpperCase()}, Kodierung ${r.detected.encoding}, Trennzeichen „${r.detected.delimiter === "\t" ? "Tab" : r.detected.delimiter}“, Dezimalzeichen „${r.detected.decimal}“, Kopfzeile ${r.detected.headerRow}${r.detected.headerRows > 1 ? ` bis ${r.detected.headerRow + r.detected.headerRows - 1}` : ""}.`,
        );
      log(`${r.rowsRead} Zeilen gelesen, ${r.observations} Werte, ${r.skipped} übersprungen.`);
      if (r.skipped) {
        log(`Übersprungen: ${r.skipped}`);
        for (const e of r.skippedRows) log(`  Zeile ${e.line}: ${translateError(getT("de"), e)}`);
        if (r.skipped > r.skippedRows.length)
          log(
            `  … und ${r.skipped - r.skippedRows.length} weitere übersprungene Zeilen (gezählt, nicht einzeln aufgeführt).`,
          );
      }
      if (r.errorCount) {
        for (const e of r.errors) log(`  Zeile ${e.line}: ${translateError(getT("de"), e)}`);
        if (r.errorCount > r.errors.length) log(`  … und ${r.errorCount - r.errors.length} weitere Fehler.`);
        throw new CliError(`${r.errorCount} fehlerhafte Zeile(n) – nichts wurde übernommen.`);
      }
      const refuseSkipped = () => {
        if (r.skipped && !acceptSkipped)
          throw new CliError(
            `${r.skipped} Zeile(n) übersprungen – nichts wurde übernommen. Mit --accept-skipped werden die übrigen Werte trotzdem übernommen.`,
          );
      };
      if (dryRun) {
        log(
          `Probelauf: ${r.inserted} neu, ${r.updated} geändert, ${r.unchanged} unverändert. Nichts wurde übernommen.`,
        );
        refuseSkipped();
        return;
      }
      refuseSkipped();
      if (!r.committed && r.alreadyImported) {
        log(`Diese Datei wurde mit diesem Profil bereits importiert (${r.alreadyImported.at}); nichts geändert.`);
        return;
      }
      log(`Übernommen (Import ${r.importId}): ${r.inserted} neu, ${r.updated} geändert, ${r.unchanged} unverändert.`);
    },
  },
  "monitoring:areas": {
    summary:
      "Legt Gebiete aus einer Liste an (CSV/XLSX: Schlüssel, Name, Ebene, Übergeordnet, Übergeordnete Ebene), ohne Geometrie; alles oder nichts.",
    usage: "monitoring:areas --tenant koeln --file gebiete.csv [--dry-run]",
    options: { tenant: { type: "string" }, file: { type: "string" }, "dry-run": { type: "boolean" } },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      if (typeof v.file !== "string" || !v.file) throw new CliError("Die Option --file fehlt.");
      if (!fs.existsSync(v.file)) throw new CliError(`Die Datei „${v.file}“ gibt es nicht.`);
      if (fs.statSync(v.file).size > uploadLimitBytes()) throw new CliError(`Die Datei „${v.file}“ ist zu groß.`);
      const t = getT("de");
      let rows;
      try {
        rows = await readAreaList(new Uint8Array(fs.readFileSync(v.file)));
      } catch (e) {
        throw new CliError(e instanceof ServiceError ? translateError(t, e) : (e as Error).message);
      }
      const dryRun = !!v["dry-run"];
      const r = await withTenant(db, scope, (tx) => importAreaList(tx, rows, { dryRun }));
      for (const e of r.errors) log(`  Zeile ${e.line} (${e.key} ${e.name}): ${translateError(t, e.reason)}`);
      for (const n of r.notes) log(`  Hinweis Zeile ${n.line} (${n.key} ${n.name}): ${translateError(t, n.reason)}`);
      if (r.errors.length)
        throw new CliError(`${r.errors.length} fehlerhafte oder mehrdeutige Zeile(n) – nichts wurde übernommen.`);
      log(
        `${dryRun ? "Probelauf (nichts übernommen)" : "Übernommen"}: ${r.rows} Zeilen, ${r.created} Gebiete neu, ${r.updated} vorhanden.`,
      );
    },
  },
  "monitoring:rollback": {
    summary: "Nimmt einen Import des Monitorings zurück.",
    usage: "monitoring:rollback --tenant koeln --import <id>",
    options: { tenant: { type: "string" }, import: { type: "string" } },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      if (typeof v.import !== "string" || !/^[0-9a-f-]{36}$/.test(v.import))
        throw new CliError("Bitte mit --import die ID des Imports angeben.");
      const r = await withTenant(db, scope, (tx) => rollbackImport(tx, String(v.import)));
      if (!r.ok) throw new CliError(translateError(getT("de"), r.error));
      log(
        `Import zurückgenommen: ${r.restored} Werte aus anderen Importen oder von vorher wiederhergestellt, ${r.kept} von späteren Importen bestätigt und behalten, ${r.deleted} entfernt.`,
      );
    },
  },
  "monitoring:profile-save": {
    summary:
      "Prüft ein Importprofil aus einer JSON-Datei und speichert es im Mandanten (ein Profil gleichen Namens wird ersetzt).",
    usage: "monitoring:profile-save --tenant koeln --file <profil.json>",
    options: { tenant: { type: "string" }, file: { type: "string" } },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      if (typeof v.file !== "string" || !v.file) throw new CliError("Die Option --file fehlt.");
      if (!fs.existsSync(v.file) || !fs.statSync(v.file).isFile())
        throw new CliError(`Die Datei „${v.file}“ gibt es nicht.`);
      const de = getT("de");
      // A wrong path to a large file is refused before it is read.
      if (fs.statSync(v.file).size > PROFILE_FILE_MAX_BYTES)
        throw new CliError(de("monitoring.importProfiles.tooLarge", { kb: PROFILE_FILE_MAX_BYTES / 1024 }));
      const r = readProfileFile(new Uint8Array(fs.readFileSync(v.file)));
      if (!r.ok)
        throw new CliError(
          `Das Profil in „${v.file}“ ist ungültig, nichts wurde gespeichert:\n${r.problems.map((p) => `  ${problemText(de, p)}`).join("\n")}`,
        );
      const profile = r.profile;
      const done = await withTenant(db, scope, (tx) => storeProfile(tx, profile));
      log(
        done === "created"
          ? `Importprofil „${profile.name}“ (${KIND_LABEL[profile.kind]}) neu angelegt.`
          : `Importprofil „${profile.name}“ (${KIND_LABEL[profile.kind]}) ersetzt.`,
      );
    },
  },
  "monitoring:profile-export": {
    summary:
      "Gibt ein gespeichertes Importprofil als JSON aus (oder schreibt es in eine Datei), wie es monitoring:import --profile und monitoring:profile-save annehmen.",
    usage: "monitoring:profile-export --tenant koeln --profile <name> [--out <datei.json>]",
    options: { tenant: { type: "string" }, profile: { type: "string" }, out: { type: "string" } },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      if (typeof v.profile !== "string" || !v.profile) throw new CliError("Die Option --profile fehlt.");
      const name = v.profile;
      if (v.out !== undefined && (typeof v.out !== "string" || !v.out))
        throw new CliError("Bitte mit --out den Pfad der Zieldatei angeben.");
      const r = await withTenant(db, scope, (tx) => exportProfile(tx, name));
      if (!r) throw new CliError(`Das Importprofil „${name}“ gibt es in diesem Mandanten nicht.`);
      if (typeof v.out !== "string") {
        log(r.json.trimEnd());
        return;
      }
      // Written beside the target and renamed, so a failed write leaves no half profile behind.
      const tmp = `${v.out}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, r.json);
        fs.renameSync(tmp, v.out);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw new CliError(`Die Datei „${v.out}“ konnte nicht geschrieben werden: ${(e as Error).message}`);
      }
      log(`Importprofil „${name}“ (${KIND_LABEL[r.profile.kind]}) nach „${v.out}“ geschrieben.`);
    },
  },
  "monitoring:profiles": {
    summary: "Listet die gespeicherten Importprofile eines Mandanten (Name, Art, letzte Änderung).",
    usage: "monitoring:profiles --tenant koeln",
    options: { tenant: { type: "string" } },
    async run(db, { values: v }, log) {
      const scope = await tenantScope(db, v.tenant);
      const list = await withTenant(db, scope, (tx) => profileSummaries(tx));
      if (!list.length) {
        log("Es gibt keine gespeicherten Importprofile.");
        return;
      }
      const width = Math.max(...list.map((p) => p.name.length));
      for (const p of list)
        log(`${p.name.padEnd(width)}  ${KIND_LABEL[p.kind].padEnd(7)}  geändert ${germanDateTime(p.updatedAt)}`);
    },
  },
};
