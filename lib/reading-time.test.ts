import { describe, expect, it } from "vitest";
import { countWords, readingMinutes, readingTimeLabel, WORDS_PER_MINUTE } from "./reading-time";

describe("reading time", () => {
  it("counts words, ignoring markdown syntax and link targets", () => {
    expect(countWords("## A heading\n\nSome *emphasised* [linked text](https://example.com/a-b-c) here.")).toBe(7);
    expect(countWords("the administration’s 20,000 troops")).toBe(4);
    expect(countWords("")).toBe(0);
  });

  it("is at least one minute", () => {
    expect(readingMinutes("Short.")).toBe(1);
    expect(readingTimeLabel("")).toBe("1 min read");
  });

  it("rounds to the nearest minute at the house reading speed", () => {
    const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
    expect(readingMinutes(words(WORDS_PER_MINUTE * 3))).toBe(3);
    expect(readingMinutes(words(Math.round(WORDS_PER_MINUTE * 4.6)))).toBe(5);
    expect(readingTimeLabel(words(WORDS_PER_MINUTE * 2))).toBe("2 min read");
  });
});
