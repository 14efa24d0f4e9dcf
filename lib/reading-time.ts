/**
 * Reading time of a markdown body, at an unhurried 230 words a minute
 * (news readers skim less than the usual 250 wpm figure assumes).
 */
export const WORDS_PER_MINUTE = 230;

export function countWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ");
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu);
  return words ? words.length : 0;
}

export function readingMinutes(markdown: string): number {
  return Math.max(1, Math.round(countWords(markdown) / WORDS_PER_MINUTE));
}

export function readingTimeLabel(markdown: string): string {
  return `${readingMinutes(markdown)} min read`;
}
