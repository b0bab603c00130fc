import type { Connection, Database } from "./client";

/**
 * Keys of the session-level advisory locks that serialise start-up work between instances on one
 * database (any fixed numbers; advisory locks belong to one database, so databases on one server
 * never wait for each other).
 */
export const LOCKS = {
  /** "Teil" in ASCII */
  migrate: 0x5465696c,
  /** "Demo" in ASCII */
  demo: 0x44656d6f,
} as const;

/**
 * Runs fn while this process holds the advisory lock `key`; another process asking for the same key
 * waits until it is released. Lock and unlock must happen on the same session, so both run on one
 * connection held for the whole call (fn may use it or the pool). A process that dies loses its
 * connection and with it the lock.
 */
export async function withAdvisoryLock<T>(db: Database, key: number, fn: (conn: Connection) => Promise<T>): Promise<T> {
  return db.withConnection(async (conn) => {
    await conn.execScript(`SELECT pg_advisory_lock(${key})`);
    try {
      return await fn(conn);
    } finally {
      await conn.execScript(`SELECT pg_advisory_unlock(${key})`);
    }
  });
}
