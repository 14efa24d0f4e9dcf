import Link from "next/link";
import { findCommentPage, getThread, listCommentsPage, type CommentItem } from "@/db/queries/comment-threads";
import { getCommentRecord, type CommentRecord } from "@/db/queries/comment-writes";
import { articleViewHref, articleViewQuery, SORTS, type ArticleView, type Sort } from "@/lib/article-view";
import { canPost, isThreadOpen, type CommentThread } from "@/lib/comment-policy";
import { can } from "@/lib/roles";
import type { Viewer } from "@/lib/viewer";
import { Comment, permalinkHref, type CommentContext } from "./comment";
import { CommentBody } from "./comment-body";
import { CommentForm } from "./comment-form";
import { ResendConfirmationForm } from "@/components/account/resend-confirmation-form";
import { commentsHeading } from "@/lib/text";
import styles from "./comments.module.css";

export { commentsHeading };

export type CommentsSectionProps = {
  article: { id: number; slug: string; title: string; commentCount: number };
  /** The conversation as lib/comment-policy.ts weighs it (closed by hand or by age). */
  thread: CommentThread;
  viewer: Viewer | null;
  view: ArticleView;
  open: { reply?: number; edit?: number; delete?: number; report?: number };
};

const SORT_LABELS: Record<Sort, string> = { newest: "Newest", oldest: "Oldest", top: "Top" };

type Listing =
  | { kind: "page"; items: CommentItem[]; nextCursor: string | null; startsLater: boolean }
  | { kind: "thread"; focus: CommentItem; nextCursor: string | null; startsLater: boolean };

/**
 * What the view asks for: a page of threads (optionally from a cursor), one
 * thread (all of a comment's replies, paged), or the place of a permalinked
 * comment. A comment the viewer may not see falls back to the first page.
 */
function loadListing(
  articleId: number,
  viewerId: string | null,
  view: ArticleView,
): { listing: Listing; missing: boolean } {
  let after = view.after;
  let threadId = view.thread;
  let missing = false;
  if (view.c) {
    const location = findCommentPage({ articleId, commentId: view.c, viewerId, sort: view.sort });
    if (!location) {
      missing = true;
      after = null;
      threadId = null;
    } else if (location.kind === "page") {
      after = location.after;
      threadId = null;
    } else {
      after = location.after;
      threadId = location.threadId;
    }
  }
  if (threadId) {
    const thread = getThread({ articleId, commentId: threadId, viewerId, after });
    if (thread)
      return {
        listing: { kind: "thread", focus: thread.focus, nextCursor: thread.nextCursor, startsLater: Boolean(after) },
        missing,
      };
    missing = true;
    after = null;
  }
  const page = listCommentsPage({ articleId, viewerId, sort: view.sort, after });
  return {
    listing: { kind: "page", items: page.items, nextCursor: page.nextCursor, startsLater: Boolean(after) },
    missing,
  };
}

/**
 * A held comment that a permalink points at, for staff: the thread queries show
 * held comments to their authors only, so staff see it here, apart from the thread.
 */
function heldForStaff(viewer: Viewer | null, articleId: number, commentId: number | null): CommentRecord | null {
  if (!commentId || !can(viewer, "moderate")) return null;
  const record = getCommentRecord({ commentId });
  return record && record.articleId === articleId && record.status === "pending" && !record.deletedAt ? record : null;
}

export async function CommentsSection({ article, thread, viewer, view, open }: CommentsSectionProps) {
  const now = new Date();
  const { listing, missing } = loadListing(article.id, viewer?.id ?? null, view);
  const held = missing ? heldForStaff(viewer, article.id, view.c) : null;
  const commentsOpen = isThreadOpen(thread, now);
  const ctx: CommentContext = { slug: article.slug, view, viewer, thread, commentsOpen, open, now };
  const posting = canPost(viewer, thread, now);
  const callbackUrl = `/articles/${article.slug}`;
  const empty = listing.kind === "page" && listing.items.length === 0 && !listing.startsLater;

  return (
    <section id="comments" className={`comments ${styles.section}`} aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments__title">
        {commentsHeading(article.commentCount)}
      </h2>

      <div className={styles.compose}>
        {!commentsOpen ? (
          <p className={`notice ${styles.closed}`}>Comments are closed.</p>
        ) : !viewer ? (
          <p className={styles.signIn}>
            <Link
              href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
              className="button button--primary"
              prefetch={false}
            >
              Sign in to comment
            </Link>
            <span className={styles.signInHint}>Join the conversation. It only takes a minute.</span>
          </p>
        ) : !posting.ok && posting.reason === "unconfirmed" ? (
          <div className={`notice notice--warning ${styles.standing}`}>
            <p>{posting.message}</p>
            <ResendConfirmationForm />
          </div>
        ) : !posting.ok ? (
          <p className={`notice notice--warning ${styles.standing}`}>{posting.message}</p>
        ) : (
          <CommentForm slug={article.slug} returnTo={articleViewQuery(view)} />
        )}
      </div>

      {held ? (
        <article id={`comment-${held.id}`} className={`notice ${styles.missing}`} aria-label="Comment held for review">
          <p>
            <a href={permalinkHref(article.slug, held.id)}>Held for review</a>: only staff and its author can see this
            comment. <Link href="/admin/moderation?queue=pending">Open the Pending queue</Link>
          </p>
          <CommentBody text={held.body} />
        </article>
      ) : missing ? (
        <p className={`notice notice--warning ${styles.missing}`}>That comment is no longer available.</p>
      ) : null}

      {empty && article.commentCount === 0 ? (
        commentsOpen ? (
          <p className={`empty-state ${styles.empty}`}>No comments yet. Be the first to comment!</p>
        ) : null
      ) : (
        <nav className={styles.sort} aria-label="Sort order">
          <span className={styles.sortLabel}>Sort by</span>
          <ul>
            {SORTS.map((sort) => (
              <li key={sort}>
                <Link
                  href={articleViewHref(article.slug, { sort }, "comments")}
                  aria-current={listing.kind === "page" && view.sort === sort ? "true" : undefined}
                  className={styles.sortLink}
                  scroll={false}
                >
                  {SORT_LABELS[sort]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {listing.kind === "thread" ? (
        <>
          <p className={styles.back}>
            <Link href={articleViewHref(article.slug, { sort: view.sort }, "comments")}>&larr; All comments</Link>
          </p>
          <ol className={`${styles.list} ${styles.threads}`}>
            <Comment comment={listing.focus} ctx={ctx} level={1} />
          </ol>
          {listing.nextCursor ? (
            <p className={styles.pagination}>
              <Link
                href={articleViewHref(
                  article.slug,
                  { sort: view.sort, thread: listing.focus.id, after: listing.nextCursor },
                  "comments",
                )}
                className="button"
              >
                Show more replies
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <>
          {listing.startsLater ? (
            <p className={styles.back}>
              <Link href={articleViewHref(article.slug, { sort: view.sort }, "comments")}>
                &larr; Back to the first comments
              </Link>
            </p>
          ) : null}
          {listing.items.length > 0 ? (
            <ol className={`${styles.list} ${styles.threads}`}>
              {listing.items.map((comment) => (
                <Comment key={comment.id} comment={comment} ctx={ctx} level={1} />
              ))}
            </ol>
          ) : null}
          {listing.nextCursor ? (
            <p className={styles.pagination}>
              <Link
                href={articleViewHref(article.slug, { sort: view.sort, after: listing.nextCursor }, "comments")}
                className="button"
              >
                Show more comments
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
