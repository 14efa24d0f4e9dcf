import { describe, expect, it } from "vitest";
import { hasMarks, MARK_END, MARK_START, splitMarked, stripMarkdown } from "./search-snippet";

const m = (text: string) => `${MARK_START}${text}${MARK_END}`;

describe("splitMarked", () => {
  it("splits marked text into plain and marked runs", () => {
    expect(splitMarked(`the ${m("Guard")} was ${m("asked")}`)).toEqual([
      { text: "the ", marked: false },
      { text: "Guard", marked: true },
      { text: " was ", marked: false },
      { text: "asked", marked: true },
    ]);
  });

  it("keeps markup-looking text as text", () => {
    const runs = splitMarked(`<img src=x onerror=alert(1)> ${m("<b>")}`);
    expect(runs.map((r) => r.text).join("")).toBe("<img src=x onerror=alert(1)> <b>");
  });

  it("never lets a stray or unbalanced marker, or another control character, through", () => {
    const runs = splitMarked(`a${MARK_END}b${MARK_START}c\u0001d\u0000e\n\nf`);
    const text = runs.map((r) => r.text).join("");
    expect(text).toBe("abcde f");
    expect(text).not.toMatch(/[\u0000-\u0008]/);
    expect(runs.at(-1)).toEqual({ text: "cde f", marked: true });
  });

  it("says whether anything is marked", () => {
    expect(hasMarks(splitMarked(`a ${m("b")}`))).toBe(true);
    expect(hasMarks(splitMarked("a b"))).toBe(false);
    expect(hasMarks(splitMarked(`a ${m(" ")}`))).toBe(false);
  });
});

describe("stripMarkdown", () => {
  it("drops link targets and emphasis, keeps the words", () => {
    const runs = stripMarkdown(splitMarked(`**Bold** and [the ${m("report")}](https://example.com/x) _here_`));
    expect(runs.map((r) => r.text).join("")).toBe("Bold and the report _here_");
    expect(runs.find((r) => r.marked)?.text).toBe("report");
  });
});
