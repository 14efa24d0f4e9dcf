import { describe, expect, it } from "vitest";
import { canDeleteSection, SectionNameSchema, sectionNameClash, swapPartner } from "./sections";

const list = [
  { id: 1, name: "Politics", slug: "politics", position: 1 },
  { id: 2, name: "Business", slug: "business", position: 2 },
  { id: 3, name: "Arts & Books", slug: "arts-and-books", position: 5 },
];

describe("section names", () => {
  it("trims and collapses whitespace", () => {
    expect(SectionNameSchema.parse("  Arts   and  Books ")).toBe("Arts and Books");
  });

  it("refuses empty, over-long and slug-less names", () => {
    expect(SectionNameSchema.safeParse("   ").success).toBe(false);
    expect(SectionNameSchema.safeParse("x".repeat(41)).success).toBe(false);
    expect(SectionNameSchema.safeParse("!!!").success).toBe(false);
  });

  it("clashes on the same name in any case, or the same address", () => {
    expect(sectionNameClash("politics", list)).toMatch(/Politics/);
    expect(sectionNameClash("Arts and Books", list)).toMatch(/Arts & Books/);
    expect(sectionNameClash("Weather", list)).toBeNull();
    // Renaming a section to its own name in another case is no clash with itself.
    expect(sectionNameClash("POLITICS", list, 1)).toBeNull();
  });
});

describe("moving sections", () => {
  it("swaps with the neighbour by position, and stops at the ends", () => {
    expect(swapPartner(list, 2, "up")).toBe(1);
    expect(swapPartner(list, 2, "down")).toBe(3);
    expect(swapPartner(list, 1, "up")).toBeNull();
    expect(swapPartner(list, 3, "down")).toBeNull();
    expect(swapPartner(list, 99, "up")).toBeNull();
  });
});

describe("deleting sections", () => {
  it("only an empty section may be deleted; one with stories is hidden instead", () => {
    expect(canDeleteSection(0)).toBe(true);
    expect(canDeleteSection(1)).toBe(false);
  });
});
