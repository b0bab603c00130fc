import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "~/kernel/config";
import { createKeyFile, parseKeyring } from "./keys";

describe("the master key file", () => {
  it("reads back the file the first start writes, comments with commas included", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-keys-"));
    const file = path.join(dir, "cases.key");
    createKeyFile(file);
    const ring = parseKeyring(fs.readFileSync(file, "utf8"), file);
    expect(ring.keys.size).toBe(1);
    expect(ring.keys.get(ring.current)?.length).toBe(32);
    expect(() => createKeyFile(file)).toThrow();
    fs.rmSync(dir, { recursive: true });
  });

  it("takes the last of several keys as current and refuses broken or doubled entries", () => {
    const a = Buffer.alloc(32, 1).toString("base64");
    const b = Buffer.alloc(32, 2).toString("base64");
    const ring = parseKeyring(`# alt, bis zur Rotation\nk1:${a}, k2:${b} # neu\n`, "test");
    expect(ring.current).toBe("k2");
    expect([...ring.keys.keys()]).toEqual(["k1", "k2"]);
    expect(() => parseKeyring(`k1:${a}\nk1:${b}`, "test")).toThrow(ConfigError);
    expect(() => parseKeyring("k1:kurz", "test")).toThrow(/ungültig/);
    expect(() => parseKeyring("# nur ein Kommentar", "test")).toThrow(/keinen Schlüssel/);
  });
});
