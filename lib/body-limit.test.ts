import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, exceedsBodyLimit } from "./body-limit";

describe("exceedsBodyLimit", () => {
  it("allows bodies up to 1 MB", () => {
    expect(exceedsBodyLimit("0")).toBe(false);
    expect(exceedsBodyLimit(String(BODY_LIMIT_BYTES))).toBe(false);
  });

  it("refuses one byte more, and 2 MB", () => {
    expect(exceedsBodyLimit(String(BODY_LIMIT_BYTES + 1))).toBe(true);
    expect(exceedsBodyLimit(String(2 * 1024 * 1024))).toBe(true);
  });

  it("leaves absent or malformed lengths to Next's own limit", () => {
    expect(exceedsBodyLimit(null)).toBe(false);
    expect(exceedsBodyLimit("")).toBe(false);
    expect(exceedsBodyLimit("12abc")).toBe(false);
  });
});
