/**
 * The article page's comment queries must walk an index, never the whole
 * comments table: the cost of a page stays flat as a thread grows.
 * Every statement the page runs is captured, then explained on a database
 * with tens of thousands of comments (so the planner has real statistics).
 */
import type Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { findCommentPage, getThread, listCommentsPage } from "./comment-threads";
import { createComment, deleteComment, editComment } from "./comment-writes";
import { toggleLike } from "./likes";
import { reportComment } from "./reports";

type Captured = { sql: string; args: unknown[] };
const captured: Captured[] = [];
let capturing = false;
let articleId = 0;
let viewerId = "";
let focusId = 0;
let replyId = 0;

function capture(client: Database.Database) {
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const record =
      (method: "all" | "get" | "run" | "iterate") =>
      (...args: unknown[]) => {
        if (capturing) captured.push({ sql, args });
        return (statement[method] as (...a: unknown[]) => unknown)(...args);
      };
    return new Proxy(statement, {
      get(target, prop, receiver) {
        if (prop === "all" || prop === "get" || prop === "run" || prop === "iterate") return record(prop);
        return Reflect.get(target, prop, receiver);
      },
    });
  }) as typeof client.prepare;
}

beforeAll(() => {
  const db = getDb();
  const sqlite = db.$client;
  viewerId = "viewer-explain";
  sqlite
    .prepare(`insert into users (id, name, email, created_at) values (?, 'Viewer', 'viewer-explain@example.test', 0)`)
    .run(viewerId);
  // Enough users that the planner would notice a scan of them too.
  const addUser = sqlite.prepare(`insert into users (id, name, email, created_at) values (?, ?, ?, 0)`);
  const authors: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      authors.push(`explain-author-${i}`);
      addUser.run(`explain-author-${i}`, `Author ${i}`, `explain-author-${i}@example.test`);
    }
  })();
  const articles: number[] = [];
  for (let a = 0; a < 3; a++) {
    const { id } = sqlite
      .prepare(
        `insert into articles (slug, title, dek, body, section, author, published_at, updated_at) values (?, 'T', 'D', 'B', 's', 'A', 0, 0) returning id`,
      )
      .get(`explain-${a}`) as { id: number };
    articles.push(id);
  }
  const insert = sqlite.prepare(
    `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, created_at, like_count, reply_count)
     values (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?) returning id`,
  );
  sqlite.transaction(() => {
    for (const article of articles) {
      const tops: number[] = [];
      for (let i = 0; i < 12_000; i++) {
        const status = i % 50 === 0 ? "pending" : i % 77 === 0 ? "rejected" : "approved";
        if (i % 5 === 4 && tops.length > 0) {
          const parent = tops[Math.floor(tops.length * 0.9)]!;
          const r = insert.get(article, parent, parent, 1, authors[i % authors.length], status, i * 1000, i % 4, 0) as {
            id: number;
          };
          replyId = r.id;
          focusId = parent;
        } else {
          const r = insert.get(
            article,
            null,
            null,
            0,
            i % 9 === 0 ? viewerId : authors[i % authors.length],
            status,
            i * 1000,
            i % 13,
            3,
          ) as { id: number };
          tops.push(r.id);
        }
      }
    }
    sqlite.prepare(`update comments set root_id = id where root_id is null`).run();
  })();
  // The last article is the one whose ids focusId and replyId hold.
  articleId = articles[articles.length - 1]!;
  sqlite.prepare(`update comments set status = 'approved', deleted_at = null where id in (?, ?)`).run(focusId, replyId);
  sqlite.exec("analyze");
  capture(sqlite);
  capturing = true;

  // Everything the article page can run, as the anonymous and a signed-in viewer.
  for (const viewer of [null, viewerId]) {
    for (const sort of ["newest", "oldest", "top"] as const) {
      const first = listCommentsPage({ articleId, viewerId: viewer, sort, after: null });
      listCommentsPage({ articleId, viewerId: viewer, sort, after: first.nextCursor });
      const loc = findCommentPage({ articleId, commentId: focusId, viewerId: viewer, sort });
      if (loc?.kind === "page") listCommentsPage({ articleId, viewerId: viewer, sort, after: loc.after });
    }
    const thread = getThread({ articleId, commentId: focusId, viewerId: viewer, after: null, limit: 5 });
    getThread({ articleId, commentId: focusId, viewerId: viewer, after: thread?.nextCursor ?? null });
    findCommentPage({ articleId, commentId: replyId, viewerId: viewer, sort: "newest" });
  }
  // The write path too: posting must not slow down as the site grows.
  const posted = createComment({ articleId, authorId: viewerId, body: "A new comment", now: new Date() });
  if (!posted.ok) throw new Error(posted.message);
  const reply = createComment({
    articleId,
    authorId: viewerId,
    parentId: focusId,
    body: "A new reply",
    now: new Date(Date.now() + 20_000),
  });
  if (!reply.ok) throw new Error(reply.message);
  editComment({
    commentId: posted.id,
    userId: viewerId,
    body: "An edited comment",
    now: new Date(Date.now() + 30_000),
  });
  deleteComment({ commentId: reply.id, userId: viewerId });
  toggleLike({ commentId: focusId, userId: "explain-author-1" });
  reportComment({ commentId: focusId, userId: "explain-author-1", reason: "spam" });
  capturing = false;
  // 36,000 comments, each also written to the search index by its trigger: more than the default 10 s on a busy shared machine.
}, 60_000);

function plan(c: Captured): string[] {
  let rows: { detail: string }[];
  try {
    rows = getDb()
      .$client.prepare(`explain query plan ${c.sql}`)
      .all(...c.args) as { detail: string }[];
  } catch (e) {
    throw new Error(`${(e as Error).message} in: ${c.sql}`);
  }
  return rows.map((r) => r.detail);
}

describe("article page comment queries", () => {
  it("were captured", () => {
    expect(captured.length).toBeGreaterThan(10);
    expect(new Set(captured.map((c) => c.sql)).size).toBeGreaterThanOrEqual(20);
    // Thread view and permalinks really ran (not just the page queries).
    expect(captured.some((c) => /where c.parent_id = @parentId/.test(c.sql))).toBe(true);
  });

  it("never scan the comments table without an index", () => {
    const seen = new Set<string>();
    for (const c of captured) {
      if (seen.has(c.sql)) continue;
      seen.add(c.sql);
      const details = plan(c);
      // No full scan of comments (nor of the users joined to each row).
      const fullScans = details.filter(
        (d) =>
          /\bSCAN (comments|c|p|users|u|pu|comment_likes|comment_reports)\b/.test(d) &&
          !/USING (COVERING )?INDEX/.test(d),
      );
      expect(fullScans, `${c.sql}\n${details.join("\n")}`).toEqual([]);
      // No sorting of a whole thread either: each ORDER BY is served by the index.
      const sorts = details.filter((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d));
      expect(sorts, `${c.sql}\n${details.join("\n")}`).toEqual([]);
    }
  });

  it("read a bounded number of rows per page however big the thread is", () => {
    // Statements that touch comments, each reading through an index with an equality or range constraint.
    for (const c of captured.filter((x) => /from comments/i.test(x.sql))) {
      for (const d of plan(c).filter((x) => /\b(comments|c)\b/.test(x) && /SCAN|SEARCH/.test(x))) {
        expect(d, c.sql).toMatch(/^SEARCH|USING (COVERING )?INDEX/);
      }
    }
  });
});
