import { listArticlesForFeed } from "@/db/queries/articles";
import { plainExcerpt } from "@/lib/markdown";
import { absoluteUrl, SITE_DESCRIPTION, SITE_NAME } from "@/lib/site";

// Built per request from the database (never at build time), cached by HTTP caches for five minutes.
export const dynamic = "force-dynamic";

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export async function GET() {
  const articles = await listArticlesForFeed({ limit: 30 });
  const items = articles
    .map((article) => {
      const url = absoluteUrl(`/articles/${article.slug}`);
      return [
        "    <item>",
        `      <title>${xml(article.title)}</title>`,
        `      <link>${xml(url)}</link>`,
        `      <guid isPermaLink="true">${xml(url)}</guid>`,
        `      <description>${xml(article.dek || plainExcerpt(article.body))}</description>`,
        `      <category>${xml(article.section)}</category>`,
        `      <dc:creator>${xml(article.author)}</dc:creator>`,
        `      <pubDate>${article.publishedAt.toUTCString()}</pubDate>`,
        "    </item>",
      ].join("\n");
    })
    .join("\n");
  const lastBuild = articles[0]?.publishedAt ?? new Date(0);
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xml(SITE_NAME)}</title>
    <link>${xml(absoluteUrl("/"))}</link>
    <description>${xml(SITE_DESCRIPTION)}</description>
    <language>en-us</language>
    <lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>
    <atom:link href="${xml(absoluteUrl("/feed.xml"))}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=0, s-maxage=300, stale-while-revalidate=3600",
    },
  });
}
