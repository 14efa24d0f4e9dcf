import { renderMarkdown } from "@/lib/markdown";

/**
 * The story text. Safe to inject because:
 * - the source is `articles.body`, written only by the seed loader from
 *   `content/articles/*.md` (editorial files); no route or action lets a reader
 *   or staff member write it, and reader comments never pass through here;
 * - `renderMarkdown` runs markdown-it with `html: false` (raw HTML in the
 *   source is escaped) and its link validation, which drops javascript:,
 *   vbscript: and data: URLs (tests: lib/markdown.test.ts).
 */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="prose story__body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}
