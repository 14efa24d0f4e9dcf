import { describe, expect, it } from "vitest";
import { claimLease, getLease, releaseLease } from "./leases";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

describe("leases (issue 16: work that runs once across processes)", () => {
  it("one holder at a time; the holder renews; another takes over only once it expired", () => {
    const name = `job-${Math.random()}`;
    expect(claimLease({ name, holder: "a", ttlMs: 30_000, now: at(0) })).toBe(true);
    expect(claimLease({ name, holder: "b", ttlMs: 30_000, now: at(10) })).toBe(false);
    expect(claimLease({ name, holder: "a", ttlMs: 30_000, now: at(20) })).toBe(true);
    expect(getLease({ name })).toEqual({ holder: "a", expiresAt: at(50) });
    expect(claimLease({ name, holder: "b", ttlMs: 30_000, now: at(49) })).toBe(false);
    expect(claimLease({ name, holder: "b", ttlMs: 30_000, now: at(50) })).toBe(true);
    expect(claimLease({ name, holder: "a", ttlMs: 30_000, now: at(51) })).toBe(false);
    expect(getLease({ name })?.holder).toBe("b");
  });

  it("a released lease is free at once, and only its holder can release it", () => {
    const name = `job-${Math.random()}`;
    expect(claimLease({ name, holder: "a", ttlMs: 30_000, now: at(0) })).toBe(true);
    releaseLease({ name, holder: "b" });
    expect(claimLease({ name, holder: "b", ttlMs: 30_000, now: at(1) })).toBe(false);
    releaseLease({ name, holder: "a" });
    expect(claimLease({ name, holder: "b", ttlMs: 30_000, now: at(1) })).toBe(true);
  });
});
