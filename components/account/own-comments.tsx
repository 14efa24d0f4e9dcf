import Link from "next/link";
import type { OwnComment } from "@/db/queries/users";
import styles from "@/app/(site)/account/account.module.css";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function statusLabel(c: OwnComment): string | null {
  if (c.deletedAt) return "Deleted";
  if (c.status === "pending") return "Awaiting moderation";
  if (c.status === "rejected") return "Removed by a moderator";
  return null;
}

/** The reader's own comments, newest first, hidden ones marked. */
export function OwnComments({ comments }: { comments: OwnComment[] }) {
  if (comments.length === 0) {
    return <p className="empty-state">You have not commented yet. Your comments will appear here.</p>;
  }
  return (
    <ol className={styles.comments}>
      {comments.map((c) => {
        const label = statusLabel(c);
        return (
          <li key={c.id}>
            <div className={styles.commentMeta}>
              <Link href={`/articles/${c.articleSlug}#comment-${c.id}`} className={styles.commentArticle}>
                {c.articleTitle}
              </Link>
              <time dateTime={c.createdAt.toISOString()}>{when.format(c.createdAt)} UTC</time>
              {label ? <span className="badge">{label}</span> : null}
            </div>
            <p className={styles.commentBody}>{c.body}</p>
            {c.status === "rejected" && !c.deletedAt && c.statusReason ? (
              <p className="meta">Moderator’s reason: {c.statusReason}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
