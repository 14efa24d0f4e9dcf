/**
 * Highlighted text from FTS5's highlight() and snippet(), made safe to show.
 *
 * The database marks matched words with two control characters that cannot
 * occur in stored text (comment text refuses control characters; story text
 * is written by the newsroom and stripped of them here too). The text is split
 * on them into plain runs, marked or not; the page renders each run as a React
 * text node, a marked one inside <mark>. Nothing is ever parsed as HTML.
 */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export type TextRun = { text: string; marked: boolean };

// Other control characters are dropped (tabs and newlines become spaces).
const CONTROLS = /[\u0000-\u0001\u0004-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Splits marked text into runs; stray or unbalanced markers never leak into the text. */
export function splitMarked(value: string): TextRun[] {
  const runs: TextRun[] = [];
  let marked = false;
  let current = "";
  const push = () => {
    if (!current) return;
    const last = runs[runs.length - 1];
    if (last && last.marked === marked) last.text += current;
    else runs.push({ text: current, marked });
    current = "";
  };
  for (const char of value.replace(CONTROLS, "").replace(/[\t\r\n]+/g, " ")) {
    if (char === MARK_START) {
      push();
      marked = true;
    } else if (char === MARK_END) {
      push();
      marked = false;
    } else {
      current += char;
    }
  }
  push();
  return runs;
}

export function hasMarks(runs: TextRun[]): boolean {
  return runs.some((run) => run.marked && run.text.trim() !== "");
}

/**
 * Story bodies are markdown: a snippet cut from one should read as prose.
 * Link targets, emphasis markers, heading and quote markers are dropped from
 * each run (a link's text is kept). Conservative on purpose: it only removes
 * syntax, never words.
 */
export function stripMarkdown(runs: TextRun[]): TextRun[] {
  const cleaned = runs.map((run) => ({
    marked: run.marked,
    text: run.text
      .replace(/\]\([^)\s]*\)?/g, "") // "](https://…)" after a link's text
      .replace(/!?\[/g, "")
      .replace(/(^|\s)#{1,6}\s+/g, "$1")
      .replace(/(^|\s)>\s+/g, "$1")
      .replace(/(\*\*|__|\*|`)/g, "")
      .replace(/ {2,}/g, " "),
  }));
  return cleaned.filter((run) => run.text !== "");
}
