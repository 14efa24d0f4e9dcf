import { describe, expect, it } from "vitest";
import { absoluteTime, commentsHeading, likeLabel, relativeTime } from "./format";

const now = new Date("2026-11-28T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("comment text helpers", () => {
  it("heads the section with the contract's wording", () => {
    expect(commentsHeading(0)).toBe("0 Comments");
    expect(commentsHeading(1)).toBe("1 Comment");
    expect(commentsHeading(250)).toBe("250 Comments");
  });
  it("counts likes", () => {
    expect(likeLabel(1)).toBe("1 like");
    expect(likeLabel(2)).toBe("2 likes");
  });
  it("tells relative time the way people say it", () => {
    expect(relativeTime(ago(10_000), now)).toBe("just now");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(60 * 60_000), now)).toBe("1 hour ago");
    expect(relativeTime(ago(3 * 3600_000), now)).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe("4 days ago");
    expect(relativeTime(new Date("2026-10-02T08:00:00Z"), now)).toBe("2 Oct 2026");
  });
  it("gives the absolute time in UTC", () => {
    expect(absoluteTime(new Date("2026-11-28T09:05:00Z"))).toBe("28 November 2026 at 09:05 UTC");
  });
});
