import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

// Every decision record says when it was taken and whether it still holds.
const dir = path.resolve(import.meta.dirname, "../../docs/decisions");

describe("docs/decisions", () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".md"));
  it("are numbered without gaps or doubles", () => {
    const numbers = files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
  it.each(files)("%s has a title, a date and a status", (f) => {
    const head = fs.readFileSync(path.join(dir, f), "utf8").split("\n").slice(0, 6).join("\n");
    expect(head).toMatch(new RegExp(`^# ${f.slice(0, 4)}\\b`));
    expect(head).toMatch(/^Date: \d{4}-\d{2}-\d{2}\b/m);
    expect(head).toMatch(/^Status: (proposed|accepted|superseded by \d{4}|deprecated)\b/m);
  });
});
