import "server-only";
import type Database from "better-sqlite3";
import { getDb, writeTransaction, type Db } from "@/db";
import type { CommentStatus, PremodMode, Role, UserStatus } from "@/lib/vocabulary";
import { encodeCursor, parseCursor, type CursorPosition, type Sort, type TopCursorPosition } from "@/lib/article-view";
import { decideInitialStatus } from "@/lib/initial-status";
import {
  canDeleteComment,
  canEditComment,
  canPost,
  canReply,
  NOT_FOUND_MESSAGE,
  type PermissionViewer,
} from "@/lib/permissions";
import { checkRateLimit, RECENT_LIMIT } from "@/lib/rate-limits";
import { claimAccountAction } from "./account-actions";
import { getModerationSettingsIn, isRateLimitExemptIn } from "./settings";
import { getAutoCloseDays } from "@/db/queries/article-admin";
import { isAutoClosed } from "@/lib/auto-close";

/*
 * The article page's comment queries are raw prepared statements: each is one
 * indexed range scan (see comments.explain.test.ts), and the SQL says plainly
 * which index it walks. Visibility rules live in one SQL fragment (VISIBLE).
 */

export const PAGE_SIZE = 20;
export const REPLIES_SHOWN = 3;
export const THREAD_PAGE_SIZE = 50;
/** Stored depth never exceeds this: deeper replies stay at the third display level. */
export const MAX_DEPTH = 2;

export type RemovedKind = "deleted" | "moderator";

export type CommentItem = {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  /** Null once the author deleted their account ("Deleted user"). */
  author: { id: string; name: string } | null;
  /** Empty for a removed comment (its placeholder never carries the text). */
  body: string;
  status: CommentStatus;
  removed: RemovedKind | null;
  createdAt: Date;
  editedAt: Date | null;
  likeCount: number;
  /** Visible direct replies. */
  replyCount: number;
  likedByViewer: boolean;
  reportedByViewer: boolean;
  /** For a reply to a third-level comment: the name of whom it answers. */
  inReplyTo: string | null;
  replies: CommentItem[];
  /** More direct replies exist than are shown in `replies`. */
  moreReplies: boolean;
};

type Row = {
  id: number;
  article_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  author_id: string | null;
  author_name: string | null;
  body: string;
  status: CommentStatus;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  like_count: number;
  reply_count: number;
  parent_depth: number | null;
  parent_author_name: string | null;
};

const COLUMNS = `c.id, c.article_id, c.parent_id, c.root_id, c.depth, c.author_id, u.name as author_name,
  case when c.deleted_at is null and c.status != 'rejected' then c.body else '' end as body,
  c.status, c.created_at, c.edited_at, c.deleted_at, c.like_count, c.reply_count,
  p.depth as parent_depth, pu.name as parent_author_name`;
const JOINS = `left join users u on u.id = c.author_id
  left join comments p on p.id = c.parent_id
  left join users pu on pu.id = p.author_id`;

/**
 * Who sees what — the one visibility rule of the public thread, used by every
 * thread query (page, replies, thread view, permalink): published comments;
 * the viewer's own held comments (staff see others' in the queues and the
 * permalink box, not in threads); and a removed comment only as a
 * placeholder while it still has visible replies. The table in
 * comments.test.ts ("who sees which comment") spells it out case by case.
 */
const VISIBLE = `(
  (c.deleted_at is null and (c.status = 'approved' or (c.status = 'pending' and c.author_id = @viewer)))
  or ((c.deleted_at is not null or c.status = 'rejected') and c.reply_count > 0)
)`;

// Prepared statements are reused per SQL text by the connection itself (db/index.ts).
function stmt(db: Db, sql: string): Database.Statement {
  return db.$client.prepare(sql);
}

function toItem(row: Row): CommentItem {
  const removed: RemovedKind | null =
    row.deleted_at !== null ? "deleted" : row.status === "rejected" ? "moderator" : null;
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    rootId: row.root_id ?? row.id,
    depth: row.depth,
    author: row.author_id && row.author_name !== null ? { id: row.author_id, name: row.author_name } : null,
    body: row.body,
    status: row.status,
    removed,
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
    likeCount: row.like_count,
    replyCount: row.reply_count,
    likedByViewer: false,
    reportedByViewer: false,
    inReplyTo:
      row.depth >= MAX_DEPTH && (row.parent_depth ?? 0) >= MAX_DEPTH
        ? (row.parent_author_name ?? "Deleted user")
        : null,
    replies: [],
    moreReplies: false,
  };
}

// ---------------------------------------------------------------------------
// Cursors: see lib/article-view (the proxy's cache-key rule rebuilds them too).

type TimeCursor = CursorPosition;
type TopCursor = TopCursorPosition;

// ---------------------------------------------------------------------------
// Reading

const TOP_LEVEL_NEWEST = `select ${COLUMNS} from comments c ${JOINS}
  where c.article_id = @articleId and c.parent_id is null and (c.created_at, c.id) < (@ts, @id) and ${VISIBLE}
  order by c.created_at desc, c.id desc limit @limit`;
const TOP_LEVEL_OLDEST = `select ${COLUMNS} from comments c ${JOINS}
  where c.article_id = @articleId and c.parent_id is null and (c.created_at, c.id) > (@ts, @id) and ${VISIBLE}
  order by c.created_at asc, c.id asc limit @limit`;
// Top: walk one like-count group at a time, each in posting order, so every
// step is an index range (a mixed-direction ORDER BY would sort the whole thread).
const TOP_GROUP = `select ${COLUMNS} from comments c ${JOINS}
  where c.article_id = @articleId and c.parent_id is null and c.like_count = @likes
    and (c.created_at, c.id) > (@ts, @id) and ${VISIBLE}
  order by c.created_at asc, c.id asc limit @limit`;
const TOP_NEXT_GROUP = `select c.like_count as likes from comments c
  where c.article_id = @articleId and c.parent_id is null and c.like_count < @likes
  order by c.like_count desc limit 1`;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function listTopLevel(
  db: Db,
  {
    articleId,
    viewerId,
    sort,
    cursor,
    limit,
  }: { articleId: number; viewerId: string | null; sort: Sort; cursor: TimeCursor | TopCursor | null; limit: number },
): Row[] {
  const base = { articleId, viewer: viewerId };
  if (sort === "newest") {
    const c = cursor ?? { ts: MAX_SAFE, id: MAX_SAFE };
    return stmt(db, TOP_LEVEL_NEWEST).all({ ...base, ts: c.ts, id: c.id, limit }) as Row[];
  }
  if (sort === "oldest") {
    const c = cursor ?? { ts: -MAX_SAFE, id: -MAX_SAFE };
    return stmt(db, TOP_LEVEL_OLDEST).all({ ...base, ts: c.ts, id: c.id, limit }) as Row[];
  }
  const rows: Row[] = [];
  let group: TopCursor | null = cursor && "likes" in cursor ? cursor : null;
  if (!group) {
    const first = stmt(db, TOP_NEXT_GROUP).get({ articleId, likes: MAX_SAFE }) as { likes: number } | undefined;
    if (!first) return rows;
    group = { likes: first.likes, ts: -MAX_SAFE, id: -MAX_SAFE };
  }
  // Bounded: each step either fills the page or moves to a lower like count.
  for (let step = 0; step < 500 && rows.length < limit; step++) {
    rows.push(
      ...(stmt(db, TOP_GROUP).all({
        ...base,
        likes: group.likes,
        ts: group.ts,
        id: group.id,
        limit: limit - rows.length,
      }) as Row[]),
    );
    if (rows.length >= limit) break;
    const next = stmt(db, TOP_NEXT_GROUP).get({ articleId, likes: group.likes }) as { likes: number } | undefined;
    if (!next) break;
    group = { likes: next.likes, ts: -MAX_SAFE, id: -MAX_SAFE };
  }
  return rows;
}

function repliesSql(count: number): string {
  const part = (i: number) =>
    `select * from (select ${COLUMNS} from comments c ${JOINS}
      where c.parent_id = @p${i} and ${VISIBLE} order by c.created_at asc, c.id asc limit @limit)`;
  return Array.from({ length: count }, (_, i) => part(i)).join("\nunion all\n");
}

// Statement sizes (parents per statement): few distinct SQL texts, little padding.
const REPLY_BATCHES = [1, 5, 20] as const;

// Most comments have no replies at all: one index probe each finds the parents
// worth querying (each part of the replies statement costs ~30 µs even when empty).
const PARENTS_WITH_REPLIES = `select value as id from json_each(?)
  where exists (select 1 from comments r where r.parent_id = value)`;

/**
 * The first `limit` visible direct replies of each parent, oldest first, in one
 * statement per up to 20 parents that have any reply: each part is a LIMITed
 * range on comments_replies_idx, so a comment with 10,000 replies costs the
 * same as one with four. Returns `limit + 1` rows at most per parent so callers
 * know whether more exist.
 */
function listReplyRows(
  db: Db,
  { parentIds, viewerId, limit }: { parentIds: number[]; viewerId: string | null; limit: number },
): Row[] {
  if (parentIds.length === 0) return [];
  const withReplies = (stmt(db, PARENTS_WITH_REPLIES).all(JSON.stringify(parentIds)) as { id: number }[]).map(
    (r) => r.id,
  );
  const out: Row[] = [];
  for (let i = 0; i < withReplies.length;) {
    const left = withReplies.length - i;
    const size: number = REPLY_BATCHES.find((n) => n >= left) ?? 20;
    const batch = withReplies.slice(i, i + size);
    i += batch.length;
    const params: Record<string, unknown> = { viewer: viewerId, limit: limit + 1 };
    for (let j = 0; j < size; j++) params[`p${j}`] = batch[j] ?? -1;
    out.push(...(stmt(db, repliesSql(size)).all(params) as Row[]));
  }
  return out;
}

/** Replies grouped by parent, with the "more" flag, as CommentItems. */
export function listReplies({
  parentIds,
  viewerId,
  limit = REPLIES_SHOWN,
}: {
  parentIds: number[];
  viewerId: string | null;
  limit?: number;
}): Map<number, { replies: CommentItem[]; more: boolean }> {
  return groupReplies(listReplyRows(getDb(), { parentIds, viewerId, limit }), parentIds, limit);
}

function groupReplies(rows: Row[], parentIds: number[], limit: number) {
  const map = new Map<number, { replies: CommentItem[]; more: boolean }>();
  for (const id of parentIds) map.set(id, { replies: [], more: false });
  for (const row of rows) {
    const entry = map.get(row.parent_id!);
    if (!entry) continue;
    if (entry.replies.length < limit) entry.replies.push(toItem(row));
    else entry.more = true;
  }
  return map;
}

const LIKED_SQL = `select comment_id as id from comment_likes where user_id = ? and comment_id in (select value from json_each(?))`;
const REPORTED_SQL = `select comment_id as id from comment_reports where user_id = ? and comment_id in (select value from json_each(?))`;

function markViewerState(db: Db, items: CommentItem[], viewerId: string | null): void {
  if (!viewerId || items.length === 0) return;
  const ids = JSON.stringify(items.map((i) => i.id));
  const liked = new Set((stmt(db, LIKED_SQL).all(viewerId, ids) as { id: number }[]).map((r) => r.id));
  const reported = new Set((stmt(db, REPORTED_SQL).all(viewerId, ids) as { id: number }[]).map((r) => r.id));
  for (const item of items) {
    item.likedByViewer = liked.has(item.id);
    item.reportedByViewer = reported.has(item.id);
  }
}

/** Attaches two levels of replies (first `REPLIES_SHOWN` each) under `items`, plus viewer likes/reports. */
function attachReplies(db: Db, items: CommentItem[], viewerId: string | null, levels: number): void {
  const all: CommentItem[] = [...items];
  let level = items;
  for (let l = 0; l < levels && level.length > 0; l++) {
    // Third-level comments' own replies are reached through their thread link.
    const parents = level.filter((i) => i.depth < MAX_DEPTH || l === 0);
    const grouped = groupReplies(
      listReplyRows(db, { parentIds: parents.map((p) => p.id), viewerId, limit: REPLIES_SHOWN }),
      parents.map((p) => p.id),
      REPLIES_SHOWN,
    );
    const next: CommentItem[] = [];
    for (const parent of parents) {
      const g = grouped.get(parent.id)!;
      parent.replies = g.replies;
      parent.moreReplies = g.more;
      next.push(...g.replies);
    }
    all.push(...next);
    level = next;
  }
  markViewerState(db, all, viewerId);
}

export type CommentsPage = {
  items: CommentItem[];
  /** Cursor for `Show more comments`, or null on the last page. */
  nextCursor: string | null;
};

/** One page of top-level comments, each with its first replies two levels deep. */
export function listCommentsPage({
  articleId,
  viewerId,
  sort,
  after,
  limit = PAGE_SIZE,
}: {
  articleId: number;
  viewerId: string | null;
  sort: Sort;
  after: string | null;
  limit?: number;
}): CommentsPage {
  const db = getDb();
  const rows = listTopLevel(db, { articleId, viewerId, sort, cursor: parseCursor(sort, after), limit: limit + 1 });
  const items = rows.slice(0, limit).map(toItem);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(sort, last) : null;
  attachReplies(db, items, viewerId, 2);
  return { items, nextCursor };
}

const ONE_SQL = `select ${COLUMNS} from comments c ${JOINS} where c.id = @id and c.article_id = @articleId and ${VISIBLE}`;
const THREAD_REPLIES_SQL = `select ${COLUMNS} from comments c ${JOINS}
  where c.parent_id = @parentId and (c.created_at, c.id) > (@ts, @id) and ${VISIBLE}
  order by c.created_at asc, c.id asc limit @limit`;

export type ThreadPage = {
  /** The comment whose replies are listed. */
  focus: CommentItem;
  /** Cursor for the next page of the focus's direct replies, or null. */
  nextCursor: string | null;
};

/**
 * One comment and a page of its direct replies (oldest first), each with its
 * first replies: the "view all replies" view and the landing place of permalinks.
 */
export function getThread({
  articleId,
  commentId,
  viewerId,
  after,
  limit = THREAD_PAGE_SIZE,
}: {
  articleId: number;
  commentId: number;
  viewerId: string | null;
  after: string | null;
  limit?: number;
}): ThreadPage | null {
  const db = getDb();
  const row = stmt(db, ONE_SQL).get({ id: commentId, articleId, viewer: viewerId }) as Row | undefined;
  if (!row) return null;
  const focus = toItem(row);
  const cursor = parseCursor("oldest", after) ?? { ts: -MAX_SAFE, id: -MAX_SAFE };
  const rows = stmt(db, THREAD_REPLIES_SQL).all({
    parentId: commentId,
    ts: cursor.ts,
    id: cursor.id,
    viewer: viewerId,
    limit: limit + 1,
  }) as Row[];
  focus.replies = rows.slice(0, limit).map(toItem);
  const last = focus.replies[focus.replies.length - 1];
  focus.moreReplies = rows.length > limit;
  const nextCursor = rows.length > limit && last ? encodeCursor("oldest", last) : null;
  attachReplies(db, focus.replies, viewerId, 1);
  markViewerState(db, [focus], viewerId);
  return { focus, nextCursor };
}

export type CommentLocation =
  { kind: "page"; after: string | null } | { kind: "thread"; threadId: number; after: string | null };

/**
 * Where a permalinked comment lives: a top-level comment opens the page that
 * starts with it (in the given sort); a reply opens its parent's thread starting
 * at the reply. Null when the viewer may not see it (or it is on another article).
 */
export function findCommentPage({
  articleId,
  commentId,
  viewerId,
  sort,
}: {
  articleId: number;
  commentId: number;
  viewerId: string | null;
  sort: Sort;
}): CommentLocation | null {
  const db = getDb();
  const row = stmt(db, ONE_SQL).get({ id: commentId, articleId, viewer: viewerId }) as Row | undefined;
  if (!row) return null;
  const ts = row.created_at;
  if (row.parent_id === null) {
    // A cursor just before the comment in the sort's order.
    if (sort === "newest") return { kind: "page", after: `${ts}_${row.id + 1}` };
    if (sort === "oldest") return { kind: "page", after: `${ts}_${row.id - 1}` };
    return { kind: "page", after: `${row.like_count}_${ts}_${row.id - 1}` };
  }
  return { kind: "thread", threadId: row.parent_id, after: `${ts}_${row.id - 1}` };
}

/** Approved, not deleted comments of an article (replies included): the stored count. */
export function countVisibleComments({ articleId }: { articleId: number }): number {
  const row = stmt(getDb(), `select comment_count as n from articles where id = ?`).get(articleId) as
    { n: number } | undefined;
  return row?.n ?? 0;
}

export type CommentRecord = {
  id: number;
  articleId: number;
  articleSlug: string;
  articleSection: string;
  articleCommentsOpen: boolean;
  articleStatus: "draft" | "published";
  articlePublishedAt: Date;
  parentId: number | null;
  depth: number;
  authorId: string | null;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  deletedAt: Date | null;
};

const RECORD_SQL = `select c.id, c.article_id, a.slug, a.section, a.comments_open, a.status as article_status, a.published_at, c.parent_id, c.depth,
  c.author_id, c.body, c.status, c.created_at, c.deleted_at
  from comments c join articles a on a.id = c.article_id where c.id = ?`;

type RecordRow = {
  id: number;
  article_id: number;
  slug: string;
  section: string;
  comments_open: number;
  article_status: "draft" | "published";
  published_at: number;
  parent_id: number | null;
  depth: number;
  author_id: string | null;
  body: string;
  status: CommentStatus;
  created_at: number;
  deleted_at: number | null;
};

function readRecord(db: Db, commentId: number): CommentRecord | null {
  const r = stmt(db, RECORD_SQL).get(commentId) as RecordRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    articleId: r.article_id,
    articleSlug: r.slug,
    articleSection: r.section,
    articleCommentsOpen: r.comments_open === 1,
    articleStatus: r.article_status,
    articlePublishedAt: new Date(r.published_at),
    parentId: r.parent_id,
    depth: r.depth,
    authorId: r.author_id,
    body: r.body,
    status: r.status,
    createdAt: new Date(r.created_at),
    deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at),
  };
}

/** A comment with what permission checks need to know about it and its article. */
export function getCommentRecord({ commentId }: { commentId: number }): CommentRecord | null {
  return readRecord(getDb(), commentId);
}

export type AuthorCommentItem = {
  id: number;
  body: string;
  status: CommentStatus;
  statusReason: string | null;
  deleted: boolean;
  createdAt: Date;
  article: { slug: string; title: string };
};

/** The reader's own comments, newest first, for /account (their status and a link to each). */
export function listCommentsByAuthor({
  authorId,
  limit = 50,
  before,
}: {
  authorId: string;
  limit?: number;
  /** Only comments posted before this time (for paging). */
  before?: Date;
}): AuthorCommentItem[] {
  const rows = stmt(
    getDb(),
    `select c.id, c.body, c.status, c.status_reason, c.deleted_at, c.created_at, a.slug, a.title
     from comments c join articles a on a.id = c.article_id
     where c.author_id = ? and c.created_at < ?
     order by c.created_at desc limit ?`,
  ).all(authorId, before?.getTime() ?? MAX_SAFE, limit) as {
    id: number;
    body: string;
    status: CommentStatus;
    status_reason: string | null;
    deleted_at: number | null;
    created_at: number;
    slug: string;
    title: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    status: r.status,
    statusReason: r.status_reason,
    deleted: r.deleted_at !== null,
    createdAt: new Date(r.created_at),
    article: { slug: r.slug, title: r.title },
  }));
}

// ---------------------------------------------------------------------------
// Writing. Each write is one BEGIN IMMEDIATE transaction that re-reads what it
// decides on (the user's standing, the article, the parent) and keeps the
// stored counts right.

type UserRow = {
  id: string;
  role: Role;
  status: UserStatus;
  suspended_until: number | null;
  status_reason: string | null;
  created_at: number;
};

/** The user's role and standing as the database holds them now (for writes in other query modules). */
export function readUserForWrite(db: Db, userId: string): (PermissionViewer & { createdAt: Date }) | null {
  const u = stmt(db, `select id, role, status, suspended_until, status_reason, created_at from users where id = ?`).get(
    userId,
  ) as UserRow | undefined;
  if (!u) return null;
  return {
    id: u.id,
    role: u.role,
    status: u.status,
    suspendedUntil: u.suspended_until === null ? null : new Date(u.suspended_until),
    statusReason: u.status_reason,
    createdAt: new Date(u.created_at),
  };
}

type ArticleRow = {
  id: number;
  slug: string;
  comments_open: number;
  status: "draft" | "published";
  premod_override: PremodMode | null;
  published_at: number;
};

function readArticle(db: Db, articleId: number): ArticleRow | null {
  return (
    (stmt(db, `select id, slug, comments_open, status, premod_override, published_at from articles where id = ?`).get(
      articleId,
    ) as ArticleRow | undefined) ?? null
  );
}

/** The article as permission checks see it: the site's "close comments after N days" setting closes it too. */
function permArticle(a: { commentsOpen: boolean; status: "draft" | "published"; publishedAt: Date }) {
  const autoClosed = isAutoClosed(a.publishedAt, getAutoCloseDays(), new Date());
  return { commentsOpen: a.commentsOpen && !autoClosed, status: a.status };
}

function permArticleOfRow(a: ArticleRow) {
  return permArticle({ commentsOpen: a.comments_open === 1, status: a.status, publishedAt: new Date(a.published_at) });
}

/**
 * The article of a comment as every permission check sees it: closed when
 * closed by hand or by age (auto-close), so no write on a closed thread passes.
 */
export function articleOfComment(record: CommentRecord) {
  return permArticle({
    commentsOpen: record.articleCommentsOpen,
    status: record.articleStatus,
    publishedAt: record.articlePublishedAt,
  });
}

/**
 * A comment and its article as the like and report checks need them, read
 * inside the caller's write transaction (auto-close applies here too).
 */
export function readCommentForReaction(db: Db, commentId: number) {
  const record = readRecord(db, commentId);
  if (!record) return null;
  return { articleSlug: record.articleSlug, comment: record, article: articleOfComment(record) };
}

/** Keeps `articles.comment_count` and the parent's `reply_count` in step with one comment's visibility. */
function adjustCounts(db: Db, comment: { articleId: number; parentId: number | null }, delta: 1 | -1): void {
  stmt(db, `update articles set comment_count = max(0, comment_count + ?) where id = ?`).run(delta, comment.articleId);
  if (comment.parentId !== null) {
    stmt(db, `update comments set reply_count = max(0, reply_count + ?) where id = ?`).run(delta, comment.parentId);
  }
}

const isVisible = (c: { status: CommentStatus; deletedAt: Date | null }) => c.status === "approved" && !c.deletedAt;

/** Counts the author's approved comments, stopping at `cap` (all the rules need to know). */
function countApproved(db: Db, authorId: string, cap: number, exceptId?: number): number {
  // `+status`: keeps SQLite on comments_author_idx; on comments_status_idx it scanned every approved comment on the site.
  const row = stmt(
    db,
    `select count(*) as n from (select 1 from comments where author_id = ? and +status = 'approved' and deleted_at is null and id != ? limit ?)`,
  ).get(authorId, exceptId ?? -1, cap) as { n: number };
  return row.n;
}

export type WriteResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

export type CreateCommentResult = WriteResult<{
  id: number;
  status: "approved" | "pending";
  reason: string | null;
  articleSlug: string;
}>;

/**
 * Posts a comment or reply, all in one immediate transaction: the author's
 * standing, the article, the parent, the rate limits and the initial status are
 * decided on what the database holds at this moment.
 */
export function createComment({
  articleId,
  authorId,
  parentId = null,
  body,
  now = new Date(),
}: {
  articleId: number;
  authorId: string;
  parentId?: number | null;
  body: string;
  now?: Date;
}): CreateCommentResult {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, authorId);
    if (!user) return { ok: false, message: "Sign in to comment." };
    const article = readArticle(db, articleId);
    if (!article) return { ok: false, message: NOT_FOUND_MESSAGE };
    const open = canPost(user, permArticleOfRow(article), now);
    if (!open.ok) return { ok: false, message: open.message };

    let depth = 0;
    let rootId: number | null = null;
    if (parentId !== null) {
      const parent = readRecord(db, parentId);
      if (!parent || parent.articleId !== articleId) return { ok: false, message: NOT_FOUND_MESSAGE };
      const allowed = canReply(user, parent, now, permArticleOfRow(article));
      if (!allowed.ok) return { ok: false, message: allowed.message };
      depth = Math.min(parent.depth + 1, MAX_DEPTH);
      rootId = (stmt(db, `select coalesce(root_id, id) as r from comments where id = ?`).get(parentId) as { r: number })
        .r;
    }

    const recent = stmt(
      db,
      `select created_at, body from comments where author_id = ? and created_at > ? order by created_at desc limit ?`,
    ).all(authorId, now.getTime() - 24 * 60 * 60_000, RECENT_LIMIT) as { created_at: number; body: string }[];
    const limit = checkRateLimit({
      recent: recent.map((r) => ({ createdAt: new Date(r.created_at), body: r.body })),
      accountCreatedAt: user.createdAt,
      text: body,
      now,
      unlimited: isRateLimitExemptIn(db, authorId),
    });
    if (!limit.ok) return { ok: false, message: limit.message };

    const settings = getModerationSettingsIn(db);
    const decision = decideInitialStatus({
      text: body,
      author: {
        role: user.role,
        approvedCount: countApproved(db, authorId, Math.max(settings.premodNewThreshold, 1)),
        createdAt: user.createdAt,
      },
      articlePremod: article.premod_override,
      settings,
    });
    if (decision.status === "refused") return { ok: false, message: decision.message };

    const inserted = stmt(
      db,
      `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, status_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(articleId, parentId, rootId, depth, authorId, body, decision.status, decision.reason, now.getTime()) as {
      id: number;
    };
    if (rootId === null) stmt(db, `update comments set root_id = id where id = ?`).run(inserted.id);
    if (decision.status === "approved") adjustCounts(db, { articleId, parentId }, 1);
    return { ok: true, id: inserted.id, status: decision.status, reason: decision.reason, articleSlug: article.slug };
  });
}

/**
 * Edits one's own comment within the edit window. The new text passes the same
 * word rules: a banned word refuses the edit; a reason to hold it sends a
 * published comment back to review. Edits are limited per account.
 */
export function editComment({
  commentId,
  userId,
  body,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  body: string;
  now?: Date;
}): WriteResult<{ articleSlug: string; status: CommentStatus }> {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, userId);
    const comment = readRecord(db, commentId);
    if (!user || !comment) return { ok: false, message: NOT_FOUND_MESSAGE };
    const allowed = canEditComment(user, comment, now, articleOfComment(comment));
    if (!allowed.ok) return { ok: false, message: allowed.message };
    const article = readArticle(db, comment.articleId)!;
    const settings = getModerationSettingsIn(db);
    const decision = decideInitialStatus({
      text: body,
      author: {
        role: user.role,
        approvedCount: countApproved(db, userId, Math.max(settings.premodNewThreshold, 1), commentId),
        createdAt: user.createdAt,
      },
      articlePremod: article.premod_override,
      settings,
    });
    if (decision.status === "refused") return { ok: false, message: decision.message };
    const limit = claimAccountAction(db, { userId, action: "edit", now });
    if (!limit.ok) return { ok: false, message: limit.message };
    // An edit never publishes a held comment; it may hold a published one.
    const hold = decision.status === "pending" && comment.status === "approved";
    const status: CommentStatus = hold ? "pending" : comment.status;
    stmt(
      db,
      `update comments set body = ?, edited_at = ?, status = ?, status_reason = case when ? then ? else status_reason end where id = ?`,
    ).run(body, now.getTime(), status, hold ? 1 : 0, hold ? decision.reason : null, commentId);
    if (hold) adjustCounts(db, comment, -1);
    return { ok: true, articleSlug: comment.articleSlug, status };
  });
}

/** Soft-deletes one's own comment: it leaves the counts, and leaves a placeholder only while it has replies. */
export function deleteComment({
  commentId,
  userId,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  now?: Date;
}): WriteResult<{ articleSlug: string; hadReplies: boolean }> {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, userId);
    const comment = readRecord(db, commentId);
    if (!user || !comment) return { ok: false, message: NOT_FOUND_MESSAGE };
    const allowed = canDeleteComment(user, comment, articleOfComment(comment));
    if (!allowed.ok) return { ok: false, message: allowed.message };
    stmt(db, `update comments set deleted_at = ? where id = ?`).run(now.getTime(), commentId);
    if (isVisible(comment)) adjustCounts(db, comment, -1);
    const replies = (stmt(db, `select reply_count as n from comments where id = ?`).get(commentId) as { n: number }).n;
    return { ok: true, articleSlug: comment.articleSlug, hadReplies: replies > 0 };
  });
}

/**
 * A moderator's decision on a comment (approve, reject, hold). Keeps the article's
 * count and the parent's reply count right in the same transaction; safe to call
 * inside the caller's own writeTransaction (it nests as a savepoint).
 * Returns null when the comment does not exist.
 */
export function setCommentStatus({
  commentId,
  status,
  reason = null,
  moderatorId,
  now = new Date(),
}: {
  commentId: number;
  status: CommentStatus;
  reason?: string | null;
  moderatorId: string | null;
  now?: Date;
}): { articleSlug: string; articleId: number; previousStatus: CommentStatus } | null {
  return writeTransaction((db) => {
    const comment = readRecord(db, commentId);
    if (!comment) return null;
    const before = isVisible(comment);
    const after = isVisible({ status, deletedAt: comment.deletedAt });
    stmt(db, `update comments set status = ?, status_reason = ?, moderated_at = ?, moderated_by = ? where id = ?`).run(
      status,
      reason,
      now.getTime(),
      moderatorId,
      commentId,
    );
    if (before !== after) adjustCounts(db, comment, after ? 1 : -1);
    return { articleSlug: comment.articleSlug, articleId: comment.articleId, previousStatus: comment.status };
  });
}

/** Re-derives an article's stored counts from its rows (repair tool and test oracle; reads the whole thread). */
export function recountArticleComments({ articleId }: { articleId: number }): void {
  writeTransaction((db) => {
    db.$client
      .prepare(
        `update comments set reply_count = (select count(*) from comments r where r.parent_id = comments.id and r.status = 'approved' and r.deleted_at is null)
         where article_id = ?`,
      )
      .run(articleId);
    db.$client
      .prepare(
        `update articles set comment_count = (select count(*) from comments c where c.article_id = articles.id and c.status = 'approved' and c.deleted_at is null)
         where id = ?`,
      )
      .run(articleId);
  });
}
