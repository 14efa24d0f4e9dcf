import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  countVisibleComments,
  findCommentPage,
  getThread,
  listCommentsByAuthor,
  listCommentsPage,
  type CommentItem,
} from "./comment-threads";
import { createComment, deleteComment, editComment, recountArticleComments, setCommentStatus } from "./comment-writes";
import { toggleLike } from "./likes";
import { reportComment } from "./reports";
import { getModerationSettings, saveAutoCloseDays, saveModerationSettings, saveSetting } from "./settings";

const DAY = 24 * 3600_000;
let seq = 0;
function makeUser(
  over: { role?: string; status?: string; createdAt?: number; suspendedUntil?: number; reason?: string } = {},
) {
  const id = `user-${++seq}-${Math.random().toString(36).slice(2)}`;
  getDb()
    .$client.prepare(
      `insert into users (id, name, email, role, status, suspended_until, status_reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      `Reader ${seq}`,
      `${id}@example.test`,
      over.role ?? "reader",
      over.status ?? "active",
      over.suspendedUntil ?? null,
      over.reason ?? null,
      over.createdAt ?? Date.now() - 30 * DAY,
    );
  return id;
}
function makeArticle(over: { commentsOpen?: boolean; premod?: string } = {}) {
  const slug = `article-${++seq}`;
  const r = getDb()
    .$client.prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, comments_open, premod_override)
       values (?, 'T', 'D', 'B', 'news', 'A', ?, ?, ?, ?) returning id`,
    )
    .get(slug, Date.now(), Date.now(), over.commentsOpen === false ? 0 : 1, over.premod ?? null) as { id: number };
  return { id: r.id, slug };
}
/** Inserts approved top-level comments straight into the table, like the bench seed. */
function bulkTopLevel(
  articleId: number,
  authorId: string,
  n: number,
  start: number,
  likes: (i: number) => number = () => 0,
) {
  const sqlite = getDb().$client;
  const ins = sqlite.prepare(
    `insert into comments (article_id, author_id, body, status, created_at, like_count, depth) values (?, ?, ?, 'approved', ?, ?, 0) returning id`,
  );
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const { id } = ins.get(articleId, authorId, `bulk ${i}`, start + Math.floor(i / 2) * 1000, likes(i)) as {
        id: number;
      };
      ids.push(id);
    }
    sqlite.prepare(`update comments set root_id = id where article_id = ? and root_id is null`).run(articleId);
    sqlite.prepare(`update articles set comment_count = comment_count + ? where id = ?`).run(n, articleId);
  })();
  return ids;
}
let clock = Date.now();
const tick = () => new Date((clock += 15_000));

function post(articleId: number, authorId: string, body: string, parentId: number | null = null) {
  const r = createComment({ articleId, authorId, body, parentId, now: tick() });
  if (!r.ok) throw new Error(r.message);
  return r;
}

beforeAll(() => {
  getDb();
});

describe("createComment", () => {
  it("publishes, counts, and nests replies to depth 2 at most", () => {
    const a = makeArticle();
    const u = makeUser();
    const top = post(a.id, u, "top");
    expect(top.status).toBe("approved");
    const r1 = post(a.id, u, "r1", top.id);
    const r2 = post(a.id, u, "r2", r1.id);
    const r3 = post(a.id, u, "r3", r2.id);
    const depths = getDb()
      .$client.prepare(`select id, depth, root_id, parent_id from comments where article_id = ? order by id`)
      .all(a.id) as { id: number; depth: number; root_id: number; parent_id: number }[];
    expect(depths.map((d) => d.depth)).toEqual([0, 1, 2, 2]);
    expect(depths.every((d) => d.root_id === top.id)).toBe(true);
    expect(depths[3]!.parent_id).toBe(r2.id);
    expect(countVisibleComments({ articleId: a.id })).toBe(4);

    const page = listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.replies[0]!.replies[0]!.id).toBe(r2.id);
    expect(page.items[0]!.replies[0]!.replies[0]!.replyCount).toBe(1);
    // The reply to the third-level comment is found in its thread, marked "in reply to".
    const thread = getThread({ articleId: a.id, commentId: r2.id, viewerId: null, after: null });
    expect(thread!.focus.replies.map((r) => r.id)).toEqual([r3.id]);
    expect(thread!.focus.replies[0]!.inReplyTo).toMatch(/^Reader /);
  });

  it("refuses a closed article, banned and suspended readers, with their reasons", () => {
    const closed = makeArticle({ commentsOpen: false });
    expect(createComment({ articleId: closed.id, authorId: makeUser(), body: "x" })).toEqual({
      ok: false,
      message: "Comments are closed.",
    });
    const a = makeArticle();
    const banned = createComment({
      articleId: a.id,
      authorId: makeUser({ status: "banned", reason: "Spam" }),
      body: "x",
    });
    expect(banned).toMatchObject({ ok: false, message: expect.stringContaining("banned") });
    const suspended = createComment({
      articleId: a.id,
      authorId: makeUser({ status: "suspended", suspendedUntil: Date.now() + DAY, reason: "Rude" }),
      body: "x",
    });
    expect(suspended).toMatchObject({ ok: false, message: expect.stringMatching(/suspended until .*Reason: Rude/) });
    expect(countVisibleComments({ articleId: a.id })).toBe(0);
  });

  it("enforces rate limits and duplicates from what is stored", () => {
    const a = makeArticle();
    const u = makeUser();
    const now = Date.now();
    expect(createComment({ articleId: a.id, authorId: u, body: "one", now: new Date(now) }).ok).toBe(true);
    expect(createComment({ articleId: a.id, authorId: u, body: "two", now: new Date(now + 3000) })).toMatchObject({
      ok: false,
      message: expect.stringContaining("in 7 seconds"),
    });
    expect(createComment({ articleId: a.id, authorId: u, body: "one", now: new Date(now + 60_000) })).toMatchObject({
      ok: false,
      message: expect.stringContaining("already posted"),
    });
    // The benchmark's exemption setting lifts the limits for listed accounts only.
    saveSetting({ key: "rateLimitExemptUserIds", value: [u] });
    expect(createComment({ articleId: a.id, authorId: u, body: "one", now: new Date(now + 61_000) }).ok).toBe(true);
    saveSetting({ key: "rateLimitExemptUserIds", value: [] });
  });

  it("holds a first link for review, visible only to its author, outside the count", () => {
    const a = makeArticle();
    const u = makeUser();
    const other = makeUser();
    const held = post(a.id, u, "look https://example.com");
    expect(held).toMatchObject({ status: "pending", reason: "link from a new reader" });
    expect(countVisibleComments({ articleId: a.id })).toBe(0);
    expect(
      listCommentsPage({ articleId: a.id, viewerId: u, sort: "newest", after: null }).items.map((i) => i.id),
    ).toEqual([held.id]);
    expect(listCommentsPage({ articleId: a.id, viewerId: other, sort: "newest", after: null }).items).toEqual([]);
    expect(listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null }).items).toEqual([]);
    // A moderator approves it: counted and public.
    expect(setCommentStatus({ commentId: held.id, status: "approved", moderatorId: null })?.articleSlug).toBe(a.slug);
    expect(countVisibleComments({ articleId: a.id })).toBe(1);
    expect(listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null }).items).toHaveLength(1);
  });

  it("applies banned and suspect words from the settings", () => {
    expect(getModerationSettings()).toEqual({
      premoderation: "off",
      premodNewThreshold: 3,
      bannedWords: [],
      suspectWords: [],
    });
    saveModerationSettings({ bannedWords: ["dolt"], suspectWords: ["crypto"] });
    const a = makeArticle();
    const u = makeUser();
    expect(createComment({ articleId: a.id, authorId: u, body: "you DOLT", now: tick() })).toEqual({
      ok: false,
      message: "Your comment contains a word that isn't allowed: dolt",
    });
    expect(post(a.id, u, "crypto time")).toMatchObject({ status: "pending", reason: "suspect word: crypto" });
    saveModerationSettings({ bannedWords: [], suspectWords: [] });
  });
});

describe("counts stay right through edits, deletes and decisions", () => {
  it("matches a full recount after a mix of changes", () => {
    const a = makeArticle();
    const u = makeUser();
    const v = makeUser();
    const top = post(a.id, u, "top");
    const r1 = post(a.id, v, "reply one", top.id);
    const r2 = post(a.id, v, "reply two", top.id);
    post(a.id, u, "deep", r1.id);
    expect(deleteComment({ commentId: r2.id, userId: v }).ok).toBe(true);
    setCommentStatus({ commentId: r1.id, status: "rejected", reason: "rude", moderatorId: null });
    const before = getDb()
      .$client.prepare(`select id, reply_count from comments where article_id = ? order by id`)
      .all(a.id);
    const count = countVisibleComments({ articleId: a.id });
    recountArticleComments({ articleId: a.id });
    expect(
      getDb().$client.prepare(`select id, reply_count from comments where article_id = ? order by id`).all(a.id),
    ).toEqual(before);
    expect(countVisibleComments({ articleId: a.id })).toBe(count);
    expect(count).toBe(2);
    // r1 is rejected but has a visible reply: a placeholder without its text.
    const page = listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null });
    const placeholder = page.items[0]!.replies[0]!;
    expect(placeholder).toMatchObject({ id: r1.id, removed: "moderator", body: "" });
    expect(page.items[0]!.replies).toHaveLength(1);
  });

  it("edits within the window only, and only one's own", () => {
    const a = makeArticle();
    const u = makeUser();
    const c = post(a.id, u, "first words");
    expect(editComment({ commentId: c.id, userId: makeUser(), body: "hijack" })).toEqual({
      ok: false,
      message: "That comment can't be found.",
    });
    expect(editComment({ commentId: c.id, userId: u, body: "better words", now: new Date(clock + 60_000) }).ok).toBe(
      true,
    );
    expect(editComment({ commentId: c.id, userId: u, body: "late", now: new Date(clock + 16 * 60_000) })).toMatchObject(
      {
        ok: false,
      },
    );
    const item = listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null }).items[0]!;
    expect(item.body).toBe("better words");
    expect(item.editedAt).not.toBeNull();
  });

  it("deleting someone else's or a missing comment answers as not found", () => {
    const a = makeArticle();
    const c = post(a.id, makeUser(), "mine");
    const msg = { ok: false, message: "That comment can't be found." };
    expect(deleteComment({ commentId: c.id, userId: makeUser() })).toEqual(msg);
    expect(deleteComment({ commentId: 99_999_999, userId: makeUser() })).toEqual(msg);
  });
});

describe("likes and reports", () => {
  it("toggles a like once per reader and never on one's own comment", () => {
    const a = makeArticle();
    const u = makeUser();
    const v = makeUser();
    const c = post(a.id, u, "likeable");
    expect(toggleLike({ commentId: c.id, userId: u })).toEqual({
      ok: false,
      message: "You can't like your own comment.",
    });
    expect(toggleLike({ commentId: c.id, userId: v })).toMatchObject({ ok: true, liked: true, likeCount: 1 });
    const seen = listCommentsPage({ articleId: a.id, viewerId: v, sort: "newest", after: null }).items[0]!;
    expect(seen).toMatchObject({ likeCount: 1, likedByViewer: true });
    expect(toggleLike({ commentId: c.id, userId: v })).toMatchObject({ ok: true, liked: false, likeCount: 0 });
  });

  it("keeps one report per reader and counts it", () => {
    const a = makeArticle();
    const c = post(a.id, makeUser(), "reportable");
    const v = makeUser();
    expect(reportComment({ commentId: c.id, userId: v, reason: "spam" })).toMatchObject({
      ok: true,
      alreadyReported: false,
    });
    expect(reportComment({ commentId: c.id, userId: v, reason: "abuse" })).toMatchObject({
      ok: true,
      alreadyReported: true,
    });
    expect(reportComment({ commentId: c.id, userId: makeUser(), reason: "other", note: "hm" })).toMatchObject({
      ok: true,
    });
    const row = getDb().$client.prepare(`select report_count from comments where id = ?`).get(c.id) as {
      report_count: number;
    };
    expect(row.report_count).toBe(2);
    expect(
      listCommentsPage({ articleId: a.id, viewerId: v, sort: "newest", after: null }).items[0]!.reportedByViewer,
    ).toBe(true);
  });
});

describe("pagination over 250 comments", () => {
  function walk(articleId: number, sort: "newest" | "oldest" | "top") {
    const seen: CommentItem[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = listCommentsPage({ articleId, viewerId: null, sort, after });
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items);
      after = page.nextCursor;
      pages++;
    } while (after);
    return { seen, pages };
  }

  it("visits every comment once in each sort, 20 a page", () => {
    const a = makeArticle();
    const u = makeUser();
    // Pairs share a timestamp so ties are broken by id; likes repeat so Top has big groups.
    const ids = bulkTopLevel(a.id, u, 250, Date.now() - 10 * DAY, (i) => i % 7);
    for (const sort of ["newest", "oldest", "top"] as const) {
      const { seen, pages } = walk(a.id, sort);
      expect(pages).toBe(13);
      expect(seen.map((s) => s.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    }
    const newest = walk(a.id, "newest").seen.map((s) => s.id);
    expect(newest).toEqual([...ids].reverse());
    expect(walk(a.id, "oldest").seen.map((s) => s.id)).toEqual(ids);
    const top = walk(a.id, "top").seen;
    for (let i = 1; i < top.length; i++) {
      const p = top[i - 1]!;
      const c = top[i]!;
      expect(p.likeCount > c.likeCount || (p.likeCount === c.likeCount && p.id < c.id)).toBe(true);
    }
  });

  it("finds the page that starts with a permalinked comment, in every sort", () => {
    const a = makeArticle();
    const ids = bulkTopLevel(a.id, makeUser(), 60, Date.now() - 10 * DAY, (i) => i % 3);
    const target = ids[5]!;
    for (const sort of ["newest", "oldest", "top"] as const) {
      const loc = findCommentPage({ articleId: a.id, commentId: target, viewerId: null, sort });
      expect(loc?.kind).toBe("page");
      const page = listCommentsPage({
        articleId: a.id,
        viewerId: null,
        sort,
        after: loc!.kind === "page" ? loc!.after : null,
      });
      expect(page.items[0]!.id).toBe(target);
    }
    expect(findCommentPage({ articleId: a.id + 1, commentId: target, viewerId: null, sort: "newest" })).toBeNull();
  });

  it("a reply's permalink opens its parent's thread starting at the reply", () => {
    const a = makeArticle();
    const u = makeUser();
    const top = post(a.id, u, "top");
    const replies = Array.from({ length: 6 }, (_, i) => post(a.id, u, `reply ${i}`, top.id));
    const loc = findCommentPage({ articleId: a.id, commentId: replies[4]!.id, viewerId: null, sort: "newest" });
    expect(loc).toMatchObject({ kind: "thread", threadId: top.id });
    const thread = getThread({ articleId: a.id, commentId: top.id, viewerId: null, after: loc!.after });
    expect(thread!.focus.replies.map((r) => r.id)).toEqual([replies[4]!.id, replies[5]!.id]);
    const full = getThread({ articleId: a.id, commentId: top.id, viewerId: null, after: null });
    expect(full!.focus.replies).toHaveLength(6);
    const page = listCommentsPage({ articleId: a.id, viewerId: null, sort: "newest", after: null });
    expect(page.items[0]!.replies).toHaveLength(3);
    expect(page.items[0]!.moreReplies).toBe(true);
    expect(page.items[0]!.replyCount).toBe(6);
  });
});

describe("listCommentsByAuthor", () => {
  it("lists the reader's comments with status and article", () => {
    const a = makeArticle();
    const u = makeUser();
    post(a.id, u, "with https://example.com link");
    post(a.id, u, "plain");
    const list = listCommentsByAuthor({ authorId: u });
    expect(list.map((c) => c.status)).toEqual(["approved", "pending"]);
    expect(list[0]!.article.slug).toBe(a.slug);
  });
});

describe("a thread closed by age refuses every write (issue 12, finding 7)", () => {
  it("refuses an edit and a delete on an article whose comments closed by age, and leaves the comment as it was", () => {
    const author = makeUser();
    const article = makeArticle();
    const posted = createComment({ articleId: article.id, authorId: author, body: "Before the close" });
    if (!posted.ok) throw new Error(posted.message);
    // The article was published 10 days ago and comments close after 7.
    getDb()
      .$client.prepare("update articles set published_at = ? where id = ?")
      .run(Date.now() - 10 * DAY, article.id);
    saveAutoCloseDays({ days: 7 });
    try {
      expect(editComment({ commentId: posted.id, userId: author, body: "After the close" })).toEqual({
        ok: false,
        message: "Comments are closed.",
      });
      expect(deleteComment({ commentId: posted.id, userId: author })).toEqual({
        ok: false,
        message: "Comments are closed.",
      });
      const row = getDb().$client.prepare("select body, deleted_at from comments where id = ?").get(posted.id) as {
        body: string;
        deleted_at: number | null;
      };
      expect(row).toEqual({ body: "Before the close", deleted_at: null });
    } finally {
      saveAutoCloseDays({ days: 0 });
    }
  });
});

describe("per-account limits on likes and edits (issue 12, finding 6)", () => {
  const likeMessage = (seconds: number) =>
    `You've liked or unliked 30 comments in the last minute. You can like again in ${seconds} seconds.`;

  it("the 31st to 35th like within a minute are refused with when to try again, and change no count", () => {
    const a = makeArticle();
    const liker = makeUser();
    const ids = bulkTopLevel(a.id, makeUser(), 35, Date.now() - 3600_000);
    const start = Date.now();
    ids.forEach((id, i) => {
      const result = toggleLike({ commentId: id, userId: liker, now: new Date(start + i * 1000) });
      if (i < 30) expect(result, `like ${i + 1}`).toMatchObject({ ok: true, liked: true, likeCount: 1 });
      else expect(result, `like ${i + 1}`).toEqual({ ok: false, message: likeMessage(60 - i) });
    });
    const counts = getDb()
      .$client.prepare(`select like_count from comments where article_id = ? order by id`)
      .all(a.id) as { like_count: number }[];
    expect(counts.map((c) => c.like_count)).toEqual([...Array(30).fill(1), ...Array(5).fill(0)]);
    const rows = getDb().$client.prepare(`select count(*) as n from comment_likes where user_id = ?`).get(liker) as {
      n: number;
    };
    expect(rows.n).toBe(30);
    // Once the first like leaves the minute, liking works again.
    expect(toggleLike({ commentId: ids[30]!, userId: liker, now: new Date(start + 60_001) })).toMatchObject({
      ok: true,
      likeCount: 1,
    });
  });

  it("unliking counts too: 30 toggles of one like, then a refusal", () => {
    const a = makeArticle();
    const [id] = bulkTopLevel(a.id, makeUser(), 1, Date.now() - 3600_000);
    const liker = makeUser();
    const start = Date.now();
    for (let i = 0; i < 30; i++) {
      expect(toggleLike({ commentId: id!, userId: liker, now: new Date(start + i * 100) }).ok).toBe(true);
    }
    expect(toggleLike({ commentId: id!, userId: liker, now: new Date(start + 3_000) })).toMatchObject({ ok: false });
    expect(getDb().$client.prepare(`select like_count from comments where id = ?`).get(id)).toEqual({ like_count: 0 });
  });

  it("exempt accounts (the benchmark's) are not limited", () => {
    const a = makeArticle();
    const ids = bulkTopLevel(a.id, makeUser(), 40, Date.now() - 3600_000);
    const exempt = makeUser();
    saveSetting({ key: "rateLimitExemptUserIds", value: [exempt] });
    const start = Date.now();
    ids.forEach((id, i) => {
      expect(toggleLike({ commentId: id, userId: exempt, now: new Date(start + i) }).ok).toBe(true);
    });
    saveSetting({ key: "rateLimitExemptUserIds", value: [] });
  });

  it("the 11th edit within a minute is refused with when to try again, and the text stays", () => {
    const a = makeArticle();
    const u = makeUser();
    const c = post(a.id, u, "draft 0");
    const base = clock + 1_000;
    for (let i = 1; i <= 10; i++) {
      expect(editComment({ commentId: c.id, userId: u, body: `draft ${i}`, now: new Date(base + i * 1000) }).ok).toBe(
        true,
      );
    }
    expect(editComment({ commentId: c.id, userId: u, body: "draft 11", now: new Date(base + 11_000) })).toEqual({
      ok: false,
      message: "You've edited comments 10 times in the last minute. You can edit again in 50 seconds.",
    });
    expect(getDb().$client.prepare(`select body from comments where id = ?`).get(c.id)).toEqual({ body: "draft 10" });
  });
});

describe("who sees which comment in the thread queries (the one visibility rule; audit item)", () => {
  type Shown = "full" | "deleted" | "moderator" | "hidden";
  // status, deleted, has a visible reply → what the anonymous reader, the author, another reader and a moderator see.
  const table: [string, boolean, boolean, Shown, Shown, Shown, Shown][] = [
    ["approved", false, false, "full", "full", "full", "full"],
    ["approved", false, true, "full", "full", "full", "full"],
    ["approved", true, false, "hidden", "hidden", "hidden", "hidden"],
    ["approved", true, true, "deleted", "deleted", "deleted", "deleted"],
    // Held comments: their author only. Staff see them in the queues and the permalink box, not in threads.
    ["pending", false, false, "hidden", "full", "hidden", "hidden"],
    ["pending", true, false, "hidden", "hidden", "hidden", "hidden"],
    ["rejected", false, false, "hidden", "hidden", "hidden", "hidden"],
    ["rejected", false, true, "moderator", "moderator", "moderator", "moderator"],
    ["rejected", true, false, "hidden", "hidden", "hidden", "hidden"],
    ["rejected", true, true, "deleted", "deleted", "deleted", "deleted"],
  ];

  it.each(table)("%s, deleted %s, with replies %s", (status, deleted, withReply, ...expected) => {
    const a = makeArticle();
    const author = makeUser();
    const other = makeUser();
    const moderator = makeUser({ role: "moderator" });
    const body = `visibility ${status} ${deleted} ${withReply}`;
    const sqlite = getDb().$client;
    const { id } = sqlite
      .prepare(
        `insert into comments (article_id, author_id, body, status, created_at, deleted_at, depth) values (?, ?, ?, ?, ?, ?, 0) returning id`,
      )
      .get(a.id, author, body, status, Date.now() - 60_000, deleted ? Date.now() : null) as { id: number };
    sqlite.prepare(`update comments set root_id = id where id = ?`).run(id);
    if (withReply) {
      sqlite
        .prepare(
          `insert into comments (article_id, parent_id, root_id, author_id, body, status, created_at, depth) values (?, ?, ?, ?, 'a reply', 'approved', ?, 1)`,
        )
        .run(a.id, id, id, other, Date.now() - 30_000);
      sqlite.prepare(`update comments set reply_count = 1 where id = ?`).run(id);
    }
    const viewers = [null, author, other, moderator];
    viewers.forEach((viewerId, i) => {
      const want = expected[i]!;
      const label = `${["anonymous", "author", "other reader", "moderator"][i]} sees ${want}`;
      const listed = listCommentsPage({ articleId: a.id, viewerId, sort: "newest", after: null }).items.find(
        (item) => item.id === id,
      );
      const thread = getThread({ articleId: a.id, commentId: id, viewerId, after: null });
      const located = findCommentPage({ articleId: a.id, commentId: id, viewerId, sort: "newest" });
      if (want === "hidden") {
        expect(listed, label).toBeUndefined();
        expect(thread, label).toBeNull();
        expect(located, label).toBeNull();
        return;
      }
      expect(listed, label).toMatchObject({
        removed: want === "full" ? null : want,
        body: want === "full" ? body : "",
      });
      expect(thread?.focus.id, label).toBe(id);
      expect(located, label).not.toBeNull();
    });
  });
});
