import type { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Drizzle = ReturnType<typeof drizzlePglite<typeof schema>>;
/** A transaction handle; services take this, never the whole database. */
export type Tx = Parameters<Parameters<Drizzle["transaction"]>[0]>[0];

export interface Database {
  kind: "pglite" | "pg";
  orm: Drizzle;
  /** Where the embedded database lives, or the server URL without password. */
  location: string;
  /**
   * Runs a multi-statement SQL script through the simple query protocol, which PostgreSQL
   * executes as one implicit transaction: all of it or nothing.
   */
  execScript(script: string): Promise<void>;
  /**
   * Runs fn on one connection held for its whole duration, for session state that must not be
   * spread over a pool: an advisory lock and the statements it guards (migrations). PGlite has
   * only one connection anyway; on a server it is a client checked out of the pool.
   */
  withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  /**
   * Calls cb with the payload of every NOTIFY on `channel` (LISTEN). On the embedded database the
   * callback has run when the notifying transaction's commit returns, since it is one process; on a
   * server the notification arrives shortly after, on a connection of its own.
   */
  listen(channel: string, cb: (payload: string) => void): Promise<void>;
  /** The connection pool's figures on a server (for /metrics); the embedded database has no pool. */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

/** One database connection: the same two ways in as Database, pinned to that connection. */
export interface Connection {
  orm: Drizzle;
  execScript(script: string): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… for a server; otherwise the embedded database is used. */
  url?: string;
  /**
   * The server itself for LISTEN, when `url` is a pooler in transaction mode: a pooler hands each
   * transaction any server connection, so a LISTEN there would hear nothing (or another's NOTIFYs).
   */
  listenUrl?: string;
  /** Directory of the embedded database; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  /**
   * PostgreSQL's shared_buffers for the embedded database (default 128MB). PGlite clears the whole
   * buffer pool on every start, which is most of its start-up time; short-lived processes (CLI,
   * tests) that never fill it pass a smaller pool.
   */
  sharedBuffers?: string;
  /** Connections of a server's pool (default DB_POOL_SIZE or 10). */
  poolSize?: number;
}

/** A server URL as it may be shown or logged: without its password. */
export const redactUrl = (url: string) => url.replace(/:[^:@/]*@/, ":***@");

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  // Each driver is loaded only when used: a process needs one of them, never both.
  if (opts.url) {
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
    ]);
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
    });
    // An idle connection that the server ends (a restart, a replica's failover) leaves the pool, and
    // the next query opens a new one. Unheard, this event would end the whole process.
    pool.on("error", () => {});
    const orm = drizzlePg(pool, { schema }) as unknown as Drizzle;
    await pool.query("SELECT 1");
    // LISTEN needs a session of its own, outside the pool; opened on first use.
    let listener: InstanceType<typeof pg.Client> | undefined;
    const callbacks = new Map<string, ((payload: string) => void)[]>();
    const max = pool.options.max ?? 10;
    return {
      kind: "pg",
      orm,
      location: redactUrl(opts.url),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
      execScript: async (s) => {
        await pool.query(s);
      },
      withConnection: async (fn) => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          return await fn({
            orm: drizzlePg(client, { schema }) as unknown as Drizzle,
            execScript: async (s) => {
              await client.query(s);
            },
          });
        } catch (e) {
          broken = e as Error;
          throw e;
        } finally {
          // A connection that failed may still hold session state (a lock): close it rather than
          // hand it to the next request.
          client.release(broken);
        }
      },
      listen: async (channel, cb) => {
        if (!listener) {
          listener = new pg.Client({ connectionString: opts.listenUrl ?? opts.url });
          listener.on("notification", (n) => {
            for (const f of callbacks.get(n.channel) ?? []) f(n.payload ?? "");
          });
          // A lost listening connection must not take the process down; its users fall back on the database.
          listener.on("error", () => {});
          await listener.connect();
        }
        if (!callbacks.has(channel)) {
          callbacks.set(channel, []);
          await listener.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
        }
        callbacks.get(channel)!.push(cb);
      },
      close: async () => {
        await listener?.end().catch(() => {});
        await pool.end();
      },
    };
  }
  const dir = opts.dataDir ?? path.resolve(process.env.DATA_DIR ?? "data", "pglite");
  let releaseLock = () => {};
  if (!dir.startsWith("memory://")) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = lockDataDir(dir);
  }
  // relaxedDurability stays off: a query only returns once PGlite has written its files, so an
  // acknowledged write survives a killed process (see tests/integration/durability.test.ts).
  // Extensions that modules may CREATE in their migrations (full-text search with typo tolerance).
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
    import("drizzle-orm/pglite"),
  ]);
  const client = await PGlite.create(dir, {
    relaxedDurability: false,
    extensions: { pg_trgm, unaccent },
    ...(opts.sharedBuffers && {
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${opts.sharedBuffers}`],
    }),
  });
  const orm = drizzle(client, { schema });
  const execScript = async (s: string) => {
    await client.exec(s);
  };
  return {
    kind: "pglite",
    orm,
    location: dir,
    execScript,
    withConnection: (fn) => fn({ orm, execScript }),
    listen: async (channel, cb) => {
      await client.listen(channel, cb);
    },
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * The embedded database must only be opened by one process at a time (two writers would corrupt
 * it). A lock file with the owner's PID guards it; a lock left by a killed process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    const pid = Number(fs.readFileSync(file, "utf8"));
    let alive: boolean;
    try {
      alive = pid > 0 && pid !== process.pid && (process.kill(pid, 0), true);
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `Die eingebettete Datenbank in ${dir} wird bereits von Prozess ${pid} benutzt (läuft der Server noch?). ` +
          "Bitte zuerst den Server beenden oder DATABASE_URL für einen PostgreSQL-Server verwenden.",
      );
    }
    fs.writeFileSync(file, String(process.pid));
  }
  const release = () => {
    process.off("exit", release);
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  return release;
}
