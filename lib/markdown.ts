import MarkdownIt from "markdown-it";

/**
 * Article bodies are editorial markdown. Raw HTML in the source is escaped
 * (html: false), and the text is never rewritten: no smart quotes or dashes
 * (typographer: false), no guessed links (linkify: false), so a paragraph on
 * the page reads exactly as the reporter filed it.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Links in a story leave the site in a new context without leaking the referrer chain.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Signed-in article pages are rendered per request, and their bodies change
// only with a new seed: render each distinct body once. Bounded by clearing.
const rendered = new Map<string, string>();
const MAX_RENDERED = 200;

export function renderMarkdown(source: string): string {
  let html = rendered.get(source);
  if (html === undefined) {
    html = md.render(source);
    if (rendered.size >= MAX_RENDERED) rendered.clear();
    rendered.set(source, html);
  }
  return html;
}

/** First paragraph as plain text, for descriptions and feeds. */
export function plainExcerpt(source: string, maxLength = 200): string {
  const first = source.split(/\n\s*\n/).find((block) => block.trim() && !block.trim().startsWith("#")) ?? "";
  const text = first
    .replace(/\s+/g, " ")
    .replace(/[*_`]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim();
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength - 1).replace(/\s+\S*$/, "")}…`;
}
