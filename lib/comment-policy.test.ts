import { describe, expect, it } from "vitest";
import {
  canDeleteComment,
  canEditComment,
  canLike,
  canPost,
  canReply,
  canReport,
  areCommentsOpen,
  autoCloseAt,
  decideDelete,
  decideEdit,
  decideLike,
  decidePost,
  decideReport,
  isAutoClosed,
  isThreadOpen,
  type CommentThread,
  type PolicyComment,
  type PermissionViewer,
  type WriteAuthor,
} from "./comment-policy";
import { DEFAULT_MODERATION_SETTINGS } from "./initial-status";

const now = new Date("2026-03-01T12:00:00Z");
const reader: PermissionViewer = {
  id: "u1",
  role: "reader",
  status: "active",
  suspendedUntil: null,
  statusReason: null,
};
const other: PermissionViewer = { ...reader, id: "u2" };
const DAY = 24 * 60 * 60 * 1000;
const open: CommentThread = {
  commentsOpen: true,
  status: "published",
  publishedAt: new Date(now.getTime() - DAY),
  autoCloseDays: null,
  requireConfirmedEmail: false,
};
const closed: CommentThread = { ...open, commentsOpen: false };
const draft: CommentThread = { ...open, status: "draft" };
/** Open by hand, but older than the site's "close after 7 days" setting. */
const aged: CommentThread = { ...open, publishedAt: new Date(now.getTime() - 8 * DAY), autoCloseDays: 7 };
const comment = (over: Partial<PolicyComment> = {}): PolicyComment => ({
  authorId: "u1",
  createdAt: new Date(now.getTime() - 60_000),
  deletedAt: null,
  status: "approved",
  ...over,
});

describe("canPost", () => {
  it("allows an active reader on an open article", () => {
    expect(canPost(reader, open, now)).toEqual({ ok: true });
  });
  it("refuses signed-out visitors", () => {
    expect(canPost(null, open, now)).toMatchObject({ ok: false, reason: "signed-out" });
  });
  it("refuses everyone when comments are closed, with the contract sentence", () => {
    expect(canPost(reader, closed, now)).toEqual({ ok: false, reason: "closed", message: "Comments are closed." });
    expect(canPost(null, closed, now)).toMatchObject({ reason: "closed" });
    expect(canPost({ ...reader, role: "admin" }, closed, now)).toMatchObject({ reason: "closed" });
  });
  it("refuses drafts", () => {
    expect(canPost(reader, draft, now)).toMatchObject({ reason: "closed" });
  });
  it("tells a suspended reader until when and why", () => {
    const suspended = {
      ...reader,
      status: "suspended" as const,
      suspendedUntil: new Date("2026-03-08T09:30:00Z"),
      statusReason: "Repeated insults",
    };
    expect(canPost(suspended, open, now)).toEqual({
      ok: false,
      reason: "suspended",
      message:
        "Your account is suspended until 8 March 2026 at 09:30 UTC, so you can't comment. Reason: Repeated insults",
    });
  });
  it("treats a suspension that has ended as over", () => {
    const lapsed = { ...reader, status: "suspended" as const, suspendedUntil: new Date(now.getTime() - 1) };
    expect(canPost(lapsed, open, now)).toEqual({ ok: true });
  });
  it("treats a suspension without an end as open-ended", () => {
    const result = canPost({ ...reader, status: "suspended" }, open, now);
    expect(result).toMatchObject({ reason: "suspended" });
    if (!result.ok) expect(result.message).toContain("until further notice");
  });
  it("tells a banned reader why", () => {
    expect(canPost({ ...reader, status: "banned", statusReason: "Spam" }, open, now)).toEqual({
      ok: false,
      reason: "banned",
      message: "Your account has been banned, so you can't comment. Reason: Spam",
    });
    const noReason = canPost({ ...reader, status: "banned" }, open, now);
    if (!noReason.ok) expect(noReason.message).toBe("Your account has been banned, so you can't comment.");
  });
});

describe("Require a confirmed email to comment", () => {
  const strict: CommentThread = { ...open, requireConfirmedEmail: true };
  const confirmed: PermissionViewer = { ...reader, emailConfirmed: true };
  const unconfirmed: PermissionViewer = { ...reader, emailConfirmed: false };
  it("refuses an unconfirmed reader every write when on, with the contract sentence", () => {
    const refusal = { ok: false, reason: "unconfirmed", message: "Confirm your email to comment." };
    expect(canPost(unconfirmed, strict, now)).toEqual(refusal);
    expect(canReply(unconfirmed, comment({ authorId: "u2" }), strict, now)).toEqual(refusal);
    expect(canEditComment(unconfirmed, comment(), strict, now)).toEqual(refusal);
    expect(canLike(unconfirmed, comment({ authorId: "u2" }), strict, now)).toEqual(refusal);
    expect(canReport(unconfirmed, comment({ authorId: "u2" }), strict, now)).toEqual(refusal);
  });
  it("fails closed: a viewer whose confirmation is unknown counts as unconfirmed", () => {
    expect(canPost(reader, strict, now)).toMatchObject({ ok: false, reason: "unconfirmed" });
  });
  it("allows a confirmed reader, and everyone when off", () => {
    expect(canPost(confirmed, strict, now)).toEqual({ ok: true });
    expect(canPost(unconfirmed, open, now)).toEqual({ ok: true });
  });
  it("still tells a banned reader about the ban first", () => {
    expect(canPost({ ...unconfirmed, status: "banned" }, strict, now)).toMatchObject({ reason: "banned" });
  });
  it("lets an unconfirmed reader delete their own comment (taking words back is not posting)", () => {
    expect(canDeleteComment(unconfirmed, comment(), strict, now)).toEqual({ ok: true });
  });
});

describe("canEditComment", () => {
  it("allows the author within 15 minutes", () => {
    expect(canEditComment(reader, comment(), open, now)).toEqual({ ok: true });
    expect(
      canEditComment(reader, comment({ createdAt: new Date(now.getTime() - 15 * 60_000 + 1) }), open, now),
    ).toEqual({
      ok: true,
    });
    expect(canEditComment(reader, comment({ status: "pending" }), open, now)).toEqual({ ok: true });
  });
  it("refuses after 15 minutes", () => {
    expect(
      canEditComment(reader, comment({ createdAt: new Date(now.getTime() - 15 * 60_000) }), open, now),
    ).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });
  it("answers 'can't be found' for someone else's, deleted or rejected comment", () => {
    const notFound = { ok: false, reason: "not-found", message: "That comment can't be found." };
    expect(canEditComment(other, comment(), open, now)).toEqual(notFound);
    expect(canEditComment({ ...other, role: "admin" }, comment(), open, now)).toEqual(notFound);
    expect(canEditComment(reader, comment({ deletedAt: now }), open, now)).toEqual(notFound);
    expect(canEditComment(reader, comment({ status: "rejected" }), open, now)).toEqual(notFound);
    expect(canEditComment(reader, comment({ authorId: null }), open, now)).toEqual(notFound);
  });
  it("refuses signed-out, suspended and closed", () => {
    expect(canEditComment(null, comment(), open, now)).toMatchObject({ reason: "signed-out" });
    expect(canEditComment({ ...reader, status: "banned" }, comment(), open, now)).toMatchObject({ reason: "banned" });
    expect(canEditComment(reader, comment(), closed, now)).toMatchObject({ reason: "closed" });
  });
});

describe("canDeleteComment", () => {
  it("allows the author, at any age, even when suspended", () => {
    expect(canDeleteComment(reader, comment({ createdAt: new Date(0) }), open, now)).toEqual({ ok: true });
    expect(canDeleteComment({ ...reader, status: "banned" }, comment(), open, now)).toEqual({ ok: true });
  });
  it("refuses others, already deleted comments and closed articles", () => {
    expect(canDeleteComment(other, comment(), open, now)).toMatchObject({ reason: "not-found" });
    expect(canDeleteComment(reader, comment({ deletedAt: now }), open, now)).toMatchObject({ reason: "not-found" });
    expect(canDeleteComment(reader, comment(), closed, now)).toMatchObject({ reason: "closed" });
    expect(canDeleteComment(reader, comment(), draft, now)).toMatchObject({
      reason: "closed",
    });
    expect(canDeleteComment(null, comment(), open, now)).toMatchObject({ reason: "signed-out" });
  });
});

describe("canLike and canReport", () => {
  for (const [name, fn] of [
    ["canLike", canLike],
    ["canReport", canReport],
  ] as const) {
    it(`${name}: allows others' approved comments`, () => {
      expect(fn(other, comment(), open, now)).toEqual({ ok: true });
    });
    it(`${name}: refuses one's own comment`, () => {
      expect(fn(reader, comment(), open, now)).toMatchObject({ ok: false, reason: "own" });
    });
    it(`${name}: hides pending, rejected and deleted comments`, () => {
      for (const c of [comment({ status: "pending" }), comment({ status: "rejected" }), comment({ deletedAt: now })]) {
        expect(fn(other, c, open, now)).toMatchObject({ reason: "not-found", message: "That comment can't be found." });
      }
    });
    it(`${name}: refuses signed-out, banned, suspended and closed`, () => {
      expect(fn(null, comment(), open, now)).toMatchObject({ reason: "signed-out" });
      expect(fn({ ...other, status: "banned" }, comment(), open, now)).toMatchObject({ reason: "banned" });
      expect(
        fn({ ...other, status: "suspended", suspendedUntil: new Date(now.getTime() + 1000) }, comment(), open, now),
      ).toMatchObject({ reason: "suspended" });
      expect(fn(other, comment(), closed, now)).toMatchObject({ reason: "closed" });
    });
  }
});

describe("canReply", () => {
  it("allows replying to an approved comment, including one's own", () => {
    expect(canReply(other, comment(), open, now)).toEqual({ ok: true });
    expect(canReply(reader, comment(), open, now)).toEqual({ ok: true });
  });
  it("refuses replies to pending, rejected or deleted comments as not found", () => {
    for (const c of [comment({ status: "pending" }), comment({ status: "rejected" }), comment({ deletedAt: now })]) {
      expect(canReply(reader, c, open, now)).toMatchObject({ reason: "not-found" });
    }
  });
  it("refuses on closed articles and for banned readers", () => {
    expect(canReply(other, comment(), closed, now)).toMatchObject({ reason: "closed" });
    expect(canReply({ ...other, status: "banned" }, comment(), open, now)).toMatchObject({ reason: "banned" });
  });
});

describe("auto-close", () => {
  const published = new Date("2026-01-01T12:00:00Z");
  it("never closes with 0, null or a bad setting", () => {
    for (const n of [0, null, undefined, -3, Number.NaN]) {
      expect(autoCloseAt(published, n)).toBeNull();
      expect(isAutoClosed(published, n, new Date(published.getTime() + 1000 * DAY))).toBe(false);
    }
  });
  it("closes exactly N days after publication", () => {
    expect(autoCloseAt(published, 7)?.toISOString()).toBe("2026-01-08T12:00:00.000Z");
    expect(isAutoClosed(published, 7, new Date(published.getTime() + 7 * DAY - 1))).toBe(false);
    expect(isAutoClosed(published, 7, new Date(published.getTime() + 7 * DAY))).toBe(true);
  });
  it("is open only when open by hand and not closed by age", () => {
    const later = new Date(published.getTime() + 2 * DAY);
    expect(areCommentsOpen({ commentsOpen: false, publishedAt: published }, null, later)).toBe(false);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, null, later)).toBe(true);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, 1, later)).toBe(false);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, 3, later)).toBe(true);
  });
  it("closes a thread by hand, by age, or while it is a draft", () => {
    expect(isThreadOpen(open, now)).toBe(true);
    expect(isThreadOpen(closed, now)).toBe(false);
    expect(isThreadOpen(aged, now)).toBe(false);
    expect(isThreadOpen(draft, now)).toBe(false);
  });
});

/*
 * Every write decision against every refusal reason it can give. The writes in
 * db/queries call these inside their transactions; the action and the page ask
 * the can* questions above, which these are built on.
 */
describe("write decisions", () => {
  const author: WriteAuthor = { ...reader, createdAt: new Date(now.getTime() - 30 * DAY) };
  const otherAuthor: WriteAuthor = { ...other, createdAt: author.createdAt };
  const banned: WriteAuthor = { ...author, status: "banned" };
  const suspended: WriteAuthor = { ...author, status: "suspended", suspendedUntil: new Date(now.getTime() + DAY) };
  const moderation = {
    text: "A fair point.",
    approvedCount: 5,
    articlePremod: null,
    settings: DEFAULT_MODERATION_SETTINGS,
  };
  const withWords = { ...moderation, settings: { ...DEFAULT_MODERATION_SETTINGS, bannedWords: ["blorp"] } };
  const seconds = (n: number) => new Date(now.getTime() - n * 1000);
  const post = (over: Partial<Parameters<typeof decidePost>[0]> = {}) =>
    decidePost({ author, thread: open, parent: null, now, recent: [], unlimited: false, ...moderation, ...over });
  const edit = (over: Partial<Parameters<typeof decideEdit>[0]> = {}) =>
    decideEdit({
      author,
      comment: comment(),
      thread: open,
      now,
      recentEdits: [],
      unlimited: false,
      ...moderation,
      ...over,
    });
  const like = (over: Partial<Parameters<typeof decideLike>[0]> = {}) =>
    decideLike({
      author: otherAuthor,
      comment: comment(),
      thread: open,
      now,
      recentLikes: [],
      unlimited: false,
      ...over,
    });
  const report = (over: Partial<Parameters<typeof decideReport>[0]> = {}) =>
    decideReport({ author: otherAuthor, comment: comment(), thread: open, now, ...over });
  const remove = (over: Partial<Parameters<typeof decideDelete>[0]> = {}) =>
    decideDelete({ author, comment: comment(), thread: open, now, ...over });

  it("post: allows, and says the initial status", () => {
    expect(post()).toEqual({ ok: true, status: "approved", reason: null });
    expect(post({ articlePremod: "all" })).toMatchObject({ ok: true, status: "pending" });
  });
  it("post: refuses closed (by hand, by age, draft), banned, suspended, limited and banned words", () => {
    for (const thread of [closed, aged, draft]) expect(post({ thread })).toMatchObject({ reason: "closed" });
    expect(post({ author: banned })).toMatchObject({ reason: "banned" });
    expect(post({ author: suspended })).toMatchObject({ reason: "suspended" });
    expect(post({ recent: [{ createdAt: seconds(2), body: "earlier" }] })).toMatchObject({ reason: "limited" });
    expect(post({ recent: [{ createdAt: seconds(2), body: "earlier" }], unlimited: true })).toMatchObject({ ok: true });
    expect(post({ ...withWords, text: "blorp" })).toMatchObject({ reason: "words" });
  });
  it("reply: refuses a parent that is not published, and everything a post refuses", () => {
    expect(post({ parent: comment() })).toMatchObject({ ok: true });
    for (const parent of [
      comment({ status: "pending" }),
      comment({ status: "rejected" }),
      comment({ deletedAt: now }),
    ]) {
      expect(post({ parent })).toMatchObject({ reason: "not-found" });
    }
    expect(post({ parent: comment(), thread: aged })).toMatchObject({ reason: "closed" });
    expect(post({ parent: comment(), author: banned })).toMatchObject({ reason: "banned" });
  });
  it("edit: allows, and holds a published comment whose new text needs review", () => {
    expect(edit()).toEqual({ ok: true, status: "approved", hold: false, reason: null });
    expect(edit({ articlePremod: "all" })).toMatchObject({ ok: true, status: "pending", hold: true });
    expect(edit({ comment: comment({ status: "pending" }) })).toMatchObject({
      ok: true,
      status: "pending",
      hold: false,
    });
  });
  it("edit: refuses others', expired, closed, banned, banned words and limited", () => {
    expect(edit({ author: otherAuthor })).toMatchObject({ reason: "not-found" });
    expect(edit({ comment: comment({ createdAt: new Date(now.getTime() - 16 * 60_000) }) })).toMatchObject({
      reason: "expired",
    });
    for (const thread of [closed, aged, draft]) expect(edit({ thread })).toMatchObject({ reason: "closed" });
    expect(edit({ author: banned })).toMatchObject({ reason: "banned" });
    expect(edit({ author: suspended })).toMatchObject({ reason: "suspended" });
    expect(edit({ ...withWords, text: "blorp" })).toMatchObject({ reason: "words" });
    const many = Array.from({ length: 200 }, (_, i) => seconds(i + 1));
    expect(edit({ recentEdits: many })).toMatchObject({ reason: "limited" });
    expect(edit({ recentEdits: many, unlimited: true })).toMatchObject({ ok: true });
  });
  it("delete: allows a sanctioned author; refuses others', deleted and closed", () => {
    expect(remove()).toEqual({ ok: true });
    expect(remove({ author: banned })).toEqual({ ok: true });
    expect(remove({ author: otherAuthor })).toMatchObject({ reason: "not-found" });
    expect(remove({ comment: comment({ deletedAt: now }) })).toMatchObject({ reason: "not-found" });
    for (const thread of [closed, aged, draft]) expect(remove({ thread })).toMatchObject({ reason: "closed" });
  });
  it("like: refuses own, hidden, closed, sanctioned and limited", () => {
    expect(like()).toEqual({ ok: true });
    expect(like({ author })).toMatchObject({ reason: "own" });
    expect(like({ comment: comment({ status: "pending" }) })).toMatchObject({ reason: "not-found" });
    for (const thread of [closed, aged, draft]) expect(like({ thread })).toMatchObject({ reason: "closed" });
    expect(like({ author: { ...otherAuthor, status: "banned" } })).toMatchObject({ reason: "banned" });
    const many = Array.from({ length: 1000 }, (_, i) => seconds(i + 1));
    expect(like({ recentLikes: many })).toMatchObject({ reason: "limited" });
    expect(like({ recentLikes: many, unlimited: true })).toEqual({ ok: true });
  });
  it("report: refuses own, hidden, closed and sanctioned", () => {
    expect(report()).toEqual({ ok: true });
    expect(report({ author })).toMatchObject({ reason: "own" });
    expect(report({ comment: comment({ deletedAt: now }) })).toMatchObject({ reason: "not-found" });
    for (const thread of [closed, aged, draft]) expect(report({ thread })).toMatchObject({ reason: "closed" });
    expect(report({ author: { ...otherAuthor, status: "suspended" } })).toMatchObject({ reason: "suspended" });
  });
});
