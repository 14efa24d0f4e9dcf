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
