import "server-only";
import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import { sectionSlug } from "@/lib/slug";

/**
 * Cache invalidation for the anonymous ISR twins under app/(cached)/cached/.
 *
 * Next derives a page's implicit cache tags from its route file and its exact
 * pathname only, so `revalidatePath` cannot reach "every comment view of one
 * article" (`/cached/articles/<slug>/<view>`, one entry per sort/cursor). Each
 * cached page therefore tags itself (see `tagCachedPage`) and writes invalidate
 * those tags. `expire: 0` means the next visitor gets a fresh render, never a
 * stale copy: a reader who just commented and then signs out sees their comment.
 */
export const cacheTags = {
  article: (slug: string) => `article:${slug}`,
  section: (section: string) => `section:${sectionSlug(section)}`,
  front: "front",
  allArticles: "articles",
} as const;

/**
 * Attaches cache tags to the page being rendered. unstable_cache records its
 * tags on the surrounding ISR render; the cached value itself is a constant.
 */
export async function tagCachedPage(tags: string[]): Promise<void> {
  await unstable_cache(async () => true, ["page-tags", ...tags], { tags })();
}

/** Everything that shows this article: the live page and every cached view of it. */
export function revalidateArticle(slug: string): void {
  revalidateTag(cacheTags.article(slug), { expire: 0 });
  revalidatePath(`/articles/${slug}`);
}

/** The front page and a section front (comment counts, new or changed stories). */
export function revalidateFronts(section?: string): void {
  revalidateTag(cacheTags.front, { expire: 0 });
  if (section) revalidateTag(cacheTags.section(section), { expire: 0 });
  else revalidateTag(cacheTags.allArticles, { expire: 0 });
  revalidatePath("/");
}
