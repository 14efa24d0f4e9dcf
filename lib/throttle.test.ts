import { describe, expect, it } from "vitest";
import { decideThrottle, throttleMessage } from "./throttle";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("sign-in throttling", () => {
  it("allows up to 9 recent failures", () => {
    const byEmail = Array.from({ length: 9 }, (_, i) => minutesAgo(i));
    expect(decideThrottle({ byEmail, byIp: [] }, now)).toEqual({ refused: false });
  });

  it("refuses after 10 failures for one email within 15 minutes, until the oldest ages out", () => {
    const byEmail = Array.from({ length: 10 }, (_, i) => minutesAgo(i)); // 0..9 minutes ago
    expect(decideThrottle({ byEmail, byIp: [] }, now)).toEqual({ refused: true, minutesLeft: 6 });
  });

  it("refuses after 10 failures from one address across emails", () => {
    const byIp = Array.from({ length: 10 }, () => minutesAgo(1));
    expect(decideThrottle({ byEmail: [], byIp }, now)).toEqual({ refused: true, minutesLeft: 14 });
  });

  it("ignores failures older than the window", () => {
    const byEmail = [...Array.from({ length: 9 }, () => minutesAgo(2)), minutesAgo(16)];
    expect(decideThrottle({ byEmail, byIp: [] }, now).refused).toBe(false);
  });

  it("never says 0 minutes", () => {
    const byEmail = Array.from({ length: 10 }, () => new Date(now.getTime() - 15 * 60_000 + 500));
    expect(decideThrottle({ byEmail, byIp: [] }, now)).toEqual({ refused: true, minutesLeft: 1 });
  });

  it("words the message as the contract says", () => {
    expect(throttleMessage(12)).toBe("Too many attempts — try again in 12 minutes.");
    expect(throttleMessage(1)).toBe("Too many attempts — try again in 1 minute.");
  });
});
