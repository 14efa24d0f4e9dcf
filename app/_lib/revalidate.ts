import "server-only";
import { after } from "next/server";
import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import { sectionSlug } from "@/lib/slug";

/**
 * Cache invalidation for the anonymous ISR pages under app/(cached)/ (the bare
 * article URL and the twins under /cached/).
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
  /** Every cached search page: results show headlines, standfirsts, text, sections and dates. */
  search: "search",
} as const;

/**
 * Attaches cache tags to the page being rendered. unstable_cache records its
 * tags on the surrounding ISR render; the cached value itself is a constant.
 */
export async function tagCachedPage(tags: string[]): Promise<void> {
  await unstable_cache(async () => true, ["page-tags", ...tags], { tags })();
}

/**
 * Next stamps a cache entry with the time its render *finished*, so an
 * anonymous render that read the database just before a write and finished
 * just after this invalidation would be kept as fresh. Expiring the tags a
 * second time, once any such render is over, closes that window.
 */
export const SECOND_INVALIDATION_MS = 1500;
/** How long a render that read the database before a write may still be running. */
const RACING_RENDER_MAX_MS = 1000;

/** When each tag's pending second expiry runs (ms since the epoch). */
const secondExpiryDue = new Map<string, number>();

/**
 * Expires the tags now and again once racing renders are over. A second expiry
 * already pending for a tag, due at least a second from now, covers this write
 * too: under a burst of comments one timer per tag is pending, not one per post
 * (each `after()` holds its request's context until it runs).
 */
function expireTags(tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  const now = Date.now();
  const uncovered = tags.filter((tag) => (secondExpiryDue.get(tag) ?? 0) < now + RACING_RENDER_MAX_MS);
  if (uncovered.length === 0) return;
  const due = now + SECOND_INVALIDATION_MS;
  for (const tag of uncovered) secondExpiryDue.set(tag, due);
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, SECOND_INVALIDATION_MS));
    for (const tag of uncovered) {
      revalidateTag(tag, { expire: 0 });
      if (secondExpiryDue.get(tag) === due) secondExpiryDue.delete(tag);
    }
  });
}

/** Everything that shows this article: the live page and every cached view of it. */
export function revalidateArticle(slug: string): void {
  expireTags([cacheTags.article(slug)]);
  revalidatePath(`/articles/${slug}`);
}

/** The front page and a section front (comment counts, new or changed stories). */
export function revalidateFronts(section?: string): void {
  expireTags([cacheTags.front, section ? cacheTags.section(section) : cacheTags.allArticles]);
  revalidatePath("/");
}

/**
 * Every cached search page. Call after a change to a story's text, headline,
 * standfirst, section, dates or status (the index itself follows at once, by
 * trigger); comment activity does not touch search pages.
 */
export function revalidateSearch(): void {
  expireTags([cacheTags.search]);
}
