import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ENV_NAMES } from "../../app/kernel/config";

// `docker compose up` is the third way to run Teilhabe (README, docs/operations.md). Docker is not
// part of CI, so the compose file and the Dockerfile are checked by reading them: structure,
// health checks, volumes, and that every variable handed to the app is one the app knows.
const root = path.resolve(import.meta.dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  command?: unknown;
}
const compose = parse(read("compose.yaml")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { app, db } = compose.services;

/** The named volume and the container path of each mount ("name:/path[:ro]"). */
const mounts = (s: Service) =>
  (s.volumes ?? []).map((v) => {
    const [name, target] = v.split(":");
    return { name: name!, target: target! };
  });

describe("compose.yaml", () => {
  it("has the app and a PostgreSQL 16 database, the app starting once the database is healthy", () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["app", "db"]));
    expect(db!.image).toMatch(/^postgres:16\b/);
    expect(db!.healthcheck?.test).toEqual(["CMD-SHELL", expect.stringContaining("pg_isready")]);
    expect(app!.build).toBeDefined();
    expect(app!.depends_on?.db).toEqual({ condition: "service_healthy" });
    for (const s of [app!, db!]) expect(s.restart).toBe("unless-stopped");
  });

  it("publishes the app's port 3000 and checks its readiness", () => {
    expect(app!.ports?.some((p) => /^(\$\{PORT:-3000\}|3000):3000$/.test(p))).toBe(true);
    expect(JSON.stringify(app!.healthcheck?.test)).toContain("/health/ready");
  });

  it("points the app at the database service and keeps each service's data in a named volume", () => {
    const env = app!.environment!;
    expect(String(env.DATABASE_URL)).toMatch(/^postgres:\/\/teilhabe:.+@db:5432\/teilhabe$/);
    expect(mounts(db!)).toContainEqual({ name: "db-data", target: "/var/lib/postgresql/data" });
    expect(mounts(app!)).toContainEqual({ name: "app-data", target: String(env.DATA_DIR) });
    // The case-work key is kept apart from the database and its backups (decision 0044).
    const keyDir = path.posix.dirname(String(env.CASES_KEY_FILE));
    expect(mounts(app!).find((m) => m.target === keyDir)?.name).toBe("cases-key");
    for (const s of Object.values(compose.services))
      for (const m of mounts(s)) expect(Object.keys(compose.volumes), m.name).toContain(m.name);
  });

  it("hands the app only variables that app/kernel/config.ts knows", () => {
    const unknown = Object.keys(app!.environment!).filter((k) => !ENV_NAMES.includes(k));
    expect(unknown).toEqual([]);
    // The check can fail: the schema really lists variables.
    expect(ENV_NAMES).toEqual(expect.arrayContaining(["DATABASE_URL", "DATA_DIR", "METRICS_TOKEN", "LOG_FORMAT"]));
  });
});

describe("Dockerfile", () => {
  const text = read("Dockerfile");
  const stages = text.match(/^FROM\s+\S+/gm) ?? [];
  const last = text.slice(text.lastIndexOf("\nFROM "));

  it("builds in one stage and runs from a second, on Node 22", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s).toMatch(/node:22-/);
    expect(text).toMatch(/RUN npm ci\b/);
    expect(last).toMatch(/COPY --from=build/);
  });

  it("runs as an unprivileged user, with a health check on /health/live and the data directory as a volume", () => {
    const user = /^USER\s+(\S+)/m.exec(last)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0", "0:0"]).not.toContain(user);
    expect(last).toMatch(/^HEALTHCHECK[\s\S]*\/health\/live/m);
    const dataDir = /DATA_DIR=(\S+)/.exec(last)?.[1];
    expect(dataDir).toBe("/data");
    expect(last).toMatch(/^VOLUME \["\/data"\]/m);
    expect(last).toMatch(/^CMD \["node", "server\.js"\]/m);
  });

  it("leaves dependencies, builds and data out of the build context (.dockerignore)", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const x of ["node_modules", "build", "data", ".git"]) expect(ignored).toContain(x);
  });
});
