import type { Metadata } from "next";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { notFound } from "next/navigation";
import { ArticlePage, articleExists, articleMetadata, redirectIfRenamed } from "@/components/article/article-page";
import { DEFAULT_VIEW } from "@/lib/article-view";

// The hottest URL on the site: `/articles/x` requested without a session cookie
// and without a comment view. It is served straight from the route cache, with
// no rewrite on the way (the proxy's matcher skips it; see proxy.ts). Signed-in
// readers are rewritten to app/(signed-in)/live/articles; other comment views to
// app/(anonymous)/cached/articles/[slug]/[view].
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return []; // nothing at build time, when there is no database
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return articleMetadata(slug);
}

export default async function Page({ params }: Props) {
  const { slug } = await params;
  // A made-up slug: a 404 with no tag record (and the route cache keeps no 404, see cache-handler.mjs).
  if (!(await articleExists(slug))) {
    // A former slug: 308 to the story's URL; otherwise 404. Neither leaves a cache record.
    redirectIfRenamed(slug, DEFAULT_VIEW);
    notFound();
  }
  await tagCachedPage([cacheTags.article(slug), cacheTags.allArticles]);
  return <ArticlePage slug={slug} viewer={null} view={DEFAULT_VIEW} open={{}} />;
}
