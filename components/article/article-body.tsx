import { renderMarkdown } from "@/lib/markdown";

/**
 * The story text. Safe to inject because:
 * - the source is `articles.body`, written only by the newsroom: the story
 *   editor (writers, editors, admins; app/admin/articles/story-actions.ts,
 *   authorised by lib/roles.ts), the importer and the seed. Readers cannot
 *   write it, and reader comments never pass through here (they render as
 *   React text);
 * - even so, a writer's text is not trusted as HTML: `renderMarkdown` runs
 *   markdown-it with `html: false` (raw HTML in the source is escaped) and its
 *   link validation, which drops javascript:, vbscript: and data: URLs
 *   (tests: lib/markdown.test.ts, and e2e/newsroom-publishing.spec.ts through
 *   the editor).
 */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="prose story__body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}
