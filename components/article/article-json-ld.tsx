import type { ArticleDetail } from "@/db/queries/articles";
import { plainExcerpt } from "@/lib/markdown";
import { absoluteUrl, SITE_NAME } from "@/lib/site";

/**
 * schema.org NewsArticle for search engines. Safe to inject because every
 * value is the newsroom's (headline, standfirst, byline, section and body as
 * the story editor or importer saved them, dates, a number) — nothing a
 * reader wrote — and because JSON.stringify escapes quotes and the JSON's `<`
 * is escaped to `\u003c`, so even a headline containing `</script>` cannot
 * end the element (tested in e2e/newsroom-publishing.spec.ts).
 */
export function ArticleJsonLd({ article }: { article: ArticleDetail }) {
  const url = absoluteUrl(`/articles/${article.slug}`);
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.dek,
    articleSection: article.section,
    datePublished: article.publishedAt.toISOString(),
    dateModified: (article.revisedAt ?? article.publishedAt).toISOString(),
    author: [{ "@type": "Person", name: article.author }],
    publisher: { "@type": "NewsMediaOrganization", name: SITE_NAME, url: absoluteUrl("/") },
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    abstract: plainExcerpt(article.body, 300),
    commentCount: article.commentCount,
    isAccessibleForFree: true,
  };
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, "\\u003c") }}
    />
  );
}
