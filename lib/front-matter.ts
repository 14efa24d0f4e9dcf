/**
 * Parses the small front-matter format of our article files:
 * a `---` fenced block of `key: value` lines (lines starting with # are comments),
 * then the markdown body, returned byte for byte.
 */
export type FrontMatterDocument = { data: Record<string, string>; body: string };

export function parseFrontMatter(source: string): FrontMatterDocument {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) return { data: {}, body: text.trim() };
  const data: Record<string, string> = {};
  for (const line of (match[1] ?? "").split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon === -1) throw new Error(`Front matter line without a colon: ${line}`);
    data[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { data, body: text.slice(match[0].length).trim() };
}
