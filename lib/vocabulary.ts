/**
 * The product's words for roles, statuses and decisions, defined once. The
 * database schema takes its column enums from here; lib/ and components/ use
 * these without reaching into db/.
 */

/** Who someone is on the site. What each may do lives in lib/roles.ts (roles are not a ladder). */
export const ROLES = ["reader", "writer", "moderator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** A role's name on a badge or the account page, and in a sentence ("is now an editor"). */
export const ROLE_LABELS: Record<Role, { title: string; withArticle: string }> = {
  reader: { title: "Reader", withArticle: "a reader" },
  writer: { title: "Writer", withArticle: "a writer" },
  moderator: { title: "Moderator", withArticle: "a moderator" },
  editor: { title: "Editor", withArticle: "an editor" },
  admin: { title: "Admin", withArticle: "an admin" },
};

export const USER_STATUSES = ["active", "suspended", "banned"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** What a reader does that is rate-limited per account (each one expires cached pages). */
export const ACCOUNT_ACTIONS = ["like", "edit", "rename"] as const;

/**
 * A story's state: being written, submitted by a writer for an editor, waiting
 * for its publish time, or on the site. Only "published" stories are public.
 */
export const ARTICLE_STATUSES = ["draft", "review", "scheduled", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Pre-moderation: off, readers without an approved comment ("new"), or everyone. Per article, null follows the site. */
export const PREMOD_MODES = ["off", "new", "all"] as const;
export type PremodMode = (typeof PREMOD_MODES)[number];

export const COMMENT_STATUSES = ["pending", "approved", "rejected"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const REPORT_REASONS = ["spam", "abuse", "off-topic", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const MODERATION_ACTIONS = [
  "approve",
  "reject",
  "suspend",
  "ban",
  "lift",
  "role",
  "settings",
  "close-comments",
  "open-comments",
  "article-premod",
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** A queued mail: waiting (first try or a retry), delivered, or given up on (permanent refusal or a day of failures). */
export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What a mailed link proves: a password reset, the account's address, or a new address. */
export const EMAIL_TOKEN_PURPOSES = ["reset", "confirm", "change-email"] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/** What a save of a story did; each one is kept as a revision (History). */
export const STORY_SAVES = [
  "draft",
  "submit",
  "publish",
  "schedule",
  "update",
  "unpublish",
  "restore",
  "auto-publish",
  "import",
] as const;
export type StorySave = (typeof STORY_SAVES)[number];

/** What a reader is told about in /notifications: a reply to their comment, a decision on their pending one. */
export const NOTIFICATION_KINDS = ["reply", "approved", "rejected"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
