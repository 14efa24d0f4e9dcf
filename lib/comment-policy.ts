/**
 * The comment policy: who may post, reply, edit, delete, like or report, and
 * what a write may do. Pure: the page asks it which controls to show, the
 * action asks it before validating, and every write in db/queries asks it
 * again inside its immediate transaction with what the database holds then.
 * A refusal carries a reason code and a sentence for the reader.
 */
import { decideInitialStatus, type ModerationSettings } from "./initial-status";
import { accountStanding, type Permission, type PermissionViewer, type Refusal } from "./permissions";
import { checkActionLimit, checkRateLimit, type RecentComment } from "./rate-limits";
import type { CommentStatus, PremodMode, Role } from "./vocabulary";

export type { Permission, PermissionViewer, Refusal };

/** The article a conversation belongs to, with the site's auto-close setting (0 or null: never). */
export type CommentThread = {
  commentsOpen: boolean;
  status: "draft" | "published";
  publishedAt: Date;
  autoCloseDays: number | null;
  /** The site setting `Require a confirmed email to comment`. */
  requireConfirmedEmail: boolean;
};

export type PolicyComment = {
  authorId: string | null;
  createdAt: Date;
  deletedAt: Date | null;
  status: CommentStatus;
};

export const EDIT_WINDOW_MS = 15 * 60_000;
export const NOT_FOUND_MESSAGE = "That comment can't be found.";
export const CLOSED_MESSAGE = "Comments are closed.";
const SIGN_IN_MESSAGE = "Sign in to comment.";
export const CONFIRM_EMAIL_MESSAGE = "Confirm your email to comment.";
const DAY_MS = 24 * 60 * 60 * 1000;

const ALLOWED: Permission = { ok: true };
const refuse = (reason: Refusal, message: string): Permission => ({ ok: false, reason, message });

// ---------------------------------------------------------------------------
// The thread: open unless closed by hand, unpublished, or older than the
// auto-close setting allows.

/** When comments close by age, or null when the site never closes them. */
export function autoCloseAt(publishedAt: Date, autoCloseDays: number | null | undefined): Date | null {
  if (!autoCloseDays || autoCloseDays <= 0 || !Number.isFinite(autoCloseDays)) return null;
  return new Date(publishedAt.getTime() + autoCloseDays * DAY_MS);
}

export function isAutoClosed(publishedAt: Date, autoCloseDays: number | null | undefined, now: Date): boolean {
  const at = autoCloseAt(publishedAt, autoCloseDays);
  return at !== null && now.getTime() >= at.getTime();
}

/** Open by hand and not yet closed by age (the admin lists ask this of published stories). */
export function areCommentsOpen(
  article: { commentsOpen: boolean; publishedAt: Date },
  autoCloseDays: number | null | undefined,
  now: Date,
): boolean {
  return article.commentsOpen && !isAutoClosed(article.publishedAt, autoCloseDays, now);
}

export function isThreadOpen(thread: CommentThread, now: Date): boolean {
  return thread.status === "published" && areCommentsOpen(thread, thread.autoCloseDays, now);
}

// ---------------------------------------------------------------------------
// The questions the page and the action ask.

/** May this viewer do one thing to this comment in this thread, now? */
type CommentQuestion = (
  viewer: PermissionViewer | null,
  comment: PolicyComment,
  thread: CommentThread,
  now: Date,
) => Permission;

/** May the viewer write anything in this conversation (post, reply, like, report)? */
export function canPost(viewer: PermissionViewer | null, thread: CommentThread, now: Date): Permission {
  if (!isThreadOpen(thread, now)) return refuse("closed", CLOSED_MESSAGE);
  if (!viewer) return refuse("signed-out", SIGN_IN_MESSAGE);
  const standing = accountStanding(viewer, now);
  if (!standing.ok) return standing;
  if (thread.requireConfirmedEmail && viewer.emailConfirmed !== true) {
    return refuse("unconfirmed", CONFIRM_EMAIL_MESSAGE);
  }
  return ALLOWED;
}

/** Replying needs a published parent (a reply to a held comment would hang in the air) and the right to post. */
export const canReply: CommentQuestion = (viewer, parent, thread, now) => {
  if (!viewer) return refuse("signed-out", SIGN_IN_MESSAGE);
  if (parent.deletedAt || parent.status !== "approved") return refuse("not-found", NOT_FOUND_MESSAGE);
  return canPost(viewer, thread, now);
};

function ownLiveComment(viewer: PermissionViewer | null, comment: PolicyComment): Permission {
  if (!viewer) return refuse("signed-out", SIGN_IN_MESSAGE);
  if (comment.deletedAt || comment.status === "rejected" || comment.authorId !== viewer.id) {
    return refuse("not-found", NOT_FOUND_MESSAGE);
  }
  return ALLOWED;
}

/** Own comment, not deleted, within 15 minutes of posting, on an open thread, account in good standing. */
export const canEditComment: CommentQuestion = (viewer, comment, thread, now) => {
  const own = ownLiveComment(viewer, comment);
  if (!own.ok) return own;
  const open = canPost(viewer, thread, now);
  if (!open.ok) return open;
  if (now.getTime() - comment.createdAt.getTime() >= EDIT_WINDOW_MS) {
    return refuse("expired", "Comments can only be edited for 15 minutes after posting.");
  }
  return ALLOWED;
};

/**
 * Own comment, not already deleted. Deleting is allowed to suspended and banned
 * readers (taking one's words back is not posting), but not on a closed thread.
 */
export const canDeleteComment: CommentQuestion = (viewer, comment, thread, now) => {
  const own = ownLiveComment(viewer, comment);
  if (!own.ok) return own;
  if (!isThreadOpen(thread, now)) return refuse("closed", CLOSED_MESSAGE);
  return ALLOWED;
};

/** Someone else's approved, visible comment, by a reader who may post here. */
function othersVisibleComment(
  viewer: PermissionViewer | null,
  comment: PolicyComment,
  thread: CommentThread,
  now: Date,
  ownMessage: string,
): Permission {
  if (!viewer) return refuse("signed-out", SIGN_IN_MESSAGE);
  if (comment.deletedAt || comment.status !== "approved") return refuse("not-found", NOT_FOUND_MESSAGE);
  const open = canPost(viewer, thread, now);
  if (!open.ok) return open;
  if (comment.authorId === viewer.id) return refuse("own", ownMessage);
  return ALLOWED;
}

export const canLike: CommentQuestion = (viewer, comment, thread, now) => {
  return othersVisibleComment(viewer, comment, thread, now, "You can't like your own comment.");
};

export const canReport: CommentQuestion = (viewer, comment, thread, now) => {
  return othersVisibleComment(viewer, comment, thread, now, "You can't report your own comment.");
};

// ---------------------------------------------------------------------------
// The write decisions: the same questions plus what only the write
// transaction knows (recent activity, word lists, pre-moderation).

/** A refusal from a write decision; "limited" is a per-account limit, "words" a banned word. */
export type WriteRefusal = { ok: false; reason: Refusal | "limited" | "words"; message: string };

/** What the database says about the author at the moment of a write. */
export type WriteAuthor = PermissionViewer & { createdAt: Date };

/** The new text and what the word rules and pre-moderation weigh (approved comments, capped). */
type ModerationFacts = {
  text: string;
  approvedCount: number;
  articlePremod: PremodMode | null;
  settings: ModerationSettings;
};

function moderate(author: { role: Role; createdAt: Date }, facts: ModerationFacts) {
  return decideInitialStatus({
    text: facts.text,
    author: { role: author.role, approvedCount: facts.approvedCount, createdAt: author.createdAt },
    articlePremod: facts.articlePremod,
    settings: facts.settings,
  });
}

const refusal = (p: Permission & { ok: false }): WriteRefusal => ({ ok: false, reason: p.reason, message: p.message });

/**
 * A new comment or reply: standing, open thread, a live parent, the posting
 * limits (pace, duplicates, daily cap), then the word rules and pre-moderation.
 */
export function decidePost(
  input: {
    author: WriteAuthor;
    thread: CommentThread;
    parent: PolicyComment | null;
    now: Date;
    recent: RecentComment[];
    unlimited: boolean;
  } & ModerationFacts,
): { ok: true; status: "approved" | "pending"; reason: string | null } | WriteRefusal {
  const { author, thread, parent, now } = input;
  const open = canPost(author, thread, now);
  if (!open.ok) return refusal(open);
  if (parent) {
    const allowed = canReply(author, parent, thread, now);
    if (!allowed.ok) return refusal(allowed);
  }
  const limit = checkRateLimit({
    recent: input.recent,
    accountCreatedAt: author.createdAt,
    text: input.text,
    now,
    unlimited: input.unlimited,
  });
  if (!limit.ok) return { ok: false, reason: "limited", message: limit.message };
  const decision = moderate(author, input);
  if (decision.status === "refused") return { ok: false, reason: "words", message: decision.message };
  return { ok: true, status: decision.status, reason: decision.reason };
}

/**
 * An edit of one's own comment: ownership, time window, open thread, the word
 * rules, then the edit limit. An edit never publishes a held comment; it may
 * hold a published one (`hold`).
 */
export function decideEdit(
  input: CommentWrite & { recentEdits: Date[]; unlimited: boolean } & ModerationFacts,
): { ok: true; status: CommentStatus; hold: boolean; reason: string | null } | WriteRefusal {
  const { author, comment, thread, now } = input;
  const allowed = canEditComment(author, comment, thread, now);
  if (!allowed.ok) return refusal(allowed);
  const decision = moderate(author, input);
  if (decision.status === "refused") return { ok: false, reason: "words", message: decision.message };
  const limit = checkActionLimit({ action: "edit", recent: input.recentEdits, now, unlimited: input.unlimited });
  if (!limit.ok) return { ok: false, reason: "limited", message: limit.message };
  const hold = decision.status === "pending" && comment.status === "approved";
  return { ok: true, status: hold ? "pending" : comment.status, hold, reason: hold ? decision.reason : null };
}

/** What a write on an existing comment knows: the author, the comment and its thread as the database holds them. */
type CommentWrite = { author: WriteAuthor; comment: PolicyComment; thread: CommentThread; now: Date };

/** A write decision that is just the question the page asked, asked again in the transaction. */
const decidedBy =
  (question: CommentQuestion) =>
  (input: CommentWrite): { ok: true } | WriteRefusal => {
    const allowed = question(input.author, input.comment, input.thread, input.now);
    return allowed.ok ? ALLOWED : refusal(allowed);
  };

export const decideDelete = decidedBy(canDeleteComment);

/** Liking and unliking both count toward the like limit: each changes what the article's pages show. */
export function decideLike(
  input: CommentWrite & { recentLikes: Date[]; unlimited: boolean },
): { ok: true } | WriteRefusal {
  const allowed = decidedBy(canLike)(input);
  if (!allowed.ok) return allowed;
  const limit = checkActionLimit({
    action: "like",
    recent: input.recentLikes,
    now: input.now,
    unlimited: input.unlimited,
  });
  return limit.ok ? ALLOWED : { ok: false, reason: "limited", message: limit.message };
}

export const decideReport = decidedBy(canReport);
