import type { Metadata } from "next";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { ArticlePage, articleExists, articleMetadata, redirectIfRenamed } from "@/components/article/article-page";
import { notFound } from "next/navigation";
import { commentOfArticle } from "@/db/queries/permalinks";
import { canonicalArticleView, decodeViewSegment, encodeViewSegment, type ArticleView } from "@/lib/article-view";

// Anonymous twin of `/articles/[slug]?sort=…&after=…` (see proxy.ts): one cache
// entry per canonical comment view, all tagged with the article so one write clears them all.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; view: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; view: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return articleMetadata(slug);
}

/**
 * The view a segment spells, when it is exactly the canonical spelling the
 * proxy produces (`canonicalArticleView`); null for anything else, such as a
 * `/cached/...` path asked for directly with a made-up view, so that only
 * canonical views are rendered as pages and kept.
 */
function canonicalView(slug: string, segment: string): ArticleView | null {
  let decoded: string;
  let view: ArticleView;
  try {
    decoded = decodeURIComponent(segment);
    view = decodeViewSegment(segment);
  } catch {
    return null; // a malformed %-escape typed by hand; the proxy never produces one
  }
  const canonical = canonicalArticleView(view, (commentId) => commentOfArticle({ commentId, slug }));
  return encodeViewSegment(canonical) === decoded ? canonical : null;
}

export default async function Page({ params }: Props) {
  const { slug, view } = await params;
  const articleView = canonicalView(slug, view);
  // 404s are not kept by the route cache (cache-handler.mjs); check before tagging, so none leaves a tag record.
  if (!articleView) notFound();
  if (!(await articleExists(slug))) {
    redirectIfRenamed(slug, articleView);
    notFound();
  }
  await tagCachedPage([cacheTags.article(slug), cacheTags.allArticles]);
  return <ArticlePage slug={slug} viewer={null} view={articleView} open={{}} />;
}
