import { describe, expect, it } from "vitest";
import { claimSignup, releaseSignup } from "./signup-attempts";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("claimSignup (issue 12, finding 4)", () => {
  it("counts sign-ups per address and refuses the one over the limit until the oldest leaves the hour", () => {
    const ip = "203.0.113.10";
    for (const m of [50, 30, 10]) expect(claimSignup({ ip, now: minutesAgo(m), limit: 3 }).refused).toBe(false);
    expect(claimSignup({ ip, now, limit: 3 })).toEqual({ refused: true, minutesLeft: 10 });
    expect(claimSignup({ ip: "203.0.113.11", now, limit: 3 }).refused).toBe(false);
    expect(claimSignup({ ip, now: minutesAgo(-11), limit: 3 }).refused).toBe(false);
  });

  it("stores nothing and refuses nothing when the limit is off", () => {
    const ip = "203.0.113.12";
    for (let i = 0; i < 5; i++) expect(claimSignup({ ip, now, limit: 0 })).toEqual({ refused: false, attemptId: null });
    expect(claimSignup({ ip, now, limit: 1 }).refused).toBe(false);
  });

  it("a released claim no longer counts", () => {
    const ip = "203.0.113.13";
    const claim = claimSignup({ ip, now, limit: 1 });
    if (claim.refused) throw new Error("first claim refused");
    expect(claimSignup({ ip, now, limit: 1 }).refused).toBe(true);
    releaseSignup({ attemptId: claim.attemptId });
    expect(claimSignup({ ip, now, limit: 1 }).refused).toBe(false);
  });
});
