import fs from "node:fs";
import readline from "node:readline";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";
import { rows } from "./context";

const BATCH = 5000;
const FORMAT = "teilhabe-backup";

interface Header {
  format: string;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

/** Tables in foreign-key order (parents first), so a restore can insert them in sequence. */
async function tablesInOrder(tx: Tx): Promise<string[]> {
  const tables = (
    await rows<{ t: string }>(
      tx,
      sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
    )
  ).map((r) => r.t);
  const deps = await rows<{ child: string; parent: string }>(
    tx,
    sql`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, stack: Set<string>) => {
    if (seen.has(t) || stack.has(t)) return;
    stack.add(t);
    for (const d of deps) if (d.child === t) visit(d.parent, stack);
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

async function insertableColumns(tx: Tx, table: string): Promise<string[]> {
  return (
    await rows<{ c: string }>(
      tx,
      sql`SELECT attname AS c FROM pg_attribute WHERE attrelid = ${`public.${table}`}::regclass
    AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    )
  ).map((r) => r.c);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Writes every row of every table as gzipped JSON lines, read in one transaction so the backup
 * is a consistent snapshot. The format is the same for the embedded database and a server.
 */
export async function backup(db: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const out = zlib.createGzip();
  const stream = fs.createWriteStream(file + ".tmp");
  out.pipe(stream);
  const write = (o: unknown) =>
    new Promise<void>((res) => (out.write(JSON.stringify(o) + "\n") ? res() : out.once("drain", () => res())));
  await db.orm.transaction(async (tx) => {
    if (db.kind === "pg") await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    const tables = await tablesInOrder(tx);
    const migrations = (await rows<{ name: string }>(tx, sql`SELECT name FROM schema_migrations ORDER BY name`)).map(
      (r) => r.name,
    );
    await write({
      format: FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      migrations,
      tables,
    } satisfies Header);
    for (const t of tables) {
      counts[t] = 0;
      for (let offset = 0; ; offset += BATCH) {
        const batch = await rows<{ r: unknown }>(
          tx,
          sql.raw(`SELECT to_jsonb(x) AS r FROM ${ident(t)} x ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}`),
        );
        if (!batch.length) break;
        await write({ table: t, rows: batch.map((b) => b.r) });
        counts[t] += batch.length;
      }
    }
  });
  await new Promise<void>((res, rej) => {
    stream.on("finish", () => res());
    stream.on("error", rej);
    out.end();
  });
  // Renamed only when complete: a crash never leaves a truncated file under the real name.
  fs.renameSync(file + ".tmp", file);
  return counts;
}

/** Replaces all data with the backup's, in one transaction: on any error nothing changes. */
export async function restore(db: Database, file: string): Promise<Record<string, number>> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = JSON.parse(first.value ?? "{}") as Header;
  if (header.format !== FORMAT) throw new Error("Diese Datei ist keine Teilhabe-Sicherung.");
  const counts: Record<string, number> = {};
  await db.orm.transaction(async (tx) => {
    const have = (await rows<{ name: string }>(tx, sql`SELECT name FROM schema_migrations ORDER BY name`)).map(
      (r) => r.name,
    );
    const missing = header.migrations.filter((m) => !have.includes(m));
    if (missing.length)
      throw new Error(
        `Die Sicherung stammt aus einer neueren Version (fehlende Migrationen: ${missing.join(", ")}). Bitte zuerst aktualisieren.`,
      );
    const tables = await tablesInOrder(tx);
    await tx.execute(sql.raw(`TRUNCATE ${tables.map(ident).join(", ")} RESTART IDENTITY CASCADE`));
    // Self-references (a tenant's parent) need the foreign-key triggers off while loading.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    const cols = new Map<string, string[]>();
    for await (const line of { [Symbol.asyncIterator]: () => it }) {
      if (!line.trim()) continue;
      const chunk = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!tables.includes(chunk.table)) throw new Error(`Unbekannte Tabelle in der Sicherung: ${chunk.table}`);
      if (!cols.has(chunk.table)) cols.set(chunk.table, await insertableColumns(tx, chunk.table));
      const c = cols.get(chunk.table)!.map(ident).join(", ");
      await tx.execute(
        sql`${sql.raw(`INSERT INTO ${ident(chunk.table)} (${c}) OVERRIDING SYSTEM VALUE SELECT ${c} FROM jsonb_populate_recordset(NULL::${ident(chunk.table)}, `)}${JSON.stringify(chunk.rows)}::jsonb)`,
      );
      counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
    }
    await tx.execute(sql`SET LOCAL session_replication_role = origin`);
    // Sequences continue after the restored ids.
    const seqs = await rows<{ t: string; c: string; s: string }>(
      tx,
      sql`
      SELECT c.relname AS t, a.attname AS c, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS s
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
    );
    for (const q of seqs) {
      await tx.execute(
        sql.raw(`SELECT setval('${q.s}', coalesce((SELECT max(${ident(q.c)}) FROM ${ident(q.t)}), 0) + 1, false)`),
      );
    }
  });
  return counts;
}

const SCHEDULED = /^teilhabe-\d{8}T\d{6}Z\.teilhabe\.gz$/;

/**
 * The scheduled online backup (decision 0048): `backup()` into `dir` under a name with the time
 * (teilhabe-20261204T030000Z.teilhabe.gz), then only the newest `keep` of these files are kept.
 * Other files in the folder are never touched. The same format as `db:backup`, so `db:restore` reads it.
 */
export async function backupToDir(
  db: Database,
  dir: string,
  keep: number,
  now: Date = new Date(),
): Promise<{ file: string; rows: number; deleted: string[] }> {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const file = `${dir}/teilhabe-${stamp}.teilhabe.gz`;
  const counts = await backup(db, file);
  const ours = fs
    .readdirSync(dir)
    .filter((f) => SCHEDULED.test(f))
    .sort();
  const deleted = ours.slice(0, Math.max(0, ours.length - keep));
  for (const f of deleted) fs.rmSync(`${dir}/${f}`, { force: true });
  return { file, rows: Object.values(counts).reduce((a, b) => a + b, 0), deleted };
}
