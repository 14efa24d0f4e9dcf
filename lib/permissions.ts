/**
 * Who may do what, as plain predicates: the UI uses them to decide which
 * controls to show and every action uses the same ones to enforce.
 * A refusal carries a reason code and a sentence for the reader.
 */
import { formatDateTime } from "./dates";
import type { CommentStatus, Role, UserStatus } from "@/lib/vocabulary";

export type PermissionViewer = {
  id: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: Date | null;
  statusReason: string | null;
};

export type PermissionArticle = { commentsOpen: boolean; status?: "draft" | "published" };

export type PermissionComment = {
  authorId: string | null;
  createdAt: Date;
  deletedAt: Date | null;
  status: CommentStatus;
};

export type Refusal = "signed-out" | "suspended" | "banned" | "closed" | "not-found" | "own" | "expired";
export type Permission = { ok: true } | { ok: false; reason: Refusal; message: string };

export const EDIT_WINDOW_MS = 15 * 60_000;
export const NOT_FOUND_MESSAGE = "That comment can't be found.";
export const CLOSED_MESSAGE = "Comments are closed.";

const ALLOWED: Permission = { ok: true };
const refuse = (reason: Refusal, message: string): Permission => ({ ok: false, reason, message });

export function isStaff(viewer: Pick<PermissionViewer, "role"> | null | undefined): boolean {
  return viewer?.role === "moderator" || viewer?.role === "admin";
}

function withReason(sentence: string, reason: string | null): string {
  const r = reason?.trim();
  return r ? `${sentence} Reason: ${r}` : sentence;
}

/**
 * The account's standing now: a suspension whose end has passed no longer
 * applies. `doing` ends the refusal ("so you can't comment").
 */
export function accountStanding(viewer: PermissionViewer, now: Date, doing = "comment"): Permission {
  if (viewer.status === "banned") {
    return refuse("banned", withReason(`Your account has been banned, so you can't ${doing}.`, viewer.statusReason));
  }
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) {
    const until = viewer.suspendedUntil ? `until ${formatDateTime(viewer.suspendedUntil)}` : "until further notice";
    return refuse(
      "suspended",
      withReason(`Your account is suspended ${until}, so you can't ${doing}.`, viewer.statusReason),
    );
  }
  return ALLOWED;
}

/** Suspended and banned readers keep their name until the sanction ends (issue 12, finding 9). */
export function canRename(viewer: PermissionViewer, now: Date): Permission {
  return accountStanding(viewer, now, "change your display name");
}

/** May the viewer write anything in this article's conversation (post, reply, like, report)? */
export function canPost(viewer: PermissionViewer | null, article: PermissionArticle, now: Date): Permission {
  if (!article.commentsOpen || (article.status && article.status !== "published")) {
    return refuse("closed", CLOSED_MESSAGE);
  }
  if (!viewer) return refuse("signed-out", "Sign in to comment.");
  return accountStanding(viewer, now);
}

function ownLiveComment(viewer: PermissionViewer | null, comment: PermissionComment): Permission {
  if (!viewer) return refuse("signed-out", "Sign in to comment.");
  if (comment.deletedAt || comment.status === "rejected" || comment.authorId !== viewer.id) {
    return refuse("not-found", NOT_FOUND_MESSAGE);
  }
  return ALLOWED;
}

/** Own comment, not deleted, within 15 minutes of posting, on an open article, account in good standing. */
export function canEditComment(
  viewer: PermissionViewer | null,
  comment: PermissionComment,
  now: Date,
  article: PermissionArticle,
): Permission {
  const own = ownLiveComment(viewer, comment);
  if (!own.ok) return own;
  const open = canPost(viewer, article, now);
  if (!open.ok) return open;
  if (now.getTime() - comment.createdAt.getTime() >= EDIT_WINDOW_MS) {
    return refuse("expired", "Comments can only be edited for 15 minutes after posting.");
  }
  return ALLOWED;
}

/**
 * Own comment, not already deleted. Deleting is allowed to suspended and banned
 * readers (taking one's words back is not posting), but not on a closed article.
 */
export function canDeleteComment(
  viewer: PermissionViewer | null,
  comment: PermissionComment,
  article: PermissionArticle,
): Permission {
  const own = ownLiveComment(viewer, comment);
  if (!own.ok) return own;
  if (!article.commentsOpen || (article.status && article.status !== "published"))
    return refuse("closed", CLOSED_MESSAGE);
  return ALLOWED;
}

/** Someone else's approved, visible comment, by a reader who may post here. */
function othersVisibleComment(
  viewer: PermissionViewer | null,
  comment: PermissionComment,
  article: PermissionArticle,
  now: Date,
  ownMessage: string,
): Permission {
  if (!viewer) return refuse("signed-out", "Sign in to comment.");
  if (comment.deletedAt || comment.status !== "approved") return refuse("not-found", NOT_FOUND_MESSAGE);
  const open = canPost(viewer, article, now);
  if (!open.ok) return open;
  if (comment.authorId === viewer.id) return refuse("own", ownMessage);
  return ALLOWED;
}

export function canLike(
  viewer: PermissionViewer | null,
  comment: PermissionComment,
  now: Date,
  article: PermissionArticle = { commentsOpen: true },
): Permission {
  return othersVisibleComment(viewer, comment, article, now, "You can't like your own comment.");
}

export function canReport(
  viewer: PermissionViewer | null,
  comment: PermissionComment,
  now: Date,
  article: PermissionArticle = { commentsOpen: true },
): Permission {
  return othersVisibleComment(viewer, comment, article, now, "You can't report your own comment.");
}

/** Replying needs a published parent (a reply to a held comment would hang in the air) and the right to post. */
export function canReply(
  viewer: PermissionViewer | null,
  parent: PermissionComment,
  now: Date,
  article: PermissionArticle,
): Permission {
  if (!viewer) return refuse("signed-out", "Sign in to comment.");
  if (parent.deletedAt || parent.status !== "approved") {
    return refuse("not-found", NOT_FOUND_MESSAGE);
  }
  return canPost(viewer, article, now);
}
