/**
 * What a reader types into a search box, turned into FTS5 syntax that cannot
 * fail. Everything typed is search text: FTS5 operators (`OR`, `NOT`, `NEAR(`,
 * `col:`, `^`, `+`, parentheses) are only words or separators here. The parts
 * kept are the ones readers expect from a search box:
 *  - words, each matched by stem (the index's tokenizer: porter over unicode61);
 *  - a phrase in double quotes, when its closing quote is there (an unbalanced
 *    quote is ignored);
 *  - a trailing `*` on a word for a prefix (`guard*`).
 *
 * Every word is emitted inside double quotes, and a word is only ever letters,
 * digits and marks (what the tokenizer keeps), so no input can produce a
 * malformed MATCH expression. The same parse gives the canonical text shown
 * back to the reader and used as the cache key (lib/search-view.ts).
 */

/** Longest query read; the rest is left out (and the reader told). */
export const MAX_QUERY_CHARS = 200;
/** Words and phrases searched at most; the rest are left out. */
export const MAX_TERMS = 8;
/** Words inside one phrase at most. */
export const MAX_PHRASE_WORDS = 8;
/** A longer "word" is cut: no real word is this long, and it keeps the cache key short. */
export const MAX_WORD_CHARS = 40;
/** A prefix shorter than this is searched as a whole word (`a*` would read half the index). */
export const MIN_PREFIX_CHARS = 2;

export type SearchTerm = { kind: "word"; text: string; prefix: boolean } | { kind: "phrase"; words: string[] };

export type ParsedQuery = {
  terms: SearchTerm[];
  /** Something typed was left out: too long, or too many words. */
  truncated: boolean;
};

// What unicode61 keeps inside a token: letters, numbers, private-use characters
// (and combining marks, which it folds away). Everything else separates words.
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const HAS_BASE = /[\p{L}\p{N}\p{Co}]/u;
// Characters nobody types on purpose: C0/C1 controls, bidi and zero-width controls.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function words(text: string): string[] {
  return (text.match(WORD) ?? []).filter((w) => HAS_BASE.test(w)).map((w) => [...w].slice(0, MAX_WORD_CHARS).join(""));
}

/**
 * Reads a typed query. `prefixAll` makes every word a prefix (staff look-ups
 * of names and emails, where "harr" should find "Harriet").
 */
export function parseSearchQuery(raw: string, options: { prefixAll?: boolean } = {}): ParsedQuery {
  const normalised = raw.normalize("NFKC").replace(INVISIBLE, " ");
  const chars = [...normalised];
  let truncated = chars.length > MAX_QUERY_CHARS;
  const text = truncated ? chars.slice(0, MAX_QUERY_CHARS).join("") : normalised;

  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (term: SearchTerm) => {
    const key =
      term.kind === "word"
        ? `w:${term.text.toLowerCase()}${term.prefix ? "*" : ""}`
        : `p:${term.words.join(" ").toLowerCase()}`;
    if (seen.has(key)) return;
    if (terms.length >= MAX_TERMS) {
      truncated = true;
      return;
    }
    seen.add(key);
    terms.push(term);
  };
  const addWords = (segment: string) => {
    // A word followed at once by `*` is a prefix.
    for (const match of segment.matchAll(/([\p{L}\p{N}\p{M}\p{Co}]+)(\*?)/gu)) {
      const [word] = words(match[1]!);
      if (!word) continue;
      const prefix = options.prefixAll || (match[2] === "*" && [...word].length >= MIN_PREFIX_CHARS);
      add({ kind: "word", text: word, prefix });
    }
  };

  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf('"');
    const close = open === -1 ? -1 : rest.indexOf('"', open + 1);
    if (open === -1 || close === -1) {
      // No quote, or one with no partner: the quote is just a separator.
      addWords(rest);
      break;
    }
    addWords(rest.slice(0, open));
    const inner = words(rest.slice(open + 1, close));
    if (inner.length > MAX_PHRASE_WORDS) truncated = true;
    const phrase = inner.slice(0, MAX_PHRASE_WORDS);
    if (phrase.length === 1) add({ kind: "word", text: phrase[0]!, prefix: Boolean(options.prefixAll) });
    else if (phrase.length > 1) add({ kind: "phrase", words: phrase });
    rest = rest.slice(close + 1);
  }
  return { terms, truncated };
}

/** The FTS5 MATCH expression (all terms required), or null when nothing searchable was typed. */
export function toMatchExpression(query: ParsedQuery): string | null {
  if (query.terms.length === 0) return null;
  return query.terms
    .map((term) => (term.kind === "word" ? `"${term.text}"${term.prefix ? "*" : ""}` : `"${term.words.join(" ")}"`))
    .join(" ");
}

/** The query as the reader should see it back: words, "phrases" and prefix* — and its canonical form. */
export function canonicalQueryText(query: ParsedQuery): string {
  return query.terms
    .map((term) => (term.kind === "word" ? `${term.text}${term.prefix ? "*" : ""}` : `"${term.words.join(" ")}"`))
    .join(" ");
}

/** What to show for a typed query that had nothing searchable in it: the text itself, tidied and capped. */
export function displayRawQuery(raw: string): string {
  const text = raw.normalize("NFKC").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > MAX_QUERY_CHARS ? `${chars.slice(0, MAX_QUERY_CHARS).join("")}…` : text;
}
