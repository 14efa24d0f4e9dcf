import { describe, expect, it } from "vitest";
import { parsePageNumber, sectionHref, sectionSlug, slugify } from "./slug";

describe("slugify", () => {
  it("makes lower-case hyphenated ASCII", () => {
    expect(slugify("Science & Health")).toBe("science-and-health");
    expect(slugify("  Café Culture!  ")).toBe("cafe-culture");
    expect(slugify("Politics")).toBe("politics");
  });
});

describe("sections", () => {
  it("makes a section's slug from its name", () => {
    expect(sectionSlug("Arts & Books")).toBe("arts-and-books");
  });

  it("links to the section front", () => {
    expect(sectionHref("Sport")).toBe("/sections/sport");
  });
});

describe("parsePageNumber", () => {
  it("accepts positive integers only", () => {
    expect(parsePageNumber("3")).toBe(3);
    expect(parsePageNumber(["2", "5"])).toBe(2);
    for (const bad of [undefined, null, "", "0", "-1", "01", "1.5", "abc", "9999999"]) {
      expect(parsePageNumber(bad)).toBe(1);
    }
  });
});
