import { parseArgs } from "node:util";
import path from "node:path";
import { z } from "zod";
import { config } from "~/kernel/config";
import { openDatabase, type Database } from "~/kernel/db/client";
import { CliError, type CliCommand } from "~/kernel/cli";
import { withSystem } from "~/kernel/db/context";
import { backup, restore } from "~/kernel/db/backup";
import { createTenant, getTenantBySlug } from "~/kernel/tenancy/service";
import { createUser, PASSWORD_MIN } from "~/kernel/auth/service";
import { memberships, ROLES } from "~/kernel/db/schema";
import { migrate, moduleCommands, seedDemoIfEmpty } from "~/registry.server";
import { issueText, ServiceError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";

const need = (v: unknown, name: string): string => {
  if (typeof v !== "string" || !v) throw new CliError(`Die Option --${name} fehlt.`);
  return v;
};

const kernelCommands: Record<string, CliCommand> = {
  "db:migrate": {
    summary: "Wendet alle ausstehenden Datenbank-Migrationen an.",
    usage: "db:migrate",
    async run(db, _a, log) {
      const applied = await migrate(db, log);
      log(applied.length ? `${applied.length} Migration(en) angewendet.` : "Die Datenbank ist auf dem neuesten Stand.");
    },
  },
  "demo:load": {
    summary: "Lädt die Demodaten, falls die Datenbank noch keine Mandanten hat.",
    usage: "demo:load",
    async run(db, _a, log) {
      await migrate(db);
      log((await seedDemoIfEmpty(db, log)) ? "Demodaten geladen." : "Es gibt bereits Mandanten; nichts geladen.");
    },
  },
  "tenant:create": {
    summary: "Legt einen Mandanten (Kommune, Kreis oder Land) an.",
    usage:
      'tenant:create --slug aachen --name "Stadt Aachen" --kind kommune --ags 05334002 [--parent staedteregion-aachen] [--private]',
    options: {
      slug: { type: "string" },
      name: { type: "string" },
      kind: { type: "string" },
      ags: { type: "string" },
      parent: { type: "string" },
      private: { type: "boolean" },
    },
    async run(db, { values: v }, log) {
      const t = await withSystem(db, (tx) =>
        createTenant(tx, {
          slug: need(v.slug, "slug"),
          name: need(v.name, "name"),
          kind: need(v.kind, "kind") as "kommune",
          ags: need(v.ags, "ags"),
          parentSlug: v.parent as string | undefined,
          isPublic: !v.private,
        }),
      );
      log(`Mandant „${t.name}“ angelegt: /t/${t.slug}`);
    },
  },
  "user:create": {
    summary: "Legt ein Benutzerkonto an, optional mit Rolle in einem Mandanten.",
    usage:
      'user:create --email a@b.de --name "Erika Muster" --password … [--tenant aachen --role admin] [--superadmin]',
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      tenant: { type: "string" },
      role: { type: "string" },
      superadmin: { type: "boolean" },
    },
    async run(db, { values: v }, log) {
      const email = z.string().email("Ungültige E-Mail-Adresse").safeParse(need(v.email, "email"));
      if (!email.success) throw new CliError(email.error.issues[0].message);
      const password = need(v.password, "password");
      if (password.length < PASSWORD_MIN)
        throw new CliError(`Das Passwort muss mindestens ${PASSWORD_MIN} Zeichen haben.`);
      if (v.tenant && !ROLES.includes(v.role as never))
        throw new CliError(`--role muss eine von ${ROLES.join(", ")} sein.`);
      await withSystem(db, async (tx) => {
        const u = await createUser(tx, {
          email: email.data,
          displayName: need(v.name, "name"),
          password,
          isSuperadmin: !!v.superadmin,
        });
        if (v.tenant) {
          const t = await getTenantBySlug(tx, String(v.tenant));
          if (!t) throw new CliError(`Den Mandanten „${v.tenant}“ gibt es nicht.`);
          if (v.role === "partner")
            throw new CliError("Partner-Konten bitte in der Oberfläche mit Organisation einladen.");
          await tx.insert(memberships).values({ tenantId: t.id, userId: u.id, role: v.role as "admin" });
        }
      });
      log(`Konto ${email.data} angelegt.`);
    },
  },
  "db:backup": {
    summary: "Sichert alle Daten in eine Datei (gzip-komprimiertes JSON).",
    usage: "db:backup <datei>",
    async run(db, { positionals }, log) {
      const file = positionals[0];
      if (!file) throw new CliError("Bitte eine Zieldatei angeben.");
      const counts = await backup(db, path.resolve(file));
      log(
        `Sicherung geschrieben: ${file} (${Object.values(counts).reduce((a, b) => a + b, 0)} Zeilen in ${Object.keys(counts).length} Tabellen)`,
      );
    },
  },
  "db:restore": {
    summary: "Ersetzt alle Daten durch die einer Sicherung (alles oder nichts).",
    usage: "db:restore <datei>",
    async run(db, { positionals }, log) {
      const file = positionals[0];
      if (!file) throw new CliError("Bitte die Sicherungsdatei angeben.");
      await migrate(db);
      const counts = await restore(db, path.resolve(file));
      log(`Wiederhergestellt: ${Object.values(counts).reduce((a, b) => a + b, 0)} Zeilen.`);
    },
  },
};

/** The kernel's commands and those the modules' manifests declare. */
export async function allCommands(): Promise<Record<string, CliCommand>> {
  return { ...kernelCommands, ...(await moduleCommands()) };
}

async function help(): Promise<string> {
  const cmds = await allCommands();
  return [
    "Teilhabe – Kommandozeile",
    "",
    "Aufruf: npm run cli -- <befehl> [optionen]",
    "",
    "Befehle:",
    ...Object.entries(cmds).map(([n, c]) => `  ${n.padEnd(22)} ${c.summary}\n  ${"".padEnd(22)} ${c.usage}`),
    "",
    "Die Datenbank wird wie beim Server gewählt: DATABASE_URL oder eingebettet unter DATA_DIR.",
  ].join("\n");
}

/** Returns the process exit code. Errors are printed in German, without stack traces. */
export async function runCli(
  argv: string[],
  log: (m: string) => void = console.log,
  err: (m: string) => void = console.error,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    log(await help());
    return 0;
  }
  const cmd = (await allCommands())[name];
  if (!cmd) {
    err(`Unbekannter Befehl „${name}“.\n\n${await help()}`);
    return 2;
  }
  if (rest.includes("--help")) {
    log(`${cmd.summary}\nAufruf: npm run cli -- ${cmd.usage}`);
    return 0;
  }
  let args;
  try {
    args = parseArgs({ args: rest, options: cmd.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    err(`${(e as Error).message}\nAufruf: npm run cli -- ${cmd.usage}`);
    return 2;
  }
  const c = config();
  let db: Database;
  try {
    db = await openDatabase({
      url: c.databaseUrl,
      dataDir: path.resolve(c.dataDir, "pglite"),
      sharedBuffers: c.sharedBuffers,
    });
  } catch (e) {
    err((e as Error).message);
    return 1;
  }
  try {
    if (name !== "db:migrate") await migrate(db);
    await cmd.run(db, args as never, log);
    return 0;
  } catch (e) {
    if (e instanceof CliError || e instanceof ServiceError || e instanceof z.ZodError) {
      // The CLI speaks German: error codes are translated with the German strings.
      const de = getT("de");
      const issue = (i: z.core.$ZodIssue) => (i.path.length ? `${i.path.join(".")}: ` : "") + issueText(de, i);
      err(e instanceof z.ZodError ? e.issues.map(issue).join("\n") : e.message);
      return 1;
    }
    // Database errors come wrapped by Drizzle; show PostgreSQL's own message, never the SQL.
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === "23505") err("Das gibt es schon (doppelter Eintrag).");
    else err(`Fehler: ${cause?.message ?? (e as Error).message ?? String(e)}`);
    return 1;
  } finally {
    await db.close();
  }
}
