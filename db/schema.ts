/**
 * Every table, with its inferred row types beside it.
 * Timestamps are integer milliseconds (Drizzle `timestamp_ms` → Date).
 */
import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  ACCOUNT_ACTIONS,
  ARTICLE_STATUSES,
  COMMENT_STATUSES,
  EMAIL_TOKEN_PURPOSES,
  MAIL_STATUSES,
  MODERATION_ACTIONS,
  NOTIFICATION_KINDS,
  PREMOD_MODES,
  REPORT_REASONS,
  ROLES,
  STORY_SAVES,
  USER_STATUSES,
} from "../lib/vocabulary";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: integer("emailVerified", { mode: "timestamp_ms" }),
    /** `Email me when someone replies to me`: null follows the default (on once the address is confirmed). */
    replyEmails: integer("reply_emails", { mode: "boolean" }),
    /** The secret in this reader's one-click unsubscribe links (made with their first notification mail). */
    mailToken: text("mail_token").unique(),
    /** Staff opt-ins (issue 14): a mail when a comment is reported, and when one has waited too long for review. */
    reportEmails: integer("report_emails", { mode: "boolean" }).notNull().default(false),
    queueEmails: integer("queue_emails", { mode: "boolean" }).notNull().default(false),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull().default("reader"),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    suspendedUntil: integer("suspended_until", { mode: "timestamp_ms" }),
    statusReason: text("status_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    /** Goes up on a password reset or change and on "Sign out everywhere"; a session token carrying another is refused. */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [index("users_name_idx").on(t.name), index("users_role_idx").on(t.role)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Auth.js adapter tables (shape required by @auth/drizzle-adapter). */
export const accounts = sqliteTable(
  "accounts",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);
export type Account = typeof accounts.$inferSelect;

export const sessions = sqliteTable(
  "sessions",
  {
    sessionToken: text("sessionToken").primaryKey(),
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

export const verificationTokens = sqliteTable(
  "verificationTokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Failed and successful sign-ins, for throttling shared by every server process. */
export const signinAttempts = sqliteTable(
  "signin_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    index("signin_attempts_email_idx").on(t.email, t.createdAt),
    index("signin_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);
export type SigninAttempt = typeof signinAttempts.$inferSelect;

/**
 * Likes, edits and display-name changes, per account, for their rate limits
 * (lib/rate-limits.ts): each expires cached pages, so each is counted. Rows
 * older than the longest window are pruned as the account acts.
 */
export const accountActions = sqliteTable(
  "account_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    action: text("action", { enum: ACCOUNT_ACTIONS }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("account_actions_user_idx").on(t.userId, t.action, t.createdAt)],
);
export type AccountActionRow = typeof accountActions.$inferSelect;

/**
 * Sign-ups by client address, for SIGNUPS_PER_ADDRESS_PER_HOUR (issue 12,
 * finding 4). Only the address and the time: rows older than a day are pruned.
 */
export const signupAttempts = sqliteTable(
  "signup_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ip: text("ip").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("signup_attempts_ip_idx").on(t.ip, t.createdAt)],
);

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    dek: text("dek").notNull(),
    body: text("body").notNull(),
    section: text("section").notNull(),
    author: text("author").notNull(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: ARTICLE_STATUSES }).notNull().default("published"),
    commentsOpen: integer("comments_open", { mode: "boolean" }).notNull().default(true),
    premodOverride: text("premod_override", { enum: PREMOD_MODES }),
    /** Approved, not deleted comments (replies included); kept in the same transaction as every change. */
    commentCount: integer("comment_count").notNull().default(0),
    /** When an editor made this the front page's lead (`Make lead story`); the latest such published story leads. */
    leadAt: integer("lead_at", { mode: "timestamp_ms" }),
    /** Lead image: the content-addressed key of its files under UPLOADS_PATH (lib/images.ts), null for none. */
    imageKey: text("image_key"),
    imageWidth: integer("image_width"),
    imageHeight: integer("image_height"),
    /** The image's alt text; required whenever there is an image. */
    imageDescription: text("image_description"),
    imageCredit: text("image_credit"),
    /** The writer who owns the story (writers see and change only their own); null for imported stories. */
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** A scheduled story's publish time; the scheduler publishes it once due (lib/newsroom-scheduler). */
    publishAt: integer("publish_at", { mode: "timestamp_ms" }),
    /** When a published story was last changed; shown as "Updated". Null until then. */
    revisedAt: integer("revised_at", { mode: "timestamp_ms" }),
    /** An editor's correction note, shown at the foot of the story with its date. */
    correction: text("correction"),
    correctedAt: integer("corrected_at", { mode: "timestamp_ms" }),
    /** Bumped by every save; an editor opened on an older version is refused (the edit conflict). */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("articles_published_idx").on(t.status, t.publishedAt),
    index("articles_section_idx").on(t.section, t.status, t.publishedAt),
    // Search: is a matched story visible, and when was it published, without reading its body
    // (status and published_at sit after the body in the row). See db/queries/search.ts.
    index("articles_visible_idx").on(t.id, t.status, t.publishedAt),
    index("articles_lead_idx").on(t.leadAt),
    index("articles_due_idx").on(t.status, t.publishAt),
    index("articles_author_idx").on(t.authorId, t.updatedAt),
  ],
);
export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;

/** Every save of a story, whole, so History can list and restore it. */
export const articleRevisions = sqliteTable(
  "article_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** The story's version this save produced. */
    version: integer("version").notNull(),
    kind: text("kind", { enum: STORY_SAVES }).notNull(),
    savedBy: text("saved_by").references(() => users.id, { onDelete: "set null" }),
    /** Kept as written at the time, so History still names someone whose account is gone. */
    savedByName: text("saved_by_name").notNull(),
    savedAt: integer("saved_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: ARTICLE_STATUSES }).notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    dek: text("dek").notNull(),
    body: text("body").notNull(),
    section: text("section").notNull(),
    author: text("author").notNull(),
    imageKey: text("image_key"),
    imageWidth: integer("image_width"),
    imageHeight: integer("image_height"),
    imageDescription: text("image_description"),
    imageCredit: text("image_credit"),
    correction: text("correction"),
    publishAt: integer("publish_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("article_revisions_article_idx").on(t.articleId, t.id)],
);
export type ArticleRevision = typeof articleRevisions.$inferSelect;

/** A published story's former slugs: each answers 308 to the story's current URL. */
export const articleSlugs = sqliteTable("article_slugs", {
  slug: text("slug").primaryKey(),
  articleId: integer("article_id")
    .notNull()
    .references(() => articles.id, { onDelete: "cascade" }),
  retiredAt: integer("retired_at", { mode: "timestamp_ms" }).notNull(),
});

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    parentId: integer("parent_id"),
    /** Top-level ancestor (itself for a top-level comment): lets a permalink find its page. */
    rootId: integer("root_id"),
    /** 0 for top-level; replies nest up to 2 (shown at level 3), deeper ones stay at 2. */
    depth: integer("depth").notNull().default(0),
    /** Null once the author deleted their account ("Deleted user"). */
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    status: text("status", { enum: COMMENT_STATUSES }).notNull(),
    /** Why the comment is pending (held for review) or why a moderator decided. */
    statusReason: text("status_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    moderatedAt: integer("moderated_at", { mode: "timestamp_ms" }),
    moderatedBy: text("moderated_by").references(() => users.id, { onDelete: "set null" }),
    likeCount: integer("like_count").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    /** Visible (approved, not deleted) direct replies. */
    replyCount: integer("reply_count").notNull().default(0),
    pinnedAt: integer("pinned_at", { mode: "timestamp_ms" }),
    /** When a held comment, overdue for review, was first put in a moderator's mail. */
    overdueMailedAt: integer("overdue_mailed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Article page: one page of top-level comments, newest/oldest and top.
    index("comments_thread_time_idx").on(t.articleId, t.parentId, t.createdAt, t.id),
    index("comments_thread_top_idx").on(t.articleId, t.parentId, t.likeCount, t.createdAt, t.id),
    // First replies of each comment.
    index("comments_replies_idx").on(t.parentId, t.createdAt, t.id),
    // Rate limits, duplicate check, /account list.
    index("comments_author_idx").on(t.authorId, t.createdAt),
    // Moderation queues.
    index("comments_status_idx").on(t.status, t.createdAt),
    index("comments_reported_idx").on(t.reportCount, t.createdAt),
    // A reader's comments in one thread: the replies a reply mail gathers (db/queries/reply-mail.ts).
    index("comments_root_author_idx").on(t.rootId, t.authorId),
    // Held comments overdue for review and not yet mailed about (the mail sender's poll).
    index("comments_overdue_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending' and ${t.overdueMailedAt} is null`),
  ],
);
export type Comment = typeof comments.$inferSelect;
export type NewComment = typeof comments.$inferInsert;

export const commentLikes = sqliteTable(
  "comment_likes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.commentId] }), index("comment_likes_comment_idx").on(t.commentId)],
);
export type CommentLike = typeof commentLikes.$inferSelect;

export const commentReports = sqliteTable(
  "comment_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: REPORT_REASONS }).notNull(),
    note: text("note"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    /** Set when a moderator approves the comment: the report is dealt with. */
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("comment_reports_user_comment_idx").on(t.userId, t.commentId),
    index("comment_reports_comment_idx").on(t.commentId),
  ],
);
export type CommentReport = typeof commentReports.$inferSelect;

/** Append-only: the application has no update or delete for this table (triggers refuse them). */
export const moderationLog = sqliteTable(
  "moderation_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action", { enum: MODERATION_ACTIONS }).notNull(),
    targetType: text("target_type", { enum: ["comment", "user", "article", "settings"] }).notNull(),
    targetId: text("target_id").notNull(),
    targetLabel: text("target_label").notNull(),
    reason: text("reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    index("moderation_log_time_idx").on(t.createdAt),
    index("moderation_log_actor_idx").on(t.actorId, t.createdAt),
    index("moderation_log_target_idx").on(t.targetType, t.targetId),
  ],
);
export type ModerationLogEntry = typeof moderationLog.$inferSelect;

/**
 * The newsroom's sections (desks), in navigation order. A section's name is what
 * `articles.section` holds; a hidden section leaves the navigation, its stories stay.
 */
export const sections = sqliteTable(
  "sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    slug: text("slug").notNull().unique(),
    position: integer("position").notNull(),
    hidden: integer("hidden", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("sections_position_idx").on(t.position)],
);
export type SectionRow = typeof sections.$inferSelect;

/** Site-wide settings as JSON values under a key (banned words, pre-moderation mode, ...). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
});
export type Setting = typeof settings.$inferSelect;

/**
 * The mail outbox: a message is written in the same transaction as the event
 * that causes it, and the sender in the server process delivers it
 * (lib/mail/sender.ts). `messageId` is fixed at enqueue time, so a retry after
 * an uncertain send carries the same Message-ID.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: text("message_id").notNull().unique(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text_body").notNull(),
    html: text("html_body").notNull(),
    /** JSON object of extra headers (e.g. List-Unsubscribe), or null. */
    headers: text("headers"),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull().default(now),
    lastError: text("last_error"),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Mails that gather later events (a thread's replies): one key per reader and thread. */
    gatherKey: text("gather_key"),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_gather_idx").on(t.gatherKey, t.id),
  ],
);
export type MailOutboxRow = typeof mailOutbox.$inferSelect;

/**
 * Leases for background work that must run in one server process at a time
 * when several share the database (the mail sender; db/queries/leases.ts).
 * A holder keeps its lease by renewing it before `expiresAt`; a process that
 * dies simply stops renewing, and another claims the lease once it expires.
 */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Links mailed to a reader: a password reset, an address confirmation, a change
 * of address. Only the SHA-256 of the token is stored; `email` is the address
 * the link proves (the new one for a change). Used or expired rows stay until
 * the account goes, so a used link can say "already used".
 */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    purpose: text("purpose", { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId, t.purpose, t.createdAt)],
);
export type EmailTokenRow = typeof emailTokens.$inferSelect;

/**
 * Requests that send a link (reset, confirmation), counted per client address
 * and per account so nobody can use the site to flood an inbox. A request for
 * an email with no account is counted by address only.
 */
export const mailRequests = sqliteTable(
  "mail_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    purpose: text("purpose", { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    ip: text("ip").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("mail_requests_ip_idx").on(t.ip, t.createdAt),
    index("mail_requests_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * A reader's notifications: a reply to their comment, or a moderator's
 * decision on their pending one (with the reason). Written in the same
 * transaction as the event; gone with the account or the comment.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    /** Who replied, as named at the time. */
    actorName: text("actor_name"),
    /** A rejection's reason, as the moderator gave it. */
    reason: text("reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.id), index("notifications_unread_idx").on(t.userId, t.readAt)],
);
