import { describe, expect, it } from "vitest";
import {
  COMMENT_MAX_LENGTH,
  containsLink,
  normaliseCommentText,
  toParagraphs,
  tokenize,
  validateCommentText,
} from "./comment-text";

describe("normaliseCommentText", () => {
  it("trims surrounding whitespace and zero-width characters", () => {
    expect(normaliseCommentText("  \u200B\uFEFF hello \u2060\u200C\u200D\n\t")).toBe("hello");
  });
  it("keeps inner whitespace and zero-width characters", () => {
    expect(normaliseCommentText("a\u200Bb  c\n\nd")).toBe("a\u200Bb  c\n\nd");
  });
  it("turns CRLF and CR into LF", () => {
    expect(normaliseCommentText("a\r\nb\rc")).toBe("a\nb\nc");
  });
});

describe("validateCommentText", () => {
  it("accepts ordinary text and returns it trimmed", () => {
    expect(validateCommentText("  Great piece.  ")).toEqual({ ok: true, text: "Great piece." });
  });
  it("refuses empty, whitespace-only and zero-width-only text", () => {
    for (const input of ["", "   ", "\n\n\t", "\u200B\u200C\u200D\u2060\uFEFF", " \u200B \n"]) {
      const result = validateCommentText(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toBe("Comment can't be empty.");
    }
  });
  it("accepts exactly 5,000 characters and refuses 5,001", () => {
    expect(validateCommentText("a".repeat(COMMENT_MAX_LENGTH)).ok).toBe(true);
    const tooLong = validateCommentText("a".repeat(COMMENT_MAX_LENGTH + 1));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.message).toMatch(/too long: 5,001 characters \(the limit is 5,000\)/);
  });
  it("measures length after trimming", () => {
    expect(validateCommentText(`   ${"a".repeat(COMMENT_MAX_LENGTH)}   \u200B`).ok).toBe(true);
  });
  it("counts an emoji as one character", () => {
    expect(validateCommentText("😀".repeat(COMMENT_MAX_LENGTH)).ok).toBe(true);
  });
  it("refuses NUL anywhere, even at the edges", () => {
    for (const input of ["a\u0000b", "\u0000hello", "hello\u0000"]) {
      const result = validateCommentText(input);
      expect(result).toEqual({ ok: false, message: "Comment contains a null character, which isn't allowed." });
    }
  });
  it("refuses control characters other than newline and tab", () => {
    for (const ch of ["\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085", "\u009F"]) {
      const result = validateCommentText(`a${ch}b`);
      expect(result.ok, JSON.stringify(ch)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/control characters/);
    }
  });
  it("allows newlines and tabs inside", () => {
    expect(validateCommentText("a\tb\nc\r\nd")).toEqual({ ok: true, text: "a\tb\nc\nd" });
  });
  it("names the field in messages", () => {
    const result = validateCommentText("", "Reply");
    expect(result).toEqual({ ok: false, message: "Reply can't be empty." });
  });
});

describe("tokenize", () => {
  it("finds http and https links", () => {
    expect(tokenize("see https://example.com/a?b=1 and http://x.org.")).toEqual([
      { type: "text", text: "see " },
      { type: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { type: "text", text: " and " },
      { type: "link", text: "http://x.org", href: "http://x.org/" },
      { type: "text", text: "." },
    ]);
  });
  it("leaves javascript: and data: URLs as text", () => {
    expect(tokenize("javascript:alert(1) data:text/html,<b>x</b>")).toEqual([
      { type: "text", text: "javascript:alert(1) data:text/html,<b>x</b>" },
    ]);
  });
  it("does not swallow HTML around a URL", () => {
    const tokens = tokenize('<a href="https://evil.example/">x</a>');
    expect(tokens).toContainEqual({ type: "link", text: "https://evil.example/", href: "https://evil.example/" });
    expect(tokens.map((t) => t.text).join("")).toBe('<a href="https://evil.example/">x</a>');
  });
  it("keeps balanced brackets and drops an unbalanced closing one", () => {
    expect(tokenize("(https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      { type: "text", text: "(" },
      {
        type: "link",
        text: "https://en.wikipedia.org/wiki/Foo_(bar)",
        href: "https://en.wikipedia.org/wiki/Foo_(bar)",
      },
      { type: "text", text: ")" },
    ]);
  });
  it("ignores a bare scheme with no host", () => {
    expect(tokenize("https:// nothing")).toEqual([{ type: "text", text: "https:// nothing" }]);
  });
  it("is case-insensitive on the scheme", () => {
    expect(tokenize("HTTPS://EXAMPLE.COM")[0]).toMatchObject({ type: "link", href: "https://example.com/" });
  });
  it("returns the whole text as one token when there is no link", () => {
    expect(tokenize("plain")).toEqual([{ type: "text", text: "plain" }]);
  });
});

describe("toParagraphs", () => {
  it("splits on blank lines and keeps single newlines", () => {
    expect(toParagraphs("one\ntwo\n\nthree\n \n\n four")).toEqual([
      [{ type: "text", text: "one\ntwo" }],
      [{ type: "text", text: "three" }],
      [{ type: "text", text: " four" }],
    ]);
  });
  it("returns no paragraphs for empty text", () => {
    expect(toParagraphs("")).toEqual([]);
  });
});

describe("containsLink", () => {
  it("is true only for http(s) links", () => {
    expect(containsLink("go to https://example.com")).toBe(true);
    expect(containsLink("go to example.com")).toBe(false);
    expect(containsLink("javascript:alert(1)")).toBe(false);
  });
});

describe("bidi controls in comment text (issue 12, finding 9)", () => {
  it("removes embedding, override and isolate characters on write, wherever they are", () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) =>
      String.fromCodePoint(c),
    );
    expect(validateCommentText(`Total: ${bidi.join("")}100 ${bidi[4]}evil${bidi[2]} ok`)).toEqual({
      ok: true,
      text: "Total: 100 evil ok",
    });
    expect(validateCommentText(`\u2067\u2066 Fine words \u2069`)).toEqual({ ok: true, text: "Fine words" });
  });

  it("treats text made of bidi controls only as empty", () => {
    expect(validateCommentText("\u202e\u2066 \u2069")).toEqual({ ok: false, message: "Comment can't be empty." });
  });

  it("keeps the marks that RTL text needs (LRM, RLM) and right-to-left letters", () => {
    const text = "שלום \u200fworld\u200e مرحبا";
    expect(validateCommentText(text)).toEqual({ ok: true, text });
  });
});
