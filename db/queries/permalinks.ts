// No `import "server-only"`: proxy.ts reads this, and the proxy bundle is not
// built with the react-server condition that module needs. Server code only.
import { getDb } from "@/db";
import type { CursorComment } from "@/lib/article-view";

const ON_ARTICLE_SQL = `select c.parent_id as parentId, c.created_at as createdAt, c.like_count as likeCount
  from comments c join articles a on a.id = c.article_id where c.id = ? and a.slug = ?`;

/**
 * A comment (in any state, removed ones included) of the article with this
 * slug, with what a cursor is built from; null when there is no such comment
 * or it belongs to another article. One primary-key lookup. The cache-key rule
 * (`canonicalArticleView`) asks it before an anonymous view naming a comment
 * (`?c=`, `?thread=`, `?after=`) may have a route-cache entry of its own: at
 * most a few per comment that exists, none for made-up ids.
 */
export function commentOfArticle({ commentId, slug }: { commentId: number; slug: string }): CursorComment | null {
  const row = getDb().$client.prepare(ON_ARTICLE_SQL).get(commentId, slug) as CursorComment | undefined;
  return row ?? null;
}

const RENAMED_SQL = `select a.slug from article_slugs s join articles a on a.id = s.article_id
  where s.slug = ? and a.status = 'published'`;

/**
 * The current slug of the published story that used to answer at `slug` (its
 * editor changed the slug), or null. Old links, comment permalinks included,
 * answer 308 to the new URL. One primary-key lookup.
 */
export function renamedArticleSlug(slug: string): string | null {
  const row = getDb().$client.prepare(RENAMED_SQL).get(slug) as { slug: string } | undefined;
  return row?.slug ?? null;
}
