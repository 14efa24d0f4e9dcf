import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/guards";
import { listNotifications } from "@/db/queries/notifications";
import { permalinkHref } from "@/components/comments/comment";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { markAllReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications", robots: { index: false } };

/**
 * Replies to the reader's comments and decisions on their held ones, newest
 * first, each linking to the comment. Rendered per request for the reader
 * alone (`private, no-store`: proxy.ts marks every page with a session cookie).
 */
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireUser({ callbackUrl: "/notifications" });
  const items = listNotifications({ userId: viewer.id });
  const unread = items.filter((n) => !n.read).length;
  const done = (await searchParams).done === "read";
  const now = new Date();
  return (
    <div className="page page--narrow">
      <h1>Notifications</h1>
      {done ? (
        <p role="status" className="notice">
          All caught up.
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty-state">Nothing yet. Replies to your comments and decisions on them appear here.</p>
      ) : (
        <>
          <form action={markAllReadAction} className="actions">
            <p className="meta">{unread > 0 ? `${unread} unread` : "Everything is read."}</p>
            <button type="submit" className="button button--small" disabled={unread === 0}>
              Mark all as read
            </button>
          </form>
          <ol className="notification-list">
            {items.map((n) => (
              <li key={n.id} data-unread={n.read ? undefined : ""}>
                <p>
                  <a href={permalinkHref(n.articleSlug, n.commentId)}>
                    {n.kind === "reply"
                      ? `${n.actorName ?? "Someone"} replied to your comment`
                      : n.kind === "approved"
                        ? "Your comment was approved"
                        : "Your comment was not published"}
                  </a>{" "}
                  on “{n.articleTitle}”{n.read ? null : <span className="visually-hidden"> (unread)</span>}
                </p>
                {n.kind === "rejected" && n.reason ? <p>Moderator’s reason: {n.reason}</p> : null}
                <blockquote>{n.excerpt}</blockquote>
                <p className="meta">
                  <time dateTime={n.createdAt.toISOString()} title={formatDateTime(n.createdAt)}>
                    {formatRelative(n.createdAt, now)}
                  </time>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
