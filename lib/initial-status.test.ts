import { describe, expect, it } from "vitest";
import {
  DEFAULT_MODERATION_SETTINGS,
  decideInitialStatus,
  findListedWord,
  normaliseWordList,
  type InitialStatusInput,
  type ModerationSettings,
} from "./initial-status";

const settings = (over: Partial<ModerationSettings> = {}): ModerationSettings => ({
  ...DEFAULT_MODERATION_SETTINGS,
  ...over,
});
const input = (over: Partial<InitialStatusInput> = {}): InitialStatusInput => ({
  text: "A thoughtful remark.",
  author: { role: "reader", approvedCount: 5 },
  articlePremod: null,
  settings: settings(),
  ...over,
});

describe("decideInitialStatus on a fresh install", () => {
  it("publishes a first comment without links at once", () => {
    expect(decideInitialStatus(input({ author: { role: "reader", approvedCount: 0 } }))).toEqual({
      status: "approved",
      reason: null,
    });
  });
  it("holds an http(s) link from a reader with no approved comment", () => {
    expect(
      decideInitialStatus(input({ text: "see https://example.com", author: { role: "reader", approvedCount: 0 } })),
    ).toEqual({ status: "pending", reason: "link from a new reader" });
  });
  it("publishes links from readers with an approved comment", () => {
    expect(decideInitialStatus(input({ text: "see https://example.com" }))).toMatchObject({ status: "approved" });
  });
  it("does not treat javascript: or bare domains as links", () => {
    const author = { role: "reader" as const, approvedCount: 0 };
    expect(decideInitialStatus(input({ text: "javascript:alert(1)", author }))).toMatchObject({ status: "approved" });
    expect(decideInitialStatus(input({ text: "example.com", author }))).toMatchObject({ status: "approved" });
  });
});

describe("decideInitialStatus with word lists", () => {
  it("refuses a banned word with a message naming it", () => {
    expect(
      decideInitialStatus(input({ text: "You are a Dolt.", settings: settings({ bannedWords: ["dolt"] }) })),
    ).toEqual({
      status: "refused",
      message: "Your comment contains a word that isn't allowed: dolt",
    });
  });
  it("holds a suspect word with the reason", () => {
    expect(
      decideInitialStatus(input({ text: "Buy CRYPTO now", settings: settings({ suspectWords: ["crypto"] }) })),
    ).toEqual({
      status: "pending",
      reason: "suspect word: crypto",
    });
  });
  it("prefers refusing over holding", () => {
    const s = settings({ bannedWords: ["bad"], suspectWords: ["odd"] });
    expect(decideInitialStatus(input({ text: "odd and bad", settings: s }))).toMatchObject({ status: "refused" });
  });
  it("always publishes staff comments", () => {
    const s = settings({ premoderation: "all", bannedWords: ["bad"], suspectWords: ["odd"] });
    for (const role of ["moderator", "admin"] as const) {
      expect(
        decideInitialStatus(input({ text: "bad odd https://x.org", author: { role, approvedCount: 0 }, settings: s })),
      ).toEqual({ status: "approved", reason: null });
    }
  });
});

describe("decideInitialStatus with pre-moderation", () => {
  it("holds everything from readers when set to everyone", () => {
    expect(decideInitialStatus(input({ settings: settings({ premoderation: "all" }) }))).toEqual({
      status: "pending",
      reason: "pre-moderation: everyone",
    });
  });
  it("holds readers with fewer approved comments than the threshold when set to new readers", () => {
    const s = settings({ premoderation: "new", premodNewThreshold: 3 });
    expect(decideInitialStatus(input({ author: { role: "reader", approvedCount: 2 }, settings: s }))).toEqual({
      status: "pending",
      reason: "pre-moderation: new reader",
    });
    expect(decideInitialStatus(input({ author: { role: "reader", approvedCount: 3 }, settings: s }))).toMatchObject({
      status: "approved",
    });
  });
  it("lets the article override the site in both directions", () => {
    expect(decideInitialStatus(input({ articlePremod: "all" }))).toMatchObject({ status: "pending" });
    expect(
      decideInitialStatus(input({ articlePremod: "off", settings: settings({ premoderation: "all" }) })),
    ).toMatchObject({ status: "approved" });
  });
});

describe("findListedWord", () => {
  it("matches whole words only, case-insensitively", () => {
    expect(findListedWord("A classic class", ["ass"])).toBeNull();
    expect(findListedWord("what an ASS!", ["ass"])).toBe("ass");
    expect(findListedWord("spam-bot", ["spam"])).toBe("spam");
    expect(findListedWord("spam_bot", ["spam"])).toBeNull();
    expect(findListedWord("spam2", ["spam"])).toBeNull();
  });
  it("is Unicode-aware", () => {
    expect(findListedWord("Das ist ÜBER alles", ["über"])).toBe("über");
    expect(findListedWord("Überall", ["über"])).toBeNull();
    expect(findListedWord("Это дурак.", ["дурак"])).toBe("дурак");
    expect(findListedWord("дураки", ["дурак"])).toBeNull();
    expect(findListedWord("café", ["caf"])).toBeNull();
  });
  it("sees through zero-width characters and compatibility forms", () => {
    expect(findListedWord("s\u200Bp\u200Ca\u200Dm", ["spam"])).toBe("spam");
    expect(findListedWord("ｓｐａｍ", ["spam"])).toBe("spam");
  });
  it("matches phrases across any whitespace", () => {
    expect(findListedWord("buy   now\nplease", ["buy now"])).toBe("buy now");
  });
  it("treats regex characters literally", () => {
    expect(findListedWord("a.b", ["a.b"])).toBe("a.b");
    expect(findListedWord("axb", ["a.b"])).toBeNull();
    expect(findListedWord("(x)", ["(x"])).toBe("(x");
  });
  it("returns null for empty lists and blank entries", () => {
    expect(findListedWord("anything", [])).toBeNull();
    expect(findListedWord("anything", ["", "  "])).toBeNull();
  });
});

describe("normaliseWordList", () => {
  it("trims, drops blanks and case-insensitive duplicates", () => {
    expect(normaliseWordList([" Spam ", "spam", "", "buy  now"])).toEqual(["Spam", "buy now"]);
  });
});
