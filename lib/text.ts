/** Small wording helpers shared by pages, components and actions. */

/** "1 comment", "3 comments". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text on one line, cut to `max` characters with an ellipsis. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "1 like", "2 likes". */
export function likeLabel(count: number): string {
  return plural(count, "like");
}

/** The comments section's heading: "1 Comment", "250 Comments" (the contract's wording). */
export function commentsHeading(count: number): string {
  return plural(count, "Comment");
}
