"use server";

import { wakeMailSender } from "@/lib/mail/sender";
import { redirect } from "next/navigation";
import { requireUser } from "@/app/_lib/guards";
import { fieldErrors, formTexts, type FormState } from "@/lib/form-state";
import { revalidateArticle, revalidateArticleCounts, revalidateFronts } from "@/app/_lib/revalidate";
import { getArticleBySlug } from "@/db/queries/articles";
import {
  createComment,
  deleteComment as deleteCommentRow,
  editComment as editCommentRow,
  getCommentRecord,
  threadOfComment,
  type CommentRecord,
} from "@/db/queries/comment-writes";
import { toggleLike as toggleLikeRow } from "@/db/queries/likes";
import { reportComment as reportCommentRow } from "@/db/queries/reports";
import { getAutoCloseDays, getRequireConfirmedEmail } from "@/db/queries/settings";
import { articleViewHref, parseArticleView, type ArticleView } from "@/lib/article-view";
import {
  canDeleteComment,
  canEditComment,
  canLike,
  canPost,
  canReply,
  canReport,
  NOT_FOUND_MESSAGE,
  type CommentThread,
  type Permission,
} from "@/lib/comment-policy";
import {
  DeleteCommentSchema,
  EditCommentSchema,
  id,
  PostCommentSchema,
  PostReplySchema,
  ReportCommentSchema,
  ToggleLikeSchema,
} from "@/lib/comment-schemas";

/*
 * Comment actions. Each one: guard (requireUser, which reads the user row from
 * the database, never the session's copy), load the article/comment and check the same predicate the UI used,
 * validate with zod, write (the query re-checks inside its transaction),
 * revalidate the article's pages, then answer:
 *  - with JavaScript (the form sends js=1 once hydrated): state for useActionState,
 *    or a soft redirect when the page has to change;
 *  - without: a redirect back to the article (success), or the returned state,
 *    which Next renders into the same page (errors, typed text kept).
 */

export type LikeState = { ok: boolean; message?: string; liked?: boolean; likeCount?: number };

function viewFrom(returnTo: string): ArticleView {
  return parseArticleView(new URLSearchParams(returnTo));
}

/** A comment of this article, or null: missing and foreign look the same. */
function loadComment(commentId: number, slug: string): CommentRecord | null {
  const comment = getCommentRecord({ commentId });
  return comment && comment.articleSlug === slug ? comment : null;
}

function threadSettings() {
  return { autoCloseDays: getAutoCloseDays(), requireConfirmedEmail: getRequireConfirmedEmail() };
}

/** The thread of an article page's article (getArticleBySlug only finds published ones). */
function threadOfArticle(article: { commentsOpen: boolean; publishedAt: Date }): CommentThread {
  return {
    commentsOpen: article.commentsOpen,
    status: "published",
    publishedAt: article.publishedAt,
    autoCloseDays: getAutoCloseDays(),
    requireConfirmedEmail: getRequireConfirmedEmail(),
  };
}

function refused(permission: Permission & { ok: false }, values?: FormState["values"]): FormState {
  // Anything about a comment the caller may not touch reads as "not found".
  return { ok: false, message: permission.message, values };
}

function revalidateAfterWrite(slug: string, section: string, countChanged: boolean) {
  revalidateArticle(slug);
  if (countChanged) revalidateFronts(section);
}

export async function postComment(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const values = { body: raw.body ?? "" };
  const article = await getArticleBySlug({ slug: raw.slug ?? "" });
  if (!article) return { ok: false, message: "That article can't be found.", values };
  const allowed = canPost(user, threadOfArticle(article), new Date());
  if (!allowed.ok) return refused(allowed, values);
  const parsed = PostCommentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };

  const result = createComment({ articleId: article.id, authorId: user.id, body: parsed.data.body });
  if (!result.ok) return { ok: false, message: result.message, values };
  revalidateAfterWrite(article.slug, article.section, result.status === "approved");

  const view = viewFrom(parsed.data.returnTo);
  const onFirstPage = view.sort === "newest" && !view.after && !view.thread && !view.c;
  if (parsed.data.js && onFirstPage) {
    // The new comment heads the page being shown: no navigation needed.
    return {
      ok: true,
      message: result.status === "approved" ? "Comment posted." : "Comment held for review.",
      doneAt: Date.now(),
    };
  }
  redirect(articleViewHref(article.slug, onFirstPage ? {} : { sort: view.sort, c: result.id }, `comment-${result.id}`));
}

export async function postReply(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const values = { body: raw.body ?? "" };
  const article = await getArticleBySlug({ slug: raw.slug ?? "" });
  const parentId = id.safeParse(raw.parentId);
  const parent = article && parentId.success ? loadComment(parentId.data, article.slug) : null;
  if (!article || !parent) return { ok: false, message: NOT_FOUND_MESSAGE, values };
  const allowed = canReply(user, parent, threadOfArticle(article), new Date());
  if (!allowed.ok) return refused(allowed, values);
  const parsed = PostReplySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };

  const result = createComment({
    articleId: article.id,
    authorId: user.id,
    parentId: parent.id,
    body: parsed.data.body,
  });
  if (!result.ok) return { ok: false, message: result.message, values };
  revalidateAfterWrite(article.slug, article.section, result.status === "approved");
  // The reply may have queued a mail for the person answered: sent after this answer, never awaited.
  wakeMailSender();
  // The permalink view always shows the new reply, however long the thread is.
  const view = viewFrom(parsed.data.returnTo);
  redirect(articleViewHref(article.slug, { sort: view.sort, c: result.id }, `comment-${result.id}`));
}

export async function editComment(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const values = { body: raw.body ?? "" };
  const commentId = id.safeParse(raw.commentId);
  const comment = commentId.success ? loadComment(commentId.data, raw.slug ?? "") : null;
  if (!comment) return { ok: false, message: NOT_FOUND_MESSAGE, values };
  const allowed = canEditComment(user, comment, threadOfComment(comment, threadSettings()), new Date());
  if (!allowed.ok) return refused(allowed, values);
  const parsed = EditCommentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };

  const result = editCommentRow({ commentId: comment.id, userId: user.id, body: parsed.data.body });
  if (!result.ok) return { ok: false, message: result.message, values };
  // An edit that sends the comment back to review changes the visible count on the fronts.
  revalidateAfterWrite(comment.articleSlug, comment.articleSection, result.status !== comment.status);
  redirect(articleViewHref(comment.articleSlug, viewFrom(parsed.data.returnTo), `comment-${comment.id}`));
}

export async function deleteComment(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const commentId = id.safeParse(raw.commentId);
  const comment = commentId.success ? loadComment(commentId.data, raw.slug ?? "") : null;
  if (!comment) return { ok: false, message: NOT_FOUND_MESSAGE };
  const allowed = canDeleteComment(user, comment, threadOfComment(comment, threadSettings()), new Date());
  if (!allowed.ok) return refused(allowed);
  const parsed = DeleteCommentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: NOT_FOUND_MESSAGE };

  const result = deleteCommentRow({ commentId: comment.id, userId: user.id });
  if (!result.ok) return { ok: false, message: result.message };
  revalidateAfterWrite(comment.articleSlug, comment.articleSection, comment.status === "approved");
  // Back to the same view; the comment is gone (or a placeholder where it had replies).
  const view = viewFrom(parsed.data.returnTo);
  const back = view.c === comment.id ? { ...view, c: null } : view;
  redirect(articleViewHref(comment.articleSlug, back, result.hadReplies ? `comment-${comment.id}` : "comments"));
}

export async function toggleLike(_prev: LikeState, formData: FormData): Promise<LikeState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const commentId = id.safeParse(raw.commentId);
  const comment = commentId.success ? loadComment(commentId.data, raw.slug ?? "") : null;
  if (!comment) return { ok: false, message: NOT_FOUND_MESSAGE };
  const allowed = canLike(user, comment, threadOfComment(comment, threadSettings()), new Date());
  if (!allowed.ok) return { ok: false, message: allowed.message };
  const parsed = ToggleLikeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: NOT_FOUND_MESSAGE };

  const result = toggleLikeRow({ commentId: comment.id, userId: user.id });
  if (!result.ok) return { ok: false, message: result.message };
  // Only counts changed: a burst of likes shares its expiries (app/_lib/revalidate.ts).
  revalidateArticleCounts(comment.articleSlug);
  if (!parsed.data.js) {
    redirect(articleViewHref(comment.articleSlug, viewFrom(parsed.data.returnTo), `comment-${comment.id}`));
  }
  return { ok: true, liked: result.liked, likeCount: result.likeCount };
}

export async function reportComment(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const raw = formTexts(formData);
  const values = { note: raw.note ?? "", reason: raw.reason ?? "" };
  const commentId = id.safeParse(raw.commentId);
  const comment = commentId.success ? loadComment(commentId.data, raw.slug ?? "") : null;
  if (!comment) return { ok: false, message: NOT_FOUND_MESSAGE, values };
  const allowed = canReport(user, comment, threadOfComment(comment, threadSettings()), new Date());
  if (!allowed.ok) return refused(allowed, values);
  const parsed = ReportCommentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: fieldErrors(parsed.error),
      values,
    };
  }
  const result = reportCommentRow({
    commentId: comment.id,
    userId: user.id,
    reason: parsed.data.reason,
    note: parsed.data.note,
  });
  if (!result.ok) return { ok: false, message: result.message, values };
  // A first report may have queued mail for moderators who asked for it: sent after this answer.
  wakeMailSender();
  // The comment stays public until a moderator decides; only the moderation pages change.
  return { ok: true, message: "Thanks for reporting.", doneAt: Date.now() };
}
