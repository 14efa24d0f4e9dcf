import { describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "@/db";
import { setCommentStatus } from "./comment-writes";
import {
  encodeQueueCursor,
  getCommentForDecision,
  getDashboardFigures,
  getQueueCounts,
  listQueueItems,
  parseQueueCursor,
  resolveCommentReports,
} from "./moderation";
import { appendModerationLog, listLogActors, listLogForTarget, listModerationLog } from "./moderation-log";
import { countAdmins, getUserCommentStats, searchUsers, setUserRole, setUserStatus } from "./user-admin";
import { getArticleForAdmin, setArticleCommentsOpen } from "./article-admin";
import { getAutoCloseDays, saveAutoCloseDays } from "./settings";

let seq = 0;
function makeUser(over: { role?: string; name?: string; email?: string } = {}) {
  const id = `user-${++seq}-${Math.random().toString(36).slice(2)}`;
  getDb()
    .$client.prepare(`insert into users (id, name, email, role, created_at) values (?, ?, ?, ?, ?)`)
    .run(
      id,
      over.name ?? `Reader ${seq}`,
      over.email ?? `${id}@example.test`,
      over.role ?? "reader",
      Date.now() - 86400_000,
    );
  return id;
}
function makeArticle() {
  const slug = `mod-article-${++seq}`;
  const r = getDb()
    .$client.prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at) values (?, ?, 'D', 'B', 'news', 'A', ?, ?) returning id`,
    )
    .get(slug, `Title ${seq}`, Date.now(), Date.now()) as { id: number };
  return { id: r.id, slug };
}
function makeComment(
  articleId: number,
  authorId: string,
  status: string,
  over: { reason?: string; createdAt?: number } = {},
) {
  const r = getDb()
    .$client.prepare(
      `insert into comments (article_id, author_id, body, status, status_reason, created_at) values (?, ?, ?, ?, ?, ?) returning id`,
    )
    .get(articleId, authorId, `body ${++seq}`, status, over.reason ?? null, over.createdAt ?? Date.now() + seq) as {
    id: number;
  };
  if (status === "approved")
    getDb().$client.prepare("update articles set comment_count = comment_count + 1 where id = ?").run(articleId);
  return r.id;
}
function report(commentId: number, userId: string, reason: string, note: string | null = null) {
  getDb()
    .$client.prepare("insert into comment_reports (user_id, comment_id, reason, note) values (?, ?, ?, ?)")
    .run(userId, commentId, reason, note);
  getDb().$client.prepare("update comments set report_count = report_count + 1 where id = ?").run(commentId);
}

describe("queues", () => {
  it("counts and lists each queue with author record and open reports", () => {
    const before = getQueueCounts();
    const author = makeUser();
    const reporter = makeUser();
    const article = makeArticle();
    makeComment(article.id, author, "approved");
    makeComment(article.id, author, "rejected");
    const pending = makeComment(article.id, author, "pending", { reason: "link from a new reader" });
    const reported = makeComment(article.id, author, "approved");
    report(reported, reporter, "spam", "same link everywhere");

    const after = getQueueCounts();
    expect(after.pending - before.pending).toBe(1);
    expect(after.reported - before.reported).toBe(1);
    expect(after.approved - before.approved).toBe(2);
    expect(after.rejected - before.rejected).toBe(1);

    const item = listQueueItems({ queue: "pending" }).items.find((i) => i.id === pending)!;
    expect(item.statusReason).toBe("link from a new reader");
    expect(item.author).toMatchObject({ id: author, approvedCount: 2, rejectedCount: 1 });
    expect(item.article.slug).toBe(article.slug);

    const rep = listQueueItems({ queue: "reported" }).items.find((i) => i.id === reported)!;
    expect(rep.reports).toEqual([expect.objectContaining({ reason: "spam", note: "same link everywhere" })]);
  });

  it("pages newest first with a cursor", () => {
    const author = makeUser();
    const article = makeArticle();
    const base = Date.now() + 10_000_000;
    const ids = [0, 1, 2].map((i) => makeComment(article.id, author, "pending", { createdAt: base + i }));
    const first = listQueueItems({ queue: "pending", limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const next = listQueueItems({ queue: "pending", limit: 2, cursor: parseQueueCursor(first.nextCursor!) });
    expect(next.items[0]?.id).toBe(ids[0]);
    expect(parseQueueCursor("nonsense")).toBeNull();
    expect(encodeQueueCursor({ createdAt: new Date(5), id: 7 })).toBe("5_7");
  });

  it("approving a reported comment settles its reports and takes it off the Reported queue", () => {
    const author = makeUser();
    const article = makeArticle();
    const id = makeComment(article.id, author, "approved");
    report(id, makeUser(), "abuse");
    writeTransaction(() => resolveCommentReports({ commentId: id, now: new Date(), clearCount: true }));
    expect(getCommentForDecision({ commentId: id })?.reportCount).toBe(0);
    expect(listQueueItems({ queue: "reported" }).items.some((i) => i.id === id)).toBe(false);
  });

  it("a rejection through setCommentStatus leaves the Reported queue and the count", () => {
    const author = makeUser();
    const article = makeArticle();
    const id = makeComment(article.id, author, "approved");
    report(id, makeUser(), "abuse");
    setCommentStatus({ commentId: id, status: "rejected", reason: "abusive", moderatorId: null });
    expect(listQueueItems({ queue: "reported" }).items.some((i) => i.id === id)).toBe(false);
    expect(getArticleForAdmin({ slug: article.slug })?.commentCount).toBe(0);
  });

  it("dashboard figures count today's comments and rank the week's articles", () => {
    const author = makeUser();
    const hot = makeArticle();
    for (let i = 0; i < 30; i++) makeComment(hot.id, author, "approved", { createdAt: Date.now() - 1000 });
    const figures = getDashboardFigures({ now: new Date() });
    expect(figures.commentsToday).toBeGreaterThanOrEqual(30);
    expect(figures.mostDiscussed[0]).toMatchObject({ slug: hot.slug, recentComments: 30 });
  });
});

describe("moderation log", () => {
  it("appends, lists newest first with filters, and refuses edits and deletions", () => {
    const mod = makeUser({ role: "moderator", name: "Mod One" });
    const target = makeUser();
    writeTransaction(() => {
      appendModerationLog({
        actor: { id: mod, name: "Mod One" },
        action: "suspend",
        targetType: "user",
        targetId: target,
        targetLabel: "Target",
        reason: "7 days: rude",
      });
      appendModerationLog({
        actor: { id: mod, name: "Mod One" },
        action: "lift",
        targetType: "user",
        targetId: target,
        targetLabel: "Target",
        reason: "  ",
      });
    });
    const rows = listLogForTarget({ targetType: "user", targetId: target });
    expect(rows.map((r) => r.action)).toEqual(["lift", "suspend"]);
    expect(rows[0]?.reason).toBeNull();
    expect(listModerationLog({ actorId: mod, action: "suspend" }).rows).toHaveLength(1);
    expect(listModerationLog({ target: "Targ" }).rows.length).toBeGreaterThanOrEqual(2);
    expect(listModerationLog({ target: "%" }).rows).toHaveLength(0);
    expect(listLogActors()).toContainEqual({ actorId: mod, actorName: "Mod One" });
    const client = getDb().$client;
    expect(() => client.prepare("update moderation_log set reason = 'x'").run()).toThrow(/append-only/);
    expect(() => client.prepare("delete from moderation_log").run()).toThrow(/append-only/);
  });
});

describe("people and articles", () => {
  it("searches names and emails through the index, case-insensitively, by word prefix; punctuation is not syntax", () => {
    const id = makeUser({ name: "Ottoline Marsh", email: "o.marsh_1@example.test" });
    expect(searchUsers({ query: "ottoLINE" }).users.map((u) => u.id)).toContain(id);
    expect(searchUsers({ query: "Otto Mar" }).users.map((u) => u.id)).toContain(id);
    expect(searchUsers({ query: "o.marsh_1@example.test" }).users.map((u) => u.id)).toEqual([id]);
    expect(searchUsers({ query: "marsh_1@" }).users.map((u) => u.id)).toEqual([id]);
    expect(searchUsers({ query: "%" }).users).toHaveLength(0);
  });

  it("sets status and role; counts admins; reports a reader's record", () => {
    const admins = countAdmins();
    const id = makeUser();
    writeTransaction(() =>
      setUserStatus({ userId: id, status: "suspended", suspendedUntil: new Date(Date.now() + 1000), reason: "why" }),
    );
    writeTransaction(() => setUserRole({ userId: id, role: "admin" }));
    expect(countAdmins()).toBe(admins + 1);
    const article = makeArticle();
    makeComment(article.id, id, "pending");
    expect(getUserCommentStats({ userId: id })).toEqual({ approved: 0, pending: 1, rejected: 0, reports: 0 });
  });

  it("closes an article's comments and keeps the auto-close setting", () => {
    const article = makeArticle();
    writeTransaction(() => setArticleCommentsOpen({ articleId: article.id, open: false }));
    expect(getArticleForAdmin({ slug: article.slug })?.commentsOpen).toBe(false);
    expect(getAutoCloseDays()).toBe(0);
    writeTransaction(() => saveAutoCloseDays({ days: 14 }));
    expect(getAutoCloseDays()).toBe(14);
  });
});
