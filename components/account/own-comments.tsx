import Link from "next/link";
import type { AuthorCommentItem } from "@/db/queries/comment-threads";
import { articleViewHref } from "@/lib/article-view";
import { formatDateTime } from "@/lib/dates";
import styles from "@/app/(signed-in)/account/account.module.css";

function statusLabel(c: AuthorCommentItem): string | null {
  if (c.deleted) return "Deleted";
  if (c.status === "pending") return "Awaiting moderation";
  if (c.status === "rejected") return "Removed by a moderator";
  return null;
}

/** The reader's own comments, newest first, hidden ones marked. */
export function OwnComments({ comments }: { comments: AuthorCommentItem[] }) {
  if (comments.length === 0) {
    return <p className="empty-state">You have not commented yet. Your comments will appear here.</p>;
  }
  return (
    <ol className={styles.comments}>
      {comments.map((c) => {
        const label = statusLabel(c);
        // Visible comments link to their place in the thread; hidden ones to the article.
        const href = label
          ? articleViewHref(c.article.slug)
          : articleViewHref(c.article.slug, { c: c.id }, `comment-${c.id}`);
        return (
          <li key={c.id}>
            <div className={styles.commentMeta}>
              <Link href={href} className={styles.commentArticle}>
                {c.article.title}
              </Link>
              <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
              {label ? <span className="badge">{label}</span> : null}
            </div>
            <p className={styles.commentBody}>{c.body}</p>
            {c.status === "rejected" && !c.deleted && c.statusReason ? (
              <p className="meta">Moderator’s reason: {c.statusReason}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
