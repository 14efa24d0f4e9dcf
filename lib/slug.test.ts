import { describe, expect, it } from "vitest";
import { parsePageNumber, sectionFromSlug, sectionHref, sectionSlug, SECTIONS, slugify } from "./slug";

describe("slugify", () => {
  it("makes lower-case hyphenated ASCII", () => {
    expect(slugify("Science & Health")).toBe("science-and-health");
    expect(slugify("  Café Culture!  ")).toBe("cafe-culture");
    expect(slugify("Politics")).toBe("politics");
  });
});

describe("sections", () => {
  it("round-trips every section through its slug", () => {
    for (const section of SECTIONS) expect(sectionFromSlug(sectionSlug(section))).toBe(section);
  });

  it("knows no section for an unknown or differently cased slug", () => {
    expect(sectionFromSlug("weather")).toBeNull();
    expect(sectionFromSlug("Politics")).toBeNull();
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
