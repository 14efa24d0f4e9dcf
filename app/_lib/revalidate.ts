import "server-only";
import { after } from "next/server";
import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import { sectionSlug } from "@/lib/slug";

/**
 * Cache invalidation for the anonymous ISR pages under app/(anonymous)/ (the bare
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
export const RACING_RENDER_MAX_MS = 1000;
/**
 * A like on an article with no expiry pending is expired at once, as any
 * write; the likes that follow it (a burst) expire nothing themselves: one
 * deferred expiry this long after a like serves every like of the next
 * `COUNT_EXPIRY_MS - RACING_RENDER_MAX_MS` (each must be at least
 * RACING_RENDER_MAX_MS old when it runs, so no render that read before it is
 * kept). Under the 2-second freshness promise (e2e/caching.spec.ts) with room
 * for the render; at most one expiry per 300 ms of steady likes.
 */
export const COUNT_EXPIRY_MS = 1300;

/** When each tag's pending deferred expiry runs (ms since the epoch). */
const deferredExpiryDue = new Map<string, number>();

/**
 * Expires the tags `delayMs` from now, unless a deferred expiry already pending
 * for a tag runs at least RACING_RENDER_MAX_MS from now, which covers this
 * write too: under a burst one timer per tag is pending, not one per write
 * (each `after()` holds its request's context until it runs).
 */
function expireLater(tags: string[], delayMs: number): void {
  const now = Date.now();
  const uncovered = tags.filter((tag) => (deferredExpiryDue.get(tag) ?? 0) < now + RACING_RENDER_MAX_MS);
  if (uncovered.length === 0) return;
  const due = now + delayMs;
  for (const tag of uncovered) deferredExpiryDue.set(tag, due);
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    for (const tag of uncovered) {
      revalidateTag(tag, { expire: 0 });
      if (deferredExpiryDue.get(tag) === due) deferredExpiryDue.delete(tag);
    }
  });
}

/** Expires the tags now and again once racing renders are over. */
function expireTags(tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  expireLater(tags, SECOND_INVALIDATION_MS);
}

/** Everything that shows this article: the live page and every cached view of it. */
export function revalidateArticle(slug: string): void {
  expireTags([cacheTags.article(slug)]);
  revalidatePath(`/articles/${slug}`);
}

/**
 * A change to the article's like counts only (issue 12, finding 6). An isolated
 * like expires the article's pages at once and again COUNT_EXPIRY_MS later;
 * a like while a deferred expiry is pending (a burst, or right after a post)
 * expires nothing during its action — its answer then carries no re-rendered
 * page either; the like button takes the count from the result — and rides
 * on the pending expiry, or schedules one. A burst of likes costs one expiry
 * at once and one per 300 ms after, not one (and one more) per like.
 */
export function revalidateArticleCounts(slug: string): void {
  const tag = cacheTags.article(slug);
  if (!deferredExpiryDue.has(tag)) revalidateTag(tag, { expire: 0 });
  expireLater([tag], COUNT_EXPIRY_MS);
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

/**
 * A story was published, changed, unpublished or went live on schedule:
 * its page (and a former slug's), the front page, its section (and the one it
 * left) and every search page. feed.xml and the sitemap are rendered per
 * request, so they follow by themselves.
 */
export function revalidateStory(
  story: { slug: string; section: string },
  before?: { slug: string; section: string },
): void {
  revalidateArticle(story.slug);
  if (before && before.slug !== story.slug) revalidateArticle(before.slug);
  expireTags([cacheTags.front, cacheTags.section(story.section), cacheTags.search]);
  if (before && before.section !== story.section) expireTags([cacheTags.section(before.section)]);
  revalidatePath("/");
}
