import type { Metadata } from "next";
import { cache } from "react";
import { notFound, permanentRedirect } from "next/navigation";
import { renamedArticleSlug } from "@/db/queries/permalinks";
import { CommentsSection, type CommentsSectionProps } from "@/components/comments/comments-section";
import { getArticleBySlug, listRelatedArticles, type ArticleDetail } from "@/db/queries/articles";
import { articleViewHref, type ArticleView } from "@/lib/article-view";
import { imageSources } from "@/lib/images";
import { SITE_NAME } from "@/lib/site";
import type { Viewer } from "@/lib/viewer";
import { ArticleBody } from "./article-body";
import { ArticleHeader } from "./article-header";
import { ArticleJsonLd } from "./article-json-ld";
import { ArticleTime } from "./article-time";
import { LeadImageFigure } from "./lead-image";
import { RelatedArticles } from "./related-articles";
import { getAutoCloseDays, getRequireConfirmedEmail } from "@/db/queries/settings";

/** One query per request for the article, shared by generateMetadata and the page. */
const getArticle = cache((slug: string) => getArticleBySlug({ slug }));

/**
 * Whether the published article exists (the same query the page makes, once per
 * request). Cached pages ask before tagging themselves, so an unknown slug
 * leaves no tag record behind, and its 404 is not kept (cache-handler.mjs).
 */
export async function articleExists(slug: string): Promise<boolean> {
  return (await getArticle(slug)) !== null;
}

/**
 * For a slug with no published story: if it is a story's former slug, a
 * permanent redirect (308) to the story's URL with the same comment view;
 * otherwise nothing (the caller answers 404).
 */
export function redirectIfRenamed(slug: string, view: ArticleView): void {
  // Nothing is tagged before this: a made-up slug must leave no cache record (the route-cache bound).
  const current = renamedArticleSlug(slug);
  if (current) permanentRedirect(articleViewHref(current, view));
}

/** The article page body, shared by the live route and its cached anonymous twin. */
export async function ArticlePage({
  slug,
  viewer,
  view,
  open,
}: {
  slug: string;
  viewer: Viewer | null;
  view: ArticleView;
  open: CommentsSectionProps["open"];
}) {
  const article = await getArticle(slug);
  if (!article) {
    redirectIfRenamed(slug, view);
    notFound();
  }
  const related = await listRelatedArticles({ section: article.section, excludeId: article.id, limit: 4 });
  return (
    <div className="page">
      <ArticleJsonLd article={article} />
      <ArticleStory article={article} />
      <RelatedArticles section={article.section} articles={related} />
      <CommentsSection
        article={{
          id: article.id,
          slug: article.slug,
          title: article.title,
          commentCount: article.commentCount,
        }}
        thread={{
          commentsOpen: article.commentsOpen,
          status: "published",
          publishedAt: article.publishedAt,
          autoCloseDays: getAutoCloseDays(),
          requireConfirmedEmail: getRequireConfirmedEmail(),
        }}
        viewer={viewer}
        view={view}
        open={open}
      />
    </div>
  );
}

/** The story itself (header, lead image, body, correction): the article page and its preview. */
export function ArticleStory({ article }: { article: ArticleDetail }) {
  return (
    <article className="story" aria-labelledby="story-headline">
      <ArticleHeader article={article} />
      {article.image ? (
        <LeadImageFigure
          image={article.image}
          sizes="(min-width: 760px) 720px, 100vw"
          className="story__figure"
          priority
        />
      ) : null}
      <ArticleBody markdown={article.body} />
      {article.correction && article.correctedAt ? (
        <aside className="story__correction" aria-labelledby="story-correction">
          <h2 id="story-correction">Correction</h2>
          <p className="meta">
            <ArticleTime date={article.correctedAt} withTime />
          </p>
          <p>{article.correction}</p>
        </aside>
      ) : null}
    </article>
  );
}

export async function articleMetadata(slug: string): Promise<Metadata> {
  const article = await getArticle(slug);
  if (!article) return { title: "Page not found" };
  const path = `/articles/${article.slug}`;
  return {
    title: article.title,
    description: article.dek,
    alternates: { canonical: path },
    authors: [{ name: article.author }],
    openGraph: {
      type: "article",
      url: path,
      title: article.title,
      description: article.dek,
      siteName: SITE_NAME,
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: (article.revisedAt ?? article.publishedAt).toISOString(),
      section: article.section,
      authors: [article.author],
      ...(article.image
        ? {
            images: [
              {
                url: imageSources(article.image).src,
                width: article.image.width,
                height: article.image.height,
                alt: article.image.description,
              },
            ],
          }
        : {}),
    },
    twitter: {
      card: article.image ? "summary_large_image" : "summary",
      title: article.title,
      description: article.dek,
    },
  };
}
