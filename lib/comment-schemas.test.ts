import { describe, expect, it } from "vitest";
import {
  EditCommentSchema,
  PostCommentSchema,
  PostReplySchema,
  ReportCommentSchema,
  ToggleLikeSchema,
} from "./comment-schemas";

describe("comment form schemas", () => {
  it("trims and accepts a comment", () => {
    const parsed = PostCommentSchema.parse({ slug: "a", body: "  \u200BHello\n " });
    expect(parsed.body).toBe("Hello");
    expect(parsed.returnTo).toBe("");
  });
  it("refuses empty and control-character text with the rule's message", () => {
    const empty = PostCommentSchema.safeParse({ slug: "a", body: " \u200B " });
    expect(empty.success).toBe(false);
    if (!empty.success) expect(empty.error.issues[0]?.message).toBe("Comment can't be empty.");
    const reply = PostReplySchema.safeParse({ slug: "a", parentId: "3", body: "a\u0000b" });
    expect(reply.success).toBe(false);
    if (!reply.success) expect(reply.error.issues[0]?.message).toMatch(/^Reply contains a null character/);
  });
  it("requires positive integer ids", () => {
    expect(ToggleLikeSchema.safeParse({ slug: "a", commentId: "12" }).success).toBe(true);
    for (const commentId of ["0", "-1", "1.5", "abc", ""]) {
      expect(ToggleLikeSchema.safeParse({ slug: "a", commentId }).success, commentId).toBe(false);
    }
    expect(EditCommentSchema.safeParse({ slug: "a", commentId: "1", body: "x" }).success).toBe(true);
  });
  it("accepts the four report reasons and an optional note", () => {
    for (const reason of ["spam", "abuse", "off-topic", "other"]) {
      expect(ReportCommentSchema.safeParse({ slug: "a", commentId: "1", reason }).success).toBe(true);
    }
    expect(ReportCommentSchema.safeParse({ slug: "a", commentId: "1", reason: "boring" }).success).toBe(false);
    expect(ReportCommentSchema.parse({ slug: "a", commentId: "1", reason: "other", note: "  " }).note).toBeNull();
    expect(
      ReportCommentSchema.safeParse({ slug: "a", commentId: "1", reason: "other", note: "n".repeat(1001) }).success,
    ).toBe(false);
  });
});
