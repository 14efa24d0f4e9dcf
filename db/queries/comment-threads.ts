import "server-only";
import type Database from "better-sqlite3";
import { getDb, type Db } from "@/db";
import type { CommentStatus } from "@/lib/vocabulary";
import { encodeCursor, parseCursor, type CursorPosition, type Sort, type TopCursorPosition } from "@/lib/article-view";

/*
 * The article page's comment reads: pages, threads, permalinks and cursors,
 * and the reader's own list. Raw prepared statements: each is one indexed
 * range scan (see comment-threads.explain.test.ts), and the SQL says plainly
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
