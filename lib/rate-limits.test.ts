import { describe, expect, it } from "vitest";
import { checkActionLimit, checkRateLimit, formatWait, type RecentComment } from "./rate-limits";

const now = new Date("2026-03-01T12:00:00Z");
const old = new Date("2025-01-01T00:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const c = (msAgo: number, body = `body ${msAgo}`): RecentComment => ({ createdAt: ago(msAgo), body });

function check(recent: RecentComment[], text = "new text", accountCreatedAt = old, unlimited = false) {
  return checkRateLimit({ recent, accountCreatedAt, text, now, unlimited });
}

describe("formatWait", () => {
  it("rounds up to seconds, minutes or hours", () => {
    expect(formatWait(0)).toBe("in 1 second");
    expect(formatWait(1)).toBe("in 1 second");
    expect(formatWait(8_200)).toBe("in 9 seconds");
    expect(formatWait(60_000)).toBe("in 1 minute");
    expect(formatWait(61_000)).toBe("in 2 minutes");
    expect(formatWait(3 * 3600_000)).toBe("in 3 hours");
  });
});

describe("checkRateLimit", () => {
  it("allows a first comment", () => {
    expect(check([])).toEqual({ ok: true });
  });

  it("needs 10 seconds between comments", () => {
    const result = check([c(4_000)]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe("You're commenting too quickly. You can post again in 6 seconds.");
      expect(result.retryAt).toEqual(new Date(now.getTime() + 6_000));
    }
    expect(check([c(10_000)])).toEqual({ ok: true });
  });

  it("allows at most 5 comments a minute", () => {
    const recent = [c(11_000), c(20_000), c(30_000), c(40_000), c(50_000)];
    const result = check(recent);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe("You've posted 5 comments in the last minute. You can post again in 10 seconds.");
      expect(result.retryAt).toEqual(new Date(now.getTime() + 10_000));
    }
    expect(check([c(11_000), c(20_000), c(30_000), c(40_000), c(60_000)])).toEqual({ ok: true });
  });

  it("allows at most 100 comments a day for established accounts", () => {
    const recent = Array.from({ length: 100 }, (_, i) => c(120_000 + i * 60_000));
    const result = check(recent);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(
        /^You've reached the limit of 100 comments a day\. You can post again in \d+ hours?\.$/,
      );
      // The oldest of the 100 leaves the 24-hour window first.
      expect(result.retryAt).toEqual(new Date(ago(120_000 + 99 * 60_000).getTime() + 24 * 3600_000));
    }
    expect(check(recent.slice(0, 99))).toEqual({ ok: true });
  });

  it("ignores comments older than a day", () => {
    const recent = Array.from({ length: 150 }, (_, i) => c(24 * 3600_000 + i));
    expect(check(recent)).toEqual({ ok: true });
  });

  it("allows accounts younger than a day 20 comments a day", () => {
    const young = ago(3600_000);
    const recent = Array.from({ length: 20 }, (_, i) => c(120_000 + i * 60_000));
    const result = check(recent, "x", young);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^New accounts can post 20 comments a day/);
    expect(check(recent.slice(0, 19), "x", young)).toEqual({ ok: true });
    // The same history is fine for an older account.
    expect(check(recent, "x", old)).toEqual({ ok: true });
  });

  it("refuses the same text twice within 10 minutes, after normalising", () => {
    const result = check([c(5 * 60_000, "Same words")], "  Same words\u200B\n");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        "You've already posted that comment. Write something different, or post it again in 5 minutes.",
      );
    }
    expect(check([c(5 * 60_000, "Same words")], "Same words!")).toEqual({ ok: true });
    expect(check([c(10 * 60_000 + 1, "Same words")], "Same words")).toEqual({ ok: true });
  });

  it("reports a duplicate before the interval limit", () => {
    const result = check([c(2_000, "dup")], "dup");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/already posted that comment/);
  });

  it("accepts the recent list in any order", () => {
    const result = check([c(50_000), c(11_000), c(40_000), c(20_000), c(30_000)]);
    expect(result.ok).toBe(false);
  });

  it("lets exempt accounts skip every check", () => {
    const recent = Array.from({ length: 200 }, (_, i) => c(i, "dup"));
    expect(check(recent, "dup", ago(1), true)).toEqual({ ok: true });
  });
});

describe("checkActionLimit (issue 12, finding 6: likes, edits and renames per account)", () => {
  const times = (n: number, everyMs: number, from = 0) => Array.from({ length: n }, (_, i) => ago(from + i * everyMs));

  it("allows 30 likes in a minute and refuses the 31st with when to try again", () => {
    expect(checkActionLimit({ action: "like", recent: times(29, 1_000), now })).toEqual({ ok: true });
    const refused = checkActionLimit({ action: "like", recent: times(30, 1_000), now });
    expect(refused).toMatchObject({
      ok: false,
      message: "You've liked or unliked 30 comments in the last minute. You can like again in 31 seconds.",
    });
    // Free again once the oldest of those 30 leaves the minute.
    if (!refused.ok) expect(refused.retryAt).toEqual(new Date(now.getTime() + 31_000));
  });

  it("counts only the window: 30 likes spread over more than a minute are fine", () => {
    expect(checkActionLimit({ action: "like", recent: times(30, 2_100), now })).toEqual({ ok: true });
  });

  it("caps likes per hour too", () => {
    const recent = times(500, 7_000, 61_000);
    expect(checkActionLimit({ action: "like", recent, now })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^You've liked or unliked 500 comments in the last hour\. You can like again in/),
    });
  });

  it("limits edits and display-name changes with their own words", () => {
    expect(checkActionLimit({ action: "edit", recent: times(9, 1_000), now })).toEqual({ ok: true });
    expect(checkActionLimit({ action: "edit", recent: times(10, 1_000), now })).toMatchObject({
      ok: false,
      message: "You've edited comments 10 times in the last minute. You can edit again in 51 seconds.",
    });
    expect(checkActionLimit({ action: "rename", recent: times(4, 60_000), now })).toEqual({ ok: true });
    expect(checkActionLimit({ action: "rename", recent: times(5, 60_000), now })).toMatchObject({
      ok: false,
      message: "You've changed your display name 5 times in the last hour. You can change it again in 56 minutes.",
    });
  });

  it("ignores exempt accounts and times in the future", () => {
    expect(checkActionLimit({ action: "like", recent: times(100, 10), now, unlimited: true })).toEqual({ ok: true });
    const future = Array.from({ length: 40 }, (_, i) => new Date(now.getTime() + 1_000 + i));
    expect(checkActionLimit({ action: "like", recent: future, now })).toEqual({ ok: true });
  });
});
