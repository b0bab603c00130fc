import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config, resetConfig, sharedData } from "./config";

const saved = process.env.SHARED_DATA_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.SHARED_DATA_DIR;
  else process.env.SHARED_DATA_DIR = saved;
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
