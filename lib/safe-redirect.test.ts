import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-redirect";

describe("callbackUrl", () => {
  it("keeps same-site relative paths with query and fragment", () => {
    expect(safeCallbackUrl("/articles/a-story?sort=top#comments")).toBe("/articles/a-story?sort=top#comments");
    expect(safeCallbackUrl("/account")).toBe("/account");
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "evil.example",
    "",
  ])("refuses %j", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("falls back for non-strings", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a"], "/x")).toBe("/x");
  });
});
