import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { loginPlatformAdmin } from "../support/platform-admin";
import { walkablePatterns } from "../support/access-matrix";
import { insertApiToken } from "../support/api-token";

/**
 * Property-based fuzzing of every form action and API endpoint (issue 10, decision 0012): random
 * strings, raw bytes, NUL and other control characters, huge values, unicode, random field names
 * and random ids go into the path, the query string, urlencoded and multipart bodies and JSON.
 * The property is "never a 5xx". All failures are collected and reported together with the seed,
 * so a run can be repeated exactly: FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx vitest run tests/integration/fuzz.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const PW = "Teilhabe-Demo-2026";

type Bytes = Uint8Array;
const utf8 = (s: string): Bytes => Buffer.from(s, "utf8");
const pct = (b: Bytes) => [...b].map((x) => "%" + x.toString(16).padStart(2, "0")).join("");
/** Short, printable form of a value for the failure report. */
const show = (b: Bytes | string) => {
  const s = typeof b === "string" ? b : Buffer.from(b).toString("utf8");
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s);
};

// ---- arbitraries ---------------------------------------------------------------------------

const control = fc.constantFrom("\0", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u009f");
/** Values that pass the input guard and so reach the actions and the database. */
const awkward = fc.constantFrom(
  "",
  " ",
  "\r\n",
  "\t",
  "-1",
  "0",
  "1e309",
  "-9999999999999999999999",
  "0.0000000000000000000001",
  "NaN",
  "Infinity",
  "2026-05-01",
  "2026-02-30",
  "0000-00-00",
  "99999-12-31",
  "2026-13-45T25:61",
  "12.03.2026",
  "../../etc/passwd",
  "C:\\Windows\\win.ini",
  "%ff",
  "%",
  "' OR '1'='1",
  "\\",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  '=HYPERLINK("x")',
  "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
  "\ud800",
  "\ufeff\uffff",
  "👩‍👩‍👧‍👦",
  "00000000-0000-0000-0000-000000000000",
);
/** Values the guard must refuse (or an action must survive if one slips through). */
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 8 }), control, fc.string({ maxLength: 8 })).map(([a, c, b]) => a + c + b),
  fc.constantFrom("\0", "a\u0000b", "\0".repeat(1000)),
);
const huge = fc
  .tuple(fc.nat({ max: 250_000 }), fc.constantFrom("x", "ä", "€", "👍", "1", " "))
  .map(([n, c]) => c.repeat(n));

/**
 * A text value; `pool` offers values seen on the page (ids, options, hidden fields). A hostile one
 * carries control characters or lone surrogates, the others are printable but awkward.
 */
function text(pool: string[], hostile: boolean): fc.Arbitrary<string> {
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 4, arbitrary: awkward },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
    { weight: 1, arbitrary: huge },
  ];
  if (pool.length) arbs.push({ weight: 8, arbitrary: fc.constantFrom(...pool) });
  if (hostile) arbs.push({ weight: 6, arbitrary: hostileText });
  return fc.oneof(...arbs);
}

/** A value as bytes; hostile ones are sometimes raw bytes (invalid UTF-8 included). */
const value = (pool: string[], hostile: boolean): fc.Arbitrary<Bytes> =>
  hostile
    ? fc.oneof(
        { weight: 5, arbitrary: text(pool, true).map(utf8) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
      )
    : text(pool, false).map(utf8);

/** One request in three is hostile; the others must get past the guard into the actions. */
const hostility = fc.nat(2).map((n) => n === 0);

const fieldName = (known: string[]): fc.Arbitrary<string> =>
  known.length
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...known) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      )
    : fc.string({ maxLength: 12 });

const fileArb = (hostile: boolean) =>
  fc.record({
    name: hostile
      ? fc.oneof(
          fc.constantFrom("a\0b.csv", "../../etc/passwd", "..", "C:\\Temp\\x.xlsx", "x\r\ny.csv").map(utf8),
          fc.string({ unit: "binary", maxLength: 30 }).map(utf8),
          fc.uint8Array({ maxLength: 30 }),
        )
      : fc.oneof(
          fc.constantFrom("daten.csv", "daten.xlsx", "gebiete.geojson", "x.zip", "", "ä ö ü.csv").map(utf8),
          fc.string({ maxLength: 30 }).map(utf8),
        ),
    body: fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc
        .constantFrom(
          "a;b\n1;2\n",
          "Gebiet;Jahr;Wert\n01;2025;-1e309\n",
          "\0\0\0",
          "PK\u0003\u0004",
          '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}',
        )
        .map(utf8),
    ),
  });

interface FormValue {
  pairs: (readonly [string, Bytes])[];
  fileFields: string[];
  file: { name: Bytes; body: Bytes };
}

/**
 * A form body. Mostly a real form of the page, filled as a user would and then with up to three
 * fields replaced by fuzz, so the action gets past its first checks and into services and the
 * database; otherwise any intent of the page with known and random field names.
 */
function form(f: Fields): fc.Arbitrary<FormValue> {
  const names = [...f.names];
  const real = (hostile: boolean) =>
    fc.constantFrom(...f.forms).chain((spec) =>
      fc
        .record({
          intent: spec.intents.length ? fc.constantFrom(...spec.intents) : fc.constant(null),
          overrides: fc.array(
            fieldName([...spec.base.keys()]).chain((n) =>
              value(f.values.get(n) ?? [], hostile).map((v) => [n, v] as const),
            ),
            { minLength: 0, maxLength: 3 },
          ),
          file: fileArb(hostile),
        })
        .map(({ intent, overrides, file }) => {
          const fields = new Map<string, Bytes>([...spec.base].map(([k, v]) => [k, utf8(v)]));
          for (const [k, v] of overrides) fields.set(k, v);
          return {
            pairs: [...(intent ? [["intent", utf8(intent)] as const] : []), ...fields],
            fileFields: spec.files,
            file,
          };
        }),
    );
  const random = (hostile: boolean) =>
    fc
      .record({
        intent: f.intents.length ? fc.option(fc.constantFrom(...f.intents), { freq: 6 }) : fc.constant(null),
        fields: fc.array(
          fieldName(names).chain((n) => value(f.values.get(n) ?? [], hostile).map((v) => [n, v] as const)),
          { maxLength: Math.max(6, names.length + 3) },
        ),
        file: fileArb(hostile),
      })
      .map(({ intent, fields, file }) => ({
        pairs: [...(intent ? [["intent", utf8(intent)] as const] : []), ...fields],
        fileFields: [...f.fileFields],
        file,
      }));
  return hostility.chain((hostile) =>
    f.forms.length
      ? fc.oneof({ weight: 3, arbitrary: real(hostile) }, { weight: 1, arbitrary: random(hostile) })
      : random(hostile),
  );
}

/** A path parameter: random ids and junk, raw (so malformed percent-encoding gets through). */
const pathParam = (pool: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: hostility.chain((h) => value(pool, h)).map(pct) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%ff", "%zz", "%", "%E2%82", "%00", "%C0%AF", "a%2F..%2F..", "x".repeat(3000)),
    },
    { weight: 2, arbitrary: fc.uuid() },
  );

/** A query string of known and random names (kept under the header size limit). */
const query = (f: Fields) =>
  hostility
    .chain((hostile) =>
      fc.array(
        fieldName([...f.queryNames]).chain((n) =>
          fc
            .oneof(
              { weight: 4, arbitrary: value(f.values.get(n) ?? [], hostile).map((v) => pct(v).slice(0, 6000)) },
              { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom("%ff", "%", "%zz", "%00") },
            )
            .map((v) => `${pct(utf8(n))}=${v}`),
        ),
        { maxLength: 5 },
      ),
    )
    .map((pairs) => pairs.join("&"));

// ---- discovery -------------------------------------------------------------------------------

/** A form as the page offers it: its fields with the values a user would send, its submit intents. */
interface FormSpec {
  base: Map<string, string>;
  intents: string[];
  files: string[];
}
interface Fields {
  forms: FormSpec[];
  names: Set<string>;
  queryNames: Set<string>;
  intents: string[];
  fileFields: Set<string>;
  values: Map<string, string[]>;
}
const emptyFields = (): Fields => ({
  forms: [],
  names: new Set(),
  queryNames: new Set(["seite", "q", "lang", "next", "edition", "jahr"]),
  intents: [],
  fileFields: new Set(),
  values: new Map(),
});

const entity = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], entity(m[2] ?? "")]));

// What a user would type into an empty field of a type.
const TYPED: Record<string, string> = {
  email: "fuzz@example.org",
  date: "2026-05-01",
  number: "1",
  url: "https://example.org",
  password: "Fuzz-Passwort-2026!",
  tel: "+49 241 12345",
};

// What a user would type into a text field, by its name where the name says what it takes.
const BY_NAME: [RegExp, string][] = [
  [/(On|Date)$/, "01.05.2026"],
  [/^period(From|To)$|^(year|jahr)$/i, "2026"],
  [/^slug$/, "fuzzstadt"],
  [/^ags$/, "05334099"],
  [/^code$/, "FZ1"],
  [/^(progress|budget|threshold)$/i, "1"],
];
const typical = (name: string, type = "") => TYPED[type] ?? BY_NAME.find(([re]) => re.test(name))?.[1] ?? "Fuzz";

/** Reads the forms of a page into the fields of the URL each form goes to. */
function readForms(html: string, pageUrl: string, into: (url: string) => Fields) {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const a = attrs(m[1]);
    const target = new URL(a.action || pageUrl, "http://x");
    const f = into(target.pathname);
    const post = (a.method ?? "get").toLowerCase() === "post";
    const spec: FormSpec = { base: new Map(), intents: [], files: [] };
    for (const el of m[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const at = attrs(el[2]);
      if (!at.name || at.name === "_csrf") continue;
      (post ? f.names : f.queryNames).add(at.name);
      if (at.value) f.values.set(at.name, [...new Set([...(f.values.get(at.name) ?? []), at.value])]);
      if (at.type === "file") {
        f.fileFields.add(at.name);
        spec.files.push(at.name);
      } else if (at.name === "intent") {
        if (at.value && !f.intents.includes(at.value)) f.intents.push(at.value);
        if (at.value && !spec.intents.includes(at.value)) spec.intents.push(at.value);
      } else if (!spec.base.has(at.name) && el[1] !== "select") {
        spec.base.set(at.name, at.value || (el[1] === "button" ? "" : typical(at.name, at.type)));
      }
    }
    for (const sel of m[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attrs(sel[1]).name;
      if (!name) continue;
      const opts = [...sel[2].matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1]).value ?? "").filter(Boolean);
      f.values.set(name, [...new Set([...(f.values.get(name) ?? []), ...opts.slice(0, 30)])]);
      if (!spec.base.has(name)) spec.base.set(name, opts[0] ?? "");
    }
    if (post) f.forms.push(spec);
  }
}

const patternRegex = (p: string) =>
  new RegExp("^" + p.replace(/[.]/g, "\\.").replace(/:\w+/g, "[^/?#]+").replace(/\/\*$/, "/.+") + "$");

const dynamicParts = (p: string) => (p.replace(":slug", "").match(/[:*]/g) ?? []).length;
/** The route a path goes to: as in React Router, static segments rank above parameters. */
const matchPattern = (path: string) =>
  patterns.filter((x) => patternRegex(x).test(path)).sort((a, b) => dynamicParts(a) - dynamicParts(b))[0] as
    string | undefined;

// ---- requests --------------------------------------------------------------------------------

function urlencoded(pairs: (readonly [string, Bytes])[]): Buffer {
  return Buffer.from(pairs.map(([n, v]) => `${pct(utf8(n))}=${pct(v)}`).join("&"));
}

function multipart(pairs: (readonly [string, Bytes])[], files: { field: string; name: Bytes; body: Bytes }[]) {
  const boundary = `----fuzz${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [n, v] of pairs)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n.replace(/["\r\n]/g, "_")}"\r\n\r\n`),
      Buffer.from(v),
      Buffer.from("\r\n"),
    );
  for (const f of files)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="`),
      // The file name's bytes go out raw: a hostile client is not bound by the browser's escaping.
      Buffer.from(f.name.filter((b) => b !== 0x22)),
      Buffer.from(`"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(f.body),
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

let s: TestServer;
let admin: Client;
let platform: Client;
let patterns: string[];
const fieldsByPath = new Map<string, Fields>();
const urlsByPattern = new Map<string, string[]>();
let adminUserId = "";
let apiToken = "";
/** How often each status came back: shows how deep the walk got (not only 400s for bad input). */
const statuses = new Map<number, number>();

const clientFor = (path: string) => (path.startsWith("/plattform") ? platform : admin);
const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");

const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

/**
 * The status of a request. A connection that breaks is retried once: after the server refused an
 * oversize body unread (413) it closes that connection, and fetch may already have sent the next
 * request on it. A body over MAX_BODY_BYTES (1 MB) may be refused while fetch is still sending it.
 */
async function send(c: Client, method: string, url: string, body?: { body: Buffer; type: string }) {
  let status = 0;
  for (let attempt = 0; attempt < 2 && !status; attempt++) {
    try {
      const res = await fetch(s.url + url, {
        method,
        redirect: "manual",
        body: body ? new Uint8Array(body.body) : undefined,
        headers: {
          cookie: cookieHeader(c),
          // The token in the header as well: a body the server cannot read must still reach the action.
          "x-csrf-token": c.cookies.get("teilhabe_csrf") ?? "",
          ...(body ? { "content-type": body.type } : {}),
        },
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      if (body && body.body.length > 1_000_000) status = 413;
      else if (attempt === 1) throw e;
    }
  }
  count(status);
  return status;
}

const fieldsFor = (p: string) => {
  let f = fieldsByPath.get(p);
  if (!f) fieldsByPath.set(p, (f = emptyFields()));
  return f;
};

/** The form fields known for a pattern: those of every concrete URL of it. */
function fieldsOfPattern(pattern: string): Fields {
  const re = patternRegex(pattern.replace(":slug", "aachen"));
  const out = emptyFields();
  for (const [path, f] of fieldsByPath) {
    if (!re.test(path)) continue;
    out.forms.push(...f.forms.filter((x) => ![...x.base.values()].includes(adminUserId)));
    f.names.forEach((n) => out.names.add(n));
    f.queryNames.forEach((n) => out.queryNames.add(n));
    f.fileFields.forEach((n) => out.fileFields.add(n));
    for (const i of f.intents) if (!out.intents.includes(i)) out.intents.push(i);
    for (const [k, v] of f.values)
      out.values.set(k, [...new Set([...(out.values.get(k) ?? []), ...v.filter((x) => x !== adminUserId)])]);
  }
  return out;
}

beforeAll(async () => {
  // Fuzzing the login form must not lock the fuzzing accounts out.
  process.env.LOGIN_RATE_LIMIT = "100000";
  s = await startTestServer({ modules: true });
  admin = new Client(s.url);
  await admin.login("admin.aachen@example.org", PW);
  platform = new Client(s.url);
  await loginPlatformAdmin(platform, s.db);
  const rows = (q: string) => s.db.orm.execute(sql.raw(q)) as unknown as Promise<{ rows: Record<string, string>[] }>;
  adminUserId = (await rows(`SELECT id::text AS id FROM users WHERE email = 'admin.aachen@example.org'`)).rows[0].id;
  apiToken = await insertApiToken(s, "aachen", true);
  patterns = await walkablePatterns(s);

  // Discovery: pages without parameters first, then the links they offer into the others.
  const seen = new Set<string>();
  let queue = patterns.filter((p) => !/[:*]/.test(p.replace(":slug", ""))).map((p) => p.replace(":slug", "aachen"));
  for (let round = 0; round < 3 && queue.length; round++) {
    const next: string[] = [];
    for (const url of queue) {
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await clientFor(url).get(url);
      if (!(res.headers.get("content-type") ?? "").includes("text/html")) {
        await res.arrayBuffer();
        continue;
      }
      const html = await res.text();
      readForms(html, url, fieldsFor);
      for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = new URL(entity(m[1]), "http://x").pathname;
        const p = matchPattern(href);
        if (!p || (!href.startsWith("/t/aachen") && href.startsWith("/t/"))) continue;
        const list = urlsByPattern.get(p) ?? [];
        if (list.length < 2 && !list.includes(href)) {
          list.push(href);
          urlsByPattern.set(p, list);
          next.push(href);
        }
      }
    }
    queue = next;
  }
});

afterAll(async () => {
  await s?.close();
});

describe("fuzzing every form action and API endpoint", () => {
  it("never answers with a server error (5xx)", async () => {
    const failures: string[] = [];
    const lostSessions: string[] = [];
    let requests = 0;
    const fail = (line: string) => failures.length < 300 && failures.push(line);

    for (const [i, pattern] of patterns.entries()) {
      const c = clientFor(pattern);
      const f = fieldsOfPattern(pattern);
      const real = urlsByPattern.get(pattern) ?? [];
      // Concrete URLs from the pages where there are any; otherwise the pattern filled with fuzz.
      const paramPool = real.flatMap((u) => u.split("/")).filter((x) => x.length > 20);
      const path = fc.oneof(
        ...(real.length ? [{ weight: 4, arbitrary: fc.constantFrom(...real) }] : []),
        {
          weight: 1,
          arbitrary: fc
            .tuple(pathParam(paramPool), pathParam(paramPool), pathParam(paramPool), fc.nat({ max: 9 }))
            .map(([a, b, cc, n]) =>
              pattern
                .replace(":slug", n ? "aachen" : a)
                .replace(/:\w+/, b)
                .replace(/:\w+/, cc)
                .replace(/\*$/, b),
            ),
        },
        ...(real.length ? [] : [{ weight: 2, arbitrary: fc.constant(pattern.replace(":slug", "aachen")) }]),
      );
      const seed = SEED + i;

      for (const [url, q] of fc.sample(fc.tuple(path, query(f)), { seed, numRuns: RUNS })) {
        const target = q ? `${url}?${q}` : url;
        requests++;
        const status = await send(c, "GET", target);
        if (status >= 500) fail(`GET ${show(target)} → ${status} (seed ${seed})`);
      }

      // A route without an action answers 405; then there is nothing to post to.
      const probe = await send(c, "POST", real[0] ?? pattern.replace(":slug", "aachen").replace(/:\w+|\*/g, "x"), {
        body: Buffer.from(""),
        type: "application/x-www-form-urlencoded",
      });
      requests++;
      if (probe >= 500) fail(`POST ${pattern} (empty) → ${probe}`);
      if (probe === 405) continue;

      const samples = fc.sample(fc.tuple(path, form(f), fc.boolean()), { seed: seed + 1000, numRuns: RUNS * 2 });
      for (const [url, v, asMultipart] of samples) {
        const fileFields = v.fileFields.length ? v.fileFields : ["datei"];
        const pairs = v.pairs.filter(([n]) => !fileFields.includes(n));
        const multi = asMultipart || v.fileFields.length > 0;
        const body = multi
          ? multipart(
              pairs,
              fileFields.map((field) => ({ field, name: v.file.name, body: v.file.body })),
            )
          : { body: urlencoded(pairs), type: "application/x-www-form-urlencoded" };
        requests++;
        const status = await send(c, "POST", url, body);
        if (status >= 500)
          fail(
            `POST ${show(url)} ${body.type.split(";")[0]} {${pairs.map(([n, x]) => `${n}=${show(x)}`).join(", ")}}` +
              `${multi ? ` file=${show(v.file.name)}` : ""} → ${status} (seed ${seed + 1000})`,
          );
      }

      // Two settings a fuzzed form may switch on lock the fuzzing accounts out by design: a second
      // factor the tenant requires, and single sign-on only. Their effect is tested elsewhere
      // (second-factor.http, oidc); here they are undone so the next route is fuzzed as admin again.
      await s.db.orm.execute(sql`UPDATE tenants SET require_second_factor = false`);
      await s.db.orm.execute(sql`UPDATE oidc_configs SET password_login = true`);
      // Whatever was posted, the fuzzing accounts must still be usable for the next route.
      // A request the server ended early (a body over the upload limit is refused before it is read,
      // as send() allows for) can leave the client a socket the server has closed: one retry on a reset.
      const home = c === platform ? "/plattform/mandanten" : "/t/aachen/verwaltung";
      const alive = await c.get(home).catch(() => c.get(home));
      if (alive.status !== 200) {
        lostSessions.push(pattern);
        if (c === platform) await loginPlatformAdmin(platform, s.db);
        else await c.login("admin.aachen@example.org", PW);
      }
    }

    // The API, from its own manifest: the OpenAPI document lists every endpoint.
    const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
    };
    const apiEntries = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ p, m, op })),
    );
    expect(apiEntries.length).toBeGreaterThan(3);
    for (const [i, { p, m, op }] of apiEntries.entries()) {
      const names = (op.parameters ?? []).filter((x) => x.in === "query").map((x) => x.name);
      const props = ((op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })?.content?.[
        "application/json"
      ]?.schema?.properties ?? {}) as Record<string, { enum?: string[] }>;
      const f = { ...emptyFields(), queryNames: new Set(names) };
      const json = fc.oneof(
        {
          weight: 4,
          arbitrary: hostility.chain((hostile) =>
            fc
              .array(
                fieldName(Object.keys(props)).chain((k) =>
                  fc.oneof(text(props[k]?.enum ?? [], hostile), fc.jsonValue()).map((v) => [k, v] as const),
                ),
                { maxLength: Object.keys(props).length + 2 },
              )
              .map((pairs) => JSON.stringify(Object.fromEntries(pairs))),
          ),
        },
        { weight: 1, arbitrary: fc.jsonValue().map((x) => JSON.stringify(x)) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 50 }) },
      );
      const seed = SEED + 5000 + i;
      for (const [a, b, q, body, n] of fc.sample(fc.tuple(pathParam([]), pathParam([]), query(f), json, fc.nat(6)), {
        seed,
        numRuns: RUNS * 2,
      })) {
        const url =
          "/api/v1" +
          p
            .replace("{slug}", n ? "aachen" : a)
            .replace(/\{\w+\}/, b)
            .replace(/\{\w+\}/, a) +
          (q ? `?${q}` : "");
        requests++;
        const res = await fetch(s.url + url, {
          method: m.toUpperCase(),
          headers: {
            authorization: `Bearer ${apiToken}`,
            ...(m === "get" ? {} : { "content-type": "application/json" }),
          },
          body: m === "get" ? undefined : body,
        });
        await res.arrayBuffer();
        count(res.status);
        if (res.status >= 500)
          fail(`${m.toUpperCase()} ${show(url)} ${m === "get" ? "" : show(body)} → ${res.status} (seed ${seed})`);
      }
    }

    if (failures.length) console.log(failures.join("\n"));
    console.log(
      `fuzz: ${requests} requests over ${patterns.length} page routes and ${apiEntries.length} API endpoints, ` +
        `seed ${SEED}, ${RUNS} runs per route; ${failures.length} server errors; statuses ` +
        JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b))),
    );
    // The walk must have reached the forms, else it proves little.
    expect([...fieldsByPath.values()].some((f) => f.intents.length > 0)).toBe(true);
    expect([...fieldsByPath.values()].reduce((n, f) => n + f.forms.length, 0)).toBeGreaterThan(20);
    expect(urlsByPattern.size).toBeGreaterThan(5);
    expect(lostSessions).toEqual([]);
    expect(failures, `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`).toEqual([]);
  });
});
