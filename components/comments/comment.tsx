import Link from "next/link";
import type { CommentItem } from "@/db/queries/comment-threads";
import { articleViewHref, articleViewQuery, type ArticleView } from "@/lib/article-view";
import {
  canDeleteComment,
  canEditComment,
  canLike,
  canReply,
  canReport,
  type CommentThread,
  type PermissionViewer,
} from "@/lib/comment-policy";
import { CommentBody } from "./comment-body";
import { CommentForm } from "./comment-form";
import { DeleteCommentForm } from "./delete-comment-form";
import { EditCommentForm } from "./edit-comment-form";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { likeLabel } from "@/lib/text";
import { LikeButton } from "./like-button";
import { ReportCommentForm } from "./report-comment-form";
import styles from "./comments.module.css";

export type OpenForms = { reply?: number; edit?: number; delete?: number; report?: number };

/** What every comment in one render shares. */
export type CommentContext = {
  slug: string;
  view: ArticleView;
  viewer: PermissionViewer | null;
  thread: CommentThread;
  /** isThreadOpen(thread, now), asked once per render. */
  commentsOpen: boolean;
  open: OpenForms;
  now: Date;
};

const MAX_LEVEL = 3;

function formHref(ctx: CommentContext, key: keyof OpenForms, id: number): string {
  const query = articleViewQuery(ctx.view);
  return `/articles/${encodeURIComponent(ctx.slug)}?${query ? `${query}&` : ""}${key}=${id}#comment-${id}`;
}

/**
 * The link that opens one of a comment's forms (reply, report, edit, delete)
 * in the server-rendered page: it works without JavaScript, and keeps the
 * reader's place (no scroll) with it.
 */
function FormLink({ ctx, form, id, label }: { ctx: CommentContext; form: keyof OpenForms; id: number; label: string }) {
  return (
    <Link href={formHref(ctx, form, id)} scroll={false} className={styles.control} prefetch={false}>
      {label}
    </Link>
  );
}

function signInHref(ctx: CommentContext, id: number): string {
  return `/signin?callbackUrl=${encodeURIComponent(articleViewHref(ctx.slug, ctx.view, `comment-${id}`))}`;
}

function threadHref(ctx: CommentContext, id: number): string {
  return articleViewHref(ctx.slug, { thread: id }, `comment-${id}`);
}

/**
 * A comment's permalink: the view that finds the page holding it, so the link
 * works from anywhere and after newer comments have pushed it down (the same
 * URL under every sort, one cache entry per comment).
 */
export function permalinkHref(slug: string, id: number): string {
  return articleViewHref(slug, { c: id }, `comment-${id}`);
}

/**
 * One comment, its controls and its first replies. `level` is the display
 * level (1–3): replies below level 3 are reached through their thread link.
 */
export function Comment({ comment, ctx, level }: { comment: CommentItem; ctx: CommentContext; level: number }) {
  const { viewer, now } = ctx;
  const returnTo = articleViewQuery(ctx.view);
  const cancelHref = articleViewHref(ctx.slug, ctx.view, `comment-${comment.id}`);
  const own = Boolean(viewer && comment.author?.id === viewer.id);
  const name = comment.author?.name ?? "Deleted user";

  const perm = {
    authorId: comment.author?.id ?? null,
    createdAt: comment.createdAt,
    deletedAt: comment.removed === "deleted" ? comment.createdAt : null,
    status: comment.status,
  };
  const { thread } = ctx;
  const mayReply = canReply(viewer, perm, thread, now).ok;
  const mayEdit = canEditComment(viewer, perm, thread, now).ok;
  const mayDelete = canDeleteComment(viewer, perm, thread, now).ok;
  const mayLike = canLike(viewer, perm, thread, now).ok;
  const mayReport = canReport(viewer, perm, thread, now).ok && !comment.reportedByViewer;

  const editing = mayEdit && ctx.open.edit === comment.id;
  const deleting = mayDelete && ctx.open.delete === comment.id;
  const replying = mayReply && ctx.open.reply === comment.id;
  const reporting = mayReport && ctx.open.report === comment.id;

  const replies = comment.replies.length > 0 || comment.moreReplies || (level >= MAX_LEVEL && comment.replyCount > 0);

  if (comment.removed) {
    return (
      <li className={styles.item}>
        <article id={`comment-${comment.id}`} className={`${styles.comment} ${styles.removed}`}>
          <p className={styles.placeholder}>
            {comment.removed === "deleted" ? "Comment deleted" : "Removed by a moderator"}
          </p>
        </article>
        {replies ? <Replies comment={comment} ctx={ctx} level={level} /> : null}
      </li>
    );
  }

  // Anonymous readers (the cached page) get links to sign in; nothing viewer-specific.
  const anonymous = viewer === null && ctx.commentsOpen && comment.status === "approved";

  return (
    <li className={styles.item}>
      <article
        id={`comment-${comment.id}`}
        className={`${styles.comment} ${comment.status === "pending" ? styles.pending : ""} ${own ? styles.own : ""}`}
      >
        <header className={styles.header}>
          <span className={`${styles.author} ${comment.author ? "" : styles.deletedUser}`}>{name}</span>
          {own ? <span className={styles.youBadge}>You</span> : null}
          <span className={styles.dot} aria-hidden="true">
            ·
          </span>
          <a href={permalinkHref(ctx.slug, comment.id)} className={styles.permalink}>
            <time dateTime={comment.createdAt.toISOString()} title={formatDateTime(comment.createdAt)}>
              {formatRelative(comment.createdAt, now)}
            </time>
          </a>
          {comment.editedAt ? (
            <span className={styles.edited} title={`Edited ${formatDateTime(comment.editedAt)}`}>
              edited
            </span>
          ) : null}
        </header>
        {comment.inReplyTo ? <p className={styles.inReplyTo}>in reply to {comment.inReplyTo}</p> : null}

        {comment.status === "pending" ? (
          <p className={`notice notice--warning ${styles.held}`}>Your comment is awaiting moderation.</p>
        ) : null}

        {editing ? (
          <EditCommentForm
            slug={ctx.slug}
            returnTo={returnTo}
            commentId={comment.id}
            body={comment.body}
            cancelHref={cancelHref}
          />
        ) : (
          <CommentBody text={comment.body} />
        )}

        {deleting ? (
          <DeleteCommentForm slug={ctx.slug} returnTo={returnTo} commentId={comment.id} cancelHref={cancelHref} />
        ) : (
          <footer className={styles.controls}>
            {anonymous ? (
              <>
                <Link href={signInHref(ctx, comment.id)} className={styles.control} prefetch={false}>
                  Reply
                </Link>
                {/* Still a Like button (aria-pressed), which takes the reader to sign in and back. */}
                <form action="/signin" method="get" className={styles.likeForm}>
                  <input
                    type="hidden"
                    name="callbackUrl"
                    value={articleViewHref(ctx.slug, ctx.view, `comment-${comment.id}`)}
                  />
                  <button type="submit" className={styles.likeButton} aria-pressed="false">
                    <span aria-hidden="true" className={styles.heart}>
                      ♡
                    </span>
                    Like
                  </button>
                  {comment.likeCount > 0 ? (
                    <span className={styles.likeCount}>{likeLabel(comment.likeCount)}</span>
                  ) : null}
                </form>
                <Link href={signInHref(ctx, comment.id)} className={styles.control} prefetch={false}>
                  Report
                </Link>
              </>
            ) : (
              <>
                {mayReply && !replying ? <FormLink ctx={ctx} form="reply" id={comment.id} label="Reply" /> : null}
                {mayLike ? (
                  <LikeButton
                    key={`${comment.likedByViewer}-${comment.likeCount}`}
                    slug={ctx.slug}
                    returnTo={returnTo}
                    commentId={comment.id}
                    liked={comment.likedByViewer}
                    likeCount={comment.likeCount}
                  />
                ) : own && comment.status === "approved" && ctx.commentsOpen ? (
                  <span className={styles.likeForm}>
                    <button
                      type="button"
                      className={styles.likeButton}
                      aria-pressed="false"
                      disabled
                      title="You can't like your own comment"
                    >
                      <span aria-hidden="true" className={styles.heart}>
                        ♡
                      </span>
                      Like
                    </button>
                    {comment.likeCount > 0 ? (
                      <span className={styles.likeCount}>{likeLabel(comment.likeCount)}</span>
                    ) : null}
                  </span>
                ) : comment.likeCount > 0 ? (
                  <span className={styles.likeCount}>{likeLabel(comment.likeCount)}</span>
                ) : null}
                {mayReport && !reporting ? <FormLink ctx={ctx} form="report" id={comment.id} label="Report" /> : null}
                {comment.reportedByViewer ? <span className={styles.reported}>Reported</span> : null}
                {mayEdit && !editing ? <FormLink ctx={ctx} form="edit" id={comment.id} label="Edit" /> : null}
                {mayDelete ? <FormLink ctx={ctx} form="delete" id={comment.id} label="Delete" /> : null}
              </>
            )}
          </footer>
        )}

        {reporting ? (
          <ReportCommentForm slug={ctx.slug} returnTo={returnTo} commentId={comment.id} cancelHref={cancelHref} />
        ) : ctx.open.report === comment.id && comment.reportedByViewer ? (
          // The page after a report sent without JavaScript (the form posts back to this URL).
          <p role="status" className={`notice ${styles.formStatus}`}>
            Thanks for reporting.
          </p>
        ) : null}
        {replying ? (
          <CommentForm slug={ctx.slug} returnTo={returnTo} parentId={comment.id} cancelHref={cancelHref} autoFocus />
        ) : null}
      </article>
      {replies ? <Replies comment={comment} ctx={ctx} level={level} /> : null}
    </li>
  );
}

function Replies({ comment, ctx, level }: { comment: CommentItem; ctx: CommentContext; level: number }) {
  const nested = level < MAX_LEVEL;
  const rest = comment.replyCount;
  return (
    <div className={nested ? styles.replies : styles.flatReplies}>
      {comment.replies.length > 0 ? (
        <ol className={styles.list} aria-label={`Replies to ${comment.author?.name ?? "a comment"}`}>
          {comment.replies.map((reply) => (
            <Comment key={reply.id} comment={reply} ctx={ctx} level={Math.min(level + 1, MAX_LEVEL)} />
          ))}
        </ol>
      ) : null}
      {comment.moreReplies || (comment.replies.length === 0 && rest > 0) ? (
        <p className={styles.more}>
          <Link href={threadHref(ctx, comment.id)} className={styles.moreLink}>
            {comment.replies.length === 0
              ? rest === 1
                ? "View 1 reply"
                : `View ${rest} replies`
              : `View all ${rest} replies`}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
