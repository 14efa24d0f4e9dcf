import { describe, expect, it } from "vitest";
import {
  canDeleteComment,
  canEditComment,
  canLike,
  canPost,
  canReply,
  canReport,
  isStaff,
  type PermissionComment,
  type PermissionViewer,
} from "./permissions";

const now = new Date("2026-03-01T12:00:00Z");
const reader: PermissionViewer = {
  id: "u1",
  role: "reader",
  status: "active",
  suspendedUntil: null,
  statusReason: null,
};
const other: PermissionViewer = { ...reader, id: "u2" };
const open = { commentsOpen: true };
const closed = { commentsOpen: false };
const comment = (over: Partial<PermissionComment> = {}): PermissionComment => ({
  authorId: "u1",
  createdAt: new Date(now.getTime() - 60_000),
  deletedAt: null,
  status: "approved",
  ...over,
});

describe("isStaff", () => {
  it("is true for moderators and admins only", () => {
    expect(isStaff({ role: "moderator" })).toBe(true);
    expect(isStaff({ role: "admin" })).toBe(true);
    expect(isStaff({ role: "reader" })).toBe(false);
    expect(isStaff(null)).toBe(false);
  });
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
    expect(canPost(reader, { commentsOpen: true, status: "draft" }, now)).toMatchObject({ reason: "closed" });
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

describe("canEditComment", () => {
  it("allows the author within 15 minutes", () => {
    expect(canEditComment(reader, comment(), now, open)).toEqual({ ok: true });
    expect(
      canEditComment(reader, comment({ createdAt: new Date(now.getTime() - 15 * 60_000 + 1) }), now, open),
    ).toEqual({
      ok: true,
    });
    expect(canEditComment(reader, comment({ status: "pending" }), now, open)).toEqual({ ok: true });
  });
  it("refuses after 15 minutes", () => {
    expect(
      canEditComment(reader, comment({ createdAt: new Date(now.getTime() - 15 * 60_000) }), now, open),
    ).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });
  it("answers 'can't be found' for someone else's, deleted or rejected comment", () => {
    const notFound = { ok: false, reason: "not-found", message: "That comment can't be found." };
    expect(canEditComment(other, comment(), now, open)).toEqual(notFound);
    expect(canEditComment({ ...other, role: "admin" }, comment(), now, open)).toEqual(notFound);
    expect(canEditComment(reader, comment({ deletedAt: now }), now, open)).toEqual(notFound);
    expect(canEditComment(reader, comment({ status: "rejected" }), now, open)).toEqual(notFound);
    expect(canEditComment(reader, comment({ authorId: null }), now, open)).toEqual(notFound);
  });
  it("refuses signed-out, suspended and closed", () => {
    expect(canEditComment(null, comment(), now, open)).toMatchObject({ reason: "signed-out" });
    expect(canEditComment({ ...reader, status: "banned" }, comment(), now, open)).toMatchObject({ reason: "banned" });
    expect(canEditComment(reader, comment(), now, closed)).toMatchObject({ reason: "closed" });
  });
});

describe("canDeleteComment", () => {
  it("allows the author, at any age, even when suspended", () => {
    expect(canDeleteComment(reader, comment({ createdAt: new Date(0) }), open)).toEqual({ ok: true });
    expect(canDeleteComment({ ...reader, status: "banned" }, comment(), open)).toEqual({ ok: true });
  });
  it("refuses others, already deleted comments and closed articles", () => {
    expect(canDeleteComment(other, comment(), open)).toMatchObject({ reason: "not-found" });
    expect(canDeleteComment(reader, comment({ deletedAt: now }), open)).toMatchObject({ reason: "not-found" });
    expect(canDeleteComment(reader, comment(), closed)).toMatchObject({ reason: "closed" });
    expect(canDeleteComment(reader, comment(), { commentsOpen: true, status: "draft" })).toMatchObject({
      reason: "closed",
    });
    expect(canDeleteComment(null, comment(), open)).toMatchObject({ reason: "signed-out" });
  });
});

describe("canLike and canReport", () => {
  for (const [name, fn] of [
    ["canLike", canLike],
    ["canReport", canReport],
  ] as const) {
    it(`${name}: allows others' approved comments`, () => {
      expect(fn(other, comment(), now)).toEqual({ ok: true });
    });
    it(`${name}: refuses one's own comment`, () => {
      expect(fn(reader, comment(), now)).toMatchObject({ ok: false, reason: "own" });
    });
    it(`${name}: hides pending, rejected and deleted comments`, () => {
      for (const c of [comment({ status: "pending" }), comment({ status: "rejected" }), comment({ deletedAt: now })]) {
        expect(fn(other, c, now)).toMatchObject({ reason: "not-found", message: "That comment can't be found." });
      }
    });
    it(`${name}: refuses signed-out, banned, suspended and closed`, () => {
      expect(fn(null, comment(), now)).toMatchObject({ reason: "signed-out" });
      expect(fn({ ...other, status: "banned" }, comment(), now)).toMatchObject({ reason: "banned" });
      expect(
        fn({ ...other, status: "suspended", suspendedUntil: new Date(now.getTime() + 1000) }, comment(), now),
      ).toMatchObject({ reason: "suspended" });
      expect(fn(other, comment(), now, closed)).toMatchObject({ reason: "closed" });
    });
  }
});

describe("canReply", () => {
  it("allows replying to an approved comment, including one's own", () => {
    expect(canReply(other, comment(), now, open)).toEqual({ ok: true });
    expect(canReply(reader, comment(), now, open)).toEqual({ ok: true });
  });
  it("refuses replies to pending, rejected or deleted comments as not found", () => {
    for (const c of [comment({ status: "pending" }), comment({ status: "rejected" }), comment({ deletedAt: now })]) {
      expect(canReply(reader, c, now, open)).toMatchObject({ reason: "not-found" });
    }
  });
  it("refuses on closed articles and for banned readers", () => {
    expect(canReply(other, comment(), now, closed)).toMatchObject({ reason: "closed" });
    expect(canReply({ ...other, status: "banned" }, comment(), now, open)).toMatchObject({ reason: "banned" });
  });
});
