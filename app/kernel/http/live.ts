import type { Database } from "../db/client";

/**
 * Live updates for pages (server-sent events) from PostgreSQL notifications. Each process listens
 * once per channel (one LISTEN connection per process, kernel/db/client.ts) and hands every payload
 * to the streams open in this process; a NOTIFY issued by any instance's transaction reaches every
 * instance on commit, so several app processes on one database all see every change. Nothing is
 * kept here but the open streams themselves; a stream carries only "something changed", and the
 * page reloads its data through its loader, where access is checked as for any request.
 */

type Listener = (payload: string) => void;
const hubs = new WeakMap<Database, Map<string, { listeners: Set<Listener>; ready: Promise<void> }>>();

/** Calls cb for every payload on `channel` until the returned function is called. */
export async function subscribe(db: Database, channel: string, cb: Listener): Promise<() => void> {
  let channels = hubs.get(db);
  if (!channels) hubs.set(db, (channels = new Map()));
  let hub = channels.get(channel);
  if (!hub) {
    const listeners = new Set<Listener>();
    const ready = db.listen(channel, (payload) => {
      for (const l of listeners) l(payload);
    });
    hub = { listeners, ready };
    channels.set(channel, hub);
    // A failed LISTEN is retried by the next subscriber rather than cached forever.
    ready.catch(() => channels.delete(channel));
  }
  hub.listeners.add(cb);
  await hub.ready;
  return () => hub.listeners.delete(cb);
}

/** How long one stream stays open; the browser's EventSource then reconnects by itself. */
const STREAM_MS = 10 * 60_000;
/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * A text/event-stream response that sends `event: <name>` for every payload `pick` maps to a name
 * (undefined: not for this stream). Ends when the client goes away or after STREAM_MS.
 */
export function eventStream(opts: {
  db: Database;
  channel: string;
  signal: AbortSignal;
  pick: (payload: string) => string | undefined;
}): Response {
  const enc = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(ctrl) {
      let open = true;
      const send = (s: string) => {
        if (!open) return;
        try {
          ctrl.enqueue(enc.encode(s));
        } catch {
          finish();
        }
      };
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => send(": \n\n"), HEARTBEAT_MS);
      const limit = setTimeout(() => finish(), STREAM_MS);
      function finish() {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearTimeout(limit);
        unsubscribe();
        opts.signal.removeEventListener("abort", finish);
        try {
          ctrl.close();
        } catch {
          /* already closed by the reader */
        }
      }
      stop = finish;
      opts.signal.addEventListener("abort", finish);
      if (opts.signal.aborted) return finish();
      unsubscribe = await subscribe(opts.db, opts.channel, (payload) => {
        const name = opts.pick(payload);
        if (name) send(`event: ${name}\ndata: ${name}\n\n`);
      });
      if (!open) unsubscribe();
      // The first bytes: the browser knows the stream is open, and waits 3 s before reconnecting.
      send("retry: 3000\n: open\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware would otherwise hold the events back.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
