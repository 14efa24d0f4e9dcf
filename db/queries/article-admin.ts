import "server-only";
import { getDb } from "@/db";
import type { PremodMode } from "@/lib/vocabulary";

function client() {
  return getDb().$client;
}

export type AdminArticleRow = {
  id: number;
  slug: string;
  title: string;
  section: string;
  publishedAt: Date;
  commentsOpen: boolean;
  premodOverride: PremodMode | null;
  commentCount: number;
  pendingCount: number;
};

type Row = {
  id: number;
  slug: string;
  title: string;
  section: string;
  published_at: number;
  comments_open: number;
  premod_override: PremodMode | null;
  comment_count: number;
  pending_count?: number;
};

function toArticle(r: Row): AdminArticleRow {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    section: r.section,
    publishedAt: new Date(r.published_at),
    commentsOpen: r.comments_open === 1,
    premodOverride: r.premod_override,
    commentCount: r.comment_count,
    pendingCount: r.pending_count ?? 0,
  };
}

export function getArticleForAdmin({ slug }: { slug: string }): AdminArticleRow | null {
  const row = client()
    .prepare(
      `select a.id, a.slug, a.title, a.section, a.published_at, a.comments_open, a.premod_override, a.comment_count,
              (select count(*) from comments c where c.status = 'pending' and c.article_id = a.id and c.deleted_at is null) as pending_count
       from articles a where a.slug = ?`,
    )
    .get(slug) as Row | undefined;
  return row ? toArticle(row) : null;
}

/** Call inside the action's writeTransaction. */
export function setArticleCommentsOpen({ articleId, open }: { articleId: number; open: boolean }): void {
  client()
    .prepare("update articles set comments_open = ? where id = ?")
    .run(open ? 1 : 0, articleId);
}

/** Null follows the site's setting. Call inside the action's writeTransaction. */
export function setArticlePremodOverride({ articleId, mode }: { articleId: number; mode: PremodMode | null }): void {
  client().prepare("update articles set premod_override = ? where id = ?").run(mode, articleId);
}
