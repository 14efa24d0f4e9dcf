import Link from "next/link";
import type { Queue, QueueItem as Item } from "@/db/queries/moderation";
import { decideComment } from "@/app/admin/moderation/actions";
import { describeHoldReason, REPORT_REASON_LABELS } from "./status-reason";
import { formatAccountAge, formatDateTime, formatRelative } from "@/lib/dates";
import { plural } from "@/lib/text";
import styles from "./admin.module.css";

/**
 * One comment in a queue: what was written, by whom (with their record), where,
 * when, why it is here, and the decision form. The form works without JS; the
 * keyboard shortcuts find its buttons through data attributes.
 */
export function QueueItem({
  item,
  queue,
  before,
  q,
  bulkFormId,
  now,
}: {
  item: Item;
  queue: Queue;
  before?: string;
  /** A staff search this item was found by: decisions come back to it, and the item says its state. */
  q?: string;
  bulkFormId: string;
  now: Date;
}) {
  const authorName = item.author?.name ?? "Deleted user";
  const headingId = `queue-item-${item.id}`;
  const openReports = item.reports.length;
  const hold = item.status === "pending" ? describeHoldReason(item.statusReason) : null;
  // A comment its author deleted is out of moderation's hands (the decision would find it gone).
  const canApprove = !item.deleted && (item.status !== "approved" || item.reportCount > 0);
  const canReject = !item.deleted && item.status !== "rejected";
  return (
    <li
      className={styles.item}
      id={`item-${item.id}`}
      tabIndex={-1}
      data-queue-item
      data-status={item.status}
      data-reported={item.reportCount > 0 && item.status !== "rejected" ? "true" : undefined}
    >
      <div className={styles.select}>
        <input
          type="checkbox"
          name="commentIds"
          value={item.id}
          form={bulkFormId}
          id={`select-${item.id}`}
          aria-label={`Select comment by ${authorName}`}
        />
      </div>
      <article className={styles.itemMain} aria-labelledby={headingId}>
        <div className={styles.itemHead}>
          <h2 id={headingId} className="visually-hidden">
            Comment by {authorName} on {item.article.title}
          </h2>
          {item.author ? (
            <Link className={styles.author} href={`/admin/users/${item.author.id}`}>
              {authorName}
            </Link>
          ) : (
            <span className={styles.author}>{authorName}</span>
          )}
          {item.author ? (
            <span className={styles.muted}>
              {item.author.role !== "reader" ? `${item.author.role} · ` : ""}
              {item.author.approvedCount} approved · {item.author.rejectedCount} rejected ·{" "}
              {formatAccountAge(item.author.createdAt, now)}
              {item.author.status !== "active" ? ` · ${item.author.status}` : ""}
            </span>
          ) : null}
        </div>
        <div className={styles.itemHead}>
          <span>
            on <Link href={`/articles/${item.article.slug}#comment-${item.id}`}>{item.article.title}</Link>
            {item.isReply ? <span className={styles.muted}> (a reply)</span> : null}
          </span>
          <time className={styles.muted} dateTime={item.createdAt.toISOString()} title={formatDateTime(item.createdAt)}>
            {formatRelative(item.createdAt, now)}
          </time>
          {item.editedAt ? <span className={styles.muted}>edited</span> : null}
          {q !== undefined ? <CommentState item={item} /> : null}
        </div>

        <p className={styles.body}>{item.body}</p>

        {hold || openReports > 0 ? (
          <div className={styles.why}>
            {hold ? (
              <p>
                <strong>Why it is here:</strong> {hold}
              </p>
            ) : null}
            {openReports > 0 ? (
              <>
                <p>
                  <strong>Reported {plural(openReports, "time")}:</strong>
                </p>
                <ul>
                  {item.reports.map((r, i) => (
                    <li key={i}>
                      {REPORT_REASON_LABELS[r.reason] ?? r.reason}
                      {r.note ? <> — “{r.note}”</> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}

        {item.status !== "pending" && item.moderatedAt ? (
          <p className={styles.decided}>
            {item.status === "approved" ? "Approved" : "Rejected"}
            {item.moderatorName ? ` by ${item.moderatorName}` : ""} {formatRelative(item.moderatedAt, now)}
            {item.statusReason ? <> — reason: “{item.statusReason}”</> : null}
          </p>
        ) : null}

        <form action={decideComment} className={styles.decide} aria-label={`Decide on comment by ${authorName}`}>
          <input type="hidden" name="commentId" value={item.id} />
          <input type="hidden" name="queue" value={queue} />
          {before ? <input type="hidden" name="before" value={before} /> : null}
          {q ? <input type="hidden" name="q" value={q} /> : null}
          <div className={styles.reason}>
            <label htmlFor={`reason-${item.id}`}>Reason</label>
            <input
              type="text"
              id={`reason-${item.id}`}
              name="reason"
              maxLength={500}
              placeholder="Optional, shown to the author"
              autoComplete="off"
            />
          </div>
          <button
            type="submit"
            name="decision"
            value="approve"
            className={`button button--small ${styles.approve}`}
            disabled={!canApprove}
            data-shortcut="approve"
          >
            Approve
          </button>
          <button
            type="submit"
            name="decision"
            value="reject"
            className={`button button--small ${styles.reject}`}
            disabled={!canReject}
            data-shortcut="reject"
          >
            Reject
          </button>
        </form>
      </article>
    </li>
  );
}

/** Where a comment found by search stands, since search results mix every state. */
function CommentState({ item }: { item: Item }) {
  const [label, tone] = item.deleted
    ? ["Deleted by its author", "bad"]
    : item.status === "pending"
      ? ["Held for review", "warn"]
      : item.status === "rejected"
        ? ["Removed", "bad"]
        : item.reportCount > 0
          ? ["Published, reported", "warn"]
          : ["Published", "ok"];
  return (
    <span className={styles.status} data-tone={tone}>
      {label}
    </span>
  );
}
