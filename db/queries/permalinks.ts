// No `import "server-only"`: proxy.ts reads this, and the proxy bundle is not
// built with the react-server condition that module needs. Server code only.
import { getDb } from "@/db";

const ON_ARTICLE_SQL = `select 1 from comments c join articles a on a.id = c.article_id where c.id = ? and a.slug = ?`;

/**
 * Whether a comment (in any state, removed ones included) belongs to the
 * article with this slug. The proxy asks before it lets a permalink view
 * (`?c=<id>`) have a route-cache entry of its own: at most one per comment
 * that exists, none for made-up ids.
 */
export function isCommentOnArticle({ commentId, slug }: { commentId: number; slug: string }): boolean {
  return getDb().$client.prepare(ON_ARTICLE_SQL).get(commentId, slug) !== undefined;
}
