import { describe, expect, it } from "vitest";
import { Report } from "./report";

describe("reliability Report", () => {
  it("fails an item that ran no checks, and passes one whose checks all held", () => {
    const empty = new Report("nothing checked");
    expect(empty.ok).toBe(false);
    expect(empty.problems).toEqual(["the item ran no checks"]);

    const checked = new Report("checked");
    checked.check(true, "unused");
    expect(checked.ok).toBe(true);
    checked.check(false, "a real failure");
    expect(checked.ok).toBe(false);
    expect(checked.problems).toEqual(["a real failure"]);
  });
});
