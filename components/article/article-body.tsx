import { renderMarkdown } from "@/lib/markdown";

/**
 * The story text. The HTML comes from our markdown renderer with raw HTML
 * disabled, from editorial content only — never from reader input.
 */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="prose story__body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}
