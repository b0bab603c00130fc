import { describe, expect, it } from "vitest";
import { isWebUrl, safeWebUrl, webUrl } from "./urls";

describe("web addresses", () => {
  it("accepts http and https addresses with a host", () => {
    for (const u of ["https://www.koeln.de", "http://example.org/a?b=c#d", "HTTPS://A.DE/x", "https://localhost:3000/"])
      expect(isWebUrl(u), u).toBe(true);
  });

  it("refuses other schemes, hostless and disguised addresses", () => {
    for (const u of [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "java\tscript:alert(1)",
      "ftp://example.org",
      "mailto:a@example.org",
      "https:/example.org",
      "https://",
      "//example.org",
      "www.example.org",
      "https://exa mple.org",
      "https://example.org/\u0000",
    ])
      expect(isWebUrl(u), JSON.stringify(u)).toBe(false);
  });

  it("reports a refused address with the kernel's url message key", () => {
    const r = webUrl().safeParse("javascript:alert(1)");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("validation.url");
    expect(webUrl().parse("  https://example.org  ")).toBe("https://example.org");
  });

  it("drops a stored non-web address on output", () => {
    expect(safeWebUrl("javascript:alert(1)")).toBeNull();
    expect(safeWebUrl("data:text/html,x")).toBeNull();
    expect(safeWebUrl(null)).toBeNull();
    expect(safeWebUrl("https://example.org")).toBe("https://example.org");
  });
});
