/**
 * Comment text rules: what a reader may post and how it is shown.
 * Comments are plain text. Rendering splits them into paragraphs and
 * text/link tokens; a React component turns those into elements, so nothing a
 * reader wrote is ever interpreted as HTML.
 */

export const COMMENT_MAX_LENGTH = 5000;

// Zero-width space, non-joiner, joiner, word joiner, BOM.
const EDGE_CHARS = "\\s\\u200B-\\u200D\\u2060\\uFEFF";
const EDGE_RE = new RegExp(`^[${EDGE_CHARS}]+|[${EDGE_CHARS}]+$`, "gu");

/** Trims surrounding whitespace and zero-width characters; unifies line endings. */
export function normaliseCommentText(input: string): string {
  return input.replace(/\r\n?/g, "\n").replace(EDGE_RE, "");
}

/**
 * Bidi embedding, override and isolate characters (U+202A–U+202E,
 * U+2066–U+2069) reorder the text after them, so a comment could show other
 * words than it holds, or turn the text around it. Removed on write; the
 * marks right-to-left writing needs (LRM, RLM) stay.
 */
const BIDI_CONTROLS_RE = /[\u202A-\u202E\u2066-\u2069]/gu;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS_RE, "");
}

export type CommentTextResult = { ok: true; text: string } | { ok: false; message: string };

// C0 controls except tab (\x09) and newline (\x0A), DEL, and C1 controls.
const CONTROL_RE = /[\u0001-\u0008\u000B-\u001F\u007F-\u009F]/u;

/** Counts user-perceived characters roughly: code points, so an emoji counts once. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Normalises (bidi controls removed, edges trimmed) then validates. The
 * messages are shown to the reader as they are.
 * `label` names the field in messages ("Comment", "Reply").
 */
export function validateCommentText(input: string, label = "Comment"): CommentTextResult {
  if (input.includes("\u0000")) {
    return { ok: false, message: `${label} contains a null character, which isn't allowed.` };
  }
  const text = normaliseCommentText(stripBidiControls(input));
  if (CONTROL_RE.test(text)) {
    return {
      ok: false,
      message: `${label} contains control characters, which aren't allowed (only line breaks and tabs are).`,
    };
  }
  if (text.length === 0) {
    return { ok: false, message: `${label} can't be empty.` };
  }
  const length = textLength(text);
  if (length > COMMENT_MAX_LENGTH) {
    return {
      ok: false,
      message: `${label} is too long: ${length.toLocaleString("en-US")} characters (the limit is ${COMMENT_MAX_LENGTH.toLocaleString("en-US")}).`,
    };
  }
  return { ok: true, text };
}

export type TextToken = { type: "text"; text: string } | { type: "link"; text: string; href: string };
export type Paragraph = TextToken[];

// http(s) URLs only; other schemes (javascript:, data:) are left as text.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING_RE = /[.,;:!?'"*_]+$/u;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING_RE, "");
  // Keep a closing bracket only when the URL opened one (Wikipedia-style links).
  for (const [open, close] of [
    ["(", ")"],
    ["[", "]"],
  ] as const) {
    while (url.endsWith(close) && count(url, open) < count(url, close)) {
      url = url.slice(0, -1).replace(TRAILING_RE, "");
    }
  }
  return url;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    if (!parsed.hostname) return null;
    return parsed.href;
  } catch {
    return null;
  }
}

/** Splits one paragraph's text into plain text and link tokens. */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href || url.length === 0) continue;
    if (start > last) tokens.push({ type: "text", text: text.slice(last, start) });
    tokens.push({ type: "link", text: url, href });
    last = start + url.length;
  }
  if (last < text.length) tokens.push({ type: "text", text: text.slice(last) });
  return tokens;
}

/** Paragraphs come from blank lines; single newlines stay inside a paragraph. */
export function toParagraphs(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim().length > 0)
    .map(tokenize);
}

/** True when the text holds at least one http(s) link (used by the initial-status rules). */
export function containsLink(text: string): boolean {
  return toParagraphs(text).some((p) => p.some((t) => t.type === "link"));
}
