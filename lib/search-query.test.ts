import { describe, expect, it } from "vitest";
import {
  canonicalQueryText,
  displayRawQuery,
  MAX_QUERY_CHARS,
  MAX_TERMS,
  parseSearchQuery,
  toMatchExpression,
} from "./search-query";

const match = (raw: string, options?: { prefixAll?: boolean }) => toMatchExpression(parseSearchQuery(raw, options));
const canonical = (raw: string) => canonicalQueryText(parseSearchQuery(raw));

describe("parseSearchQuery / toMatchExpression: what readers type", () => {
  it("quotes every word and requires all of them", () => {
    expect(match("troop")).toBe('"troop"');
    expect(match("  National   Guard ")).toBe('"National" "Guard"');
    expect(canonical("  National   Guard ")).toBe("National Guard");
  });

  it("keeps a quoted phrase, and a trailing * as a prefix", () => {
    expect(match('"national guard" troops')).toBe('"national guard" "troops"');
    expect(match("guard*")).toBe('"guard"*');
    expect(canonical('guard* "national guard"')).toBe('guard* "national guard"');
  });

  it("reads a one-word phrase as a word and drops empty ones", () => {
    expect(match('"guard"')).toBe('"guard"');
    expect(match('"" troops ""')).toBe('"troops"');
  });

  it("searches a one-letter prefix as a whole word", () => {
    expect(match("a*")).toBe('"a"');
    expect(match("ab*")).toBe('"ab"*');
  });

  it("drops repeats, whatever their case", () => {
    expect(match("guard Guard GUARD")).toBe('"guard"');
    expect(match("guard guard*")).toBe('"guard" "guard"*');
  });

  it("keeps letters of every script and folds compatibility forms", () => {
    expect(match("Café Zürich")).toBe('"Café" "Zürich"');
    expect(match("Ｇｕａｒｄ")).toBe('"Guard"'); // full-width letters
    expect(match("Москва 東京")).toBe('"Москва" "東京"');
    expect(match("20,000")).toBe('"20" "000"');
  });

  it("turns nothing searchable into null", () => {
    for (const raw of ["", "   ", '"', '""', "*", "()", "-+^:", "\u200b\u202e", "🙂🙂"]) {
      expect(match(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it("makes every word a prefix for staff look-ups of names and emails", () => {
    expect(match("harr quill", { prefixAll: true })).toBe('"harr"* "quill"*');
    expect(match("reader-ab12@example.test", { prefixAll: true })).toBe('"reader"* "ab12"* "example"* "test"*');
  });
});

describe("hostile input is search text, never FTS5 syntax", () => {
  const cases: [string, string | null][] = [
    ['"national guard', '"national" "guard"'], // unbalanced quote: the quote is ignored
    ['national guard"', '"national" "guard"'],
    ['"a b" "c', '"a b" "c"'],
    ["NEAR(", '"NEAR"'],
    ["NEAR(troops guard, 2)", '"NEAR" "troops" "guard" "2"'],
    ["troops OR guard", '"troops" "OR" "guard"'],
    ["NOT troops", '"NOT" "troops"'],
    ["troops AND", '"troops" "AND"'],
    ["title:guard", '"title" "guard"'],
    ["{title dek}: guard", '"title" "dek" "guard"'],
    ["^guard", '"guard"'],
    ["guard + troops", '"guard" "troops"'],
    ["(((guard", '"guard"'],
    ["guard)))", '"guard"'],
    ["*guard", '"guard"'],
    ["gu**ard", '"gu"* "ard"'],
    ["'; drop table articles; --", '"drop" "table" "articles"'],
    ['"\\"guard\\""', '"guard"'],
    ["<script>alert(1)</script>", '"script" "alert" "1"'],
    ["guard\u0000troops", '"guard" "troops"'],
    ["\u202eguard", '"guard"'],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${expected}`, () => {
      expect(match(raw)).toBe(expected);
    });
  }

  it("never emits a quote inside a word, whatever the input", () => {
    const alphabet = [
      '"',
      "*",
      "(",
      ")",
      ":",
      "^",
      "+",
      "-",
      " ",
      "a",
      "B",
      "é",
      "N",
      "E",
      "A",
      "R",
      "{",
      "}",
      "\\",
      "'",
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const raw = Array.from(
        { length: 1 + Math.floor(rand() * 30) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join("");
      const expression = match(raw);
      if (expression === null) continue;
      // Only quoted words and phrases separated by spaces, each optionally followed by one *.
      expect(expression, raw).toMatch(/^"[^"]+"\*?( "[^"]+"\*?)*$/);
    }
  });

  it("caps the length and the number of terms, and says so", () => {
    const long = parseSearchQuery("guard ".repeat(100) + "x".repeat(300));
    expect(long.truncated).toBe(true);
    const many = parseSearchQuery(Array.from({ length: 20 }, (_, i) => `word${i}`).join(" "));
    expect(many.terms).toHaveLength(MAX_TERMS);
    expect(many.truncated).toBe(true);
    expect(parseSearchQuery("a ".repeat(MAX_QUERY_CHARS / 2)).truncated).toBe(false);
    expect(canonical("z".repeat(100))).toHaveLength(40);
  });

  it("gives a canonical text that reads back as itself", () => {
    for (const raw of [
      '"national guard',
      "NEAR(troops",
      "Guard* troops  guard*",
      '"a b c" d*',
      "Café ＣＡＦＥ",
      "x".repeat(90),
    ]) {
      const once = canonical(raw);
      expect(canonical(once), raw).toBe(once);
    }
  });
});

describe("displayRawQuery", () => {
  it("tidies and caps what was typed, for a page that shows it back", () => {
    expect(displayRawQuery('  "(  \n ')).toBe('"(');
    expect(displayRawQuery("x".repeat(300))).toHaveLength(MAX_QUERY_CHARS + 1);
  });
});
