import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config, ConfigError, resetConfig, sharedData } from "./config";

const VARS = ["SHARED_DATA_DIR", "DATABASE_URL", "DATABASE_READ_URL"] as const;
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
