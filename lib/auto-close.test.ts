import { describe, expect, it } from "vitest";
import { areCommentsOpen, autoCloseAt, isAutoClosed } from "./auto-close";

const published = new Date("2026-01-01T12:00:00Z");
const day = 24 * 60 * 60 * 1000;

describe("auto-close", () => {
  it("never closes when the setting is off", () => {
    for (const n of [0, null, undefined, -3]) {
      expect(autoCloseAt(published, n)).toBeNull();
      expect(isAutoClosed(published, n, new Date(published.getTime() + 1000 * day))).toBe(false);
    }
  });

  it("closes exactly N days after publication", () => {
    expect(autoCloseAt(published, 7)?.toISOString()).toBe("2026-01-08T12:00:00.000Z");
    expect(isAutoClosed(published, 7, new Date(published.getTime() + 7 * day - 1))).toBe(false);
    expect(isAutoClosed(published, 7, new Date(published.getTime() + 7 * day))).toBe(true);
  });

  it("an article closed by hand stays closed; an open one follows the window", () => {
    const now = new Date(published.getTime() + 2 * day);
    expect(areCommentsOpen({ commentsOpen: false, publishedAt: published }, null, now)).toBe(false);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, null, now)).toBe(true);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, 1, now)).toBe(false);
    expect(areCommentsOpen({ commentsOpen: true, publishedAt: published }, 3, now)).toBe(true);
  });
});
