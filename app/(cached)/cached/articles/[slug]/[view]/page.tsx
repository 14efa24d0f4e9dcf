import type { Metadata } from "next";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { ArticlePage, articleMetadata } from "@/components/article/article-page";
import { notFound } from "next/navigation";
import { decodeViewSegment, type ArticleView } from "@/lib/article-view";

// Anonymous twin of `/articles/[slug]?sort=…&after=…` (see proxy.ts): one cache
// entry per comment view, all tagged with the article so one write clears them all.
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

export default async function Page({ params }: Props) {
  const { slug, view } = await params;
  let articleView: ArticleView;
  try {
    articleView = decodeViewSegment(view);
  } catch {
    notFound(); // a malformed %-escape typed by hand; the proxy never produces one
  }
  await tagCachedPage([cacheTags.article(slug), cacheTags.allArticles]);
  return <ArticlePage slug={slug} viewer={null} view={articleView} open={{}} />;
}
