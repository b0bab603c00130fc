import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config, ConfigError, resetConfig, sharedData } from "./config";

const VARS = [
  "SHARED_DATA_DIR",
  "DATABASE_URL",
  "DATABASE_READ_URL",
  "METRICS_TOKEN",
  "LOG_FORMAT",
  "SHUTDOWN_TIMEOUT_SECONDS",
  "GEOCODER_URL",
  "GEOCODER_KIND",
  "GEOCODER_SECONDS",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetConfig();
});

describe("shared reference data", () => {
  it("defaults to ../shared/data beside the checkout", () => {
    delete process.env.SHARED_DATA_DIR;
    resetConfig();
    expect(config().sharedDataDir).toBe(path.resolve(process.cwd(), "../shared/data"));
  });

  it("finds a data set in SHARED_DATA_DIR, and reports none where it is absent", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-data-"));
    try {
      fs.mkdirSync(path.join(dir, "koeln"));
      process.env.SHARED_DATA_DIR = dir;
      resetConfig();
      expect(sharedData("koeln")).toBe(path.join(dir, "koeln"));
      expect(sharedData("gibtsnicht")).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("read replica (decision 0021)", () => {
  it("refuses DATABASE_READ_URL without DATABASE_URL, in German", () => {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_READ_URL = "postgres://teilhabe@replik.example/teilhabe";
    resetConfig();
    expect(() => config()).toThrow(ConfigError);
    expect(() => config()).toThrow(/^DATABASE_READ_URL gilt nur mit DATABASE_URL/);
  });

  it("takes it with DATABASE_URL, and is absent unless set", () => {
    process.env.DATABASE_URL = "postgres://teilhabe@primaer.example/teilhabe";
    process.env.DATABASE_READ_URL = "postgres://teilhabe@replik.example/teilhabe";
    resetConfig();
    expect(config().databaseReadUrl).toBe("postgres://teilhabe@replik.example/teilhabe");
    process.env.DATABASE_READ_URL = "";
    resetConfig();
    expect(config().databaseReadUrl).toBeUndefined();
  });
});

describe("operations (decision 0046)", () => {
  it("defaults to readable logs, 20 s to drain and no metrics", () => {
    for (const k of ["METRICS_TOKEN", "LOG_FORMAT", "SHUTDOWN_TIMEOUT_SECONDS"]) delete process.env[k];
    resetConfig();
    expect(config()).toMatchObject({ logFormat: "text", shutdownTimeoutMs: 20_000, metricsToken: undefined });
  });

  it("takes JSON logs, a drain bound and a metrics token", () => {
    process.env.LOG_FORMAT = "json";
    process.env.SHUTDOWN_TIMEOUT_SECONDS = "45";
    process.env.METRICS_TOKEN = "0123456789abcdef0123";
    resetConfig();
    expect(config()).toMatchObject({
      logFormat: "json",
      shutdownTimeoutMs: 45_000,
      metricsToken: "0123456789abcdef0123",
    });
  });

  it("refuses what cannot work, saying so in German", () => {
    for (const [k, v, msg] of [
      ["LOG_FORMAT", "xml", "LOG_FORMAT: erlaubt sind text oder json"],
      ["SHUTDOWN_TIMEOUT_SECONDS", "0", "SHUTDOWN_TIMEOUT_SECONDS: eine Zahl von Sekunden größer als 0"],
      ["METRICS_TOKEN", "kurz", "METRICS_TOKEN: mindestens 16 Zeichen"],
    ] as const) {
      process.env[k] = v;
      resetConfig();
      expect(() => config()).toThrow(msg);
      delete process.env[k];
    }
  });
});

describe("external geocoder (decision 0053)", () => {
  it("is off unless GEOCODER_URL is set", () => {
    for (const k of ["GEOCODER_URL", "GEOCODER_KIND", "GEOCODER_SECONDS"]) delete process.env[k];
    resetConfig();
    expect(config().geocoder).toBeNull();
  });

  it("reads the kind from the endpoint's path, or from GEOCODER_KIND, with a 5 s limit by default", () => {
    delete process.env.GEOCODER_SECONDS;
    for (const [url, kind] of [
      ["http://10.0.0.7:8080/search", "nominatim"],
      ["https://geo.stadt.example/nominatim/search.php", "nominatim"],
      ["http://photon:2322/api/", "photon"],
    ] as const) {
      process.env.GEOCODER_URL = url;
      resetConfig();
      expect(config().geocoder).toEqual({ url, kind, timeoutMs: 5000 });
    }
    process.env.GEOCODER_URL = "http://geocoder.intern/suche";
    process.env.GEOCODER_KIND = "photon";
    process.env.GEOCODER_SECONDS = "2.5";
    resetConfig();
    expect(config().geocoder).toEqual({ url: "http://geocoder.intern/suche", kind: "photon", timeoutMs: 2500 });
  });

  it("refuses what cannot work, saying so in German", () => {
    delete process.env.GEOCODER_KIND;
    process.env.GEOCODER_URL = "http://geocoder.intern/suche";
    resetConfig();
    expect(() => config()).toThrow(ConfigError);
    expect(() => config()).toThrow(/Bitte GEOCODER_KIND=nominatim oder GEOCODER_KIND=photon setzen/);
    process.env.GEOCODER_URL = "ftp://geocoder.intern/search";
    resetConfig();
    expect(() => config()).toThrow("GEOCODER_URL: nur http- oder https-Adressen");
    process.env.GEOCODER_URL = "http://geocoder.intern/search";
    process.env.GEOCODER_KIND = "google";
    resetConfig();
    expect(() => config()).toThrow("GEOCODER_KIND: erlaubt sind nominatim oder photon");
    delete process.env.GEOCODER_URL;
    process.env.GEOCODER_KIND = "photon";
    resetConfig();
    expect(() => config()).toThrow(/^GEOCODER_KIND gilt nur mit GEOCODER_URL/);
  });
});
