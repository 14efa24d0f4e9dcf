import { describe, expect, it } from "vitest";
import {
  decideSignupLimit,
  DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR,
  parseSignupLimit,
  signupLimitMessage,
} from "./signup-limit";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("SIGNUPS_PER_ADDRESS_PER_HOUR", () => {
  it("is 50 when unset or empty", () => {
    expect(DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR).toBe(50);
    expect(parseSignupLimit(undefined)).toBe(50);
    expect(parseSignupLimit(" ")).toBe(50);
  });

  it("reads a whole number; 0 turns the limit off", () => {
    expect(parseSignupLimit("0")).toBe(0);
    expect(parseSignupLimit("3")).toBe(3);
    expect(parseSignupLimit(" 200 ")).toBe(200);
  });

  it("refuses anything else (the server then uses the default)", () => {
    for (const value of ["-1", "1.5", "off", "ten", "1e3"]) expect(parseSignupLimit(value)).toBeNull();
  });
});

describe("sign-up limit", () => {
  it("allows an address below its limit", () => {
    expect(decideSignupLimit(null, now, 50)).toEqual({ refused: false });
  });

  it("refuses while the limit-th most recent sign-up is within the hour, until it leaves", () => {
    expect(decideSignupLimit(minutesAgo(20), now, 50)).toEqual({ refused: true, minutesLeft: 40 });
    expect(decideSignupLimit(minutesAgo(59.5), now, 50)).toEqual({ refused: true, minutesLeft: 1 });
    expect(decideSignupLimit(minutesAgo(60), now, 50)).toEqual({ refused: false });
  });

  it("never refuses when the limit is off", () => {
    expect(decideSignupLimit(minutesAgo(1), now, 0)).toEqual({ refused: false });
  });

  it("says what happened and when to come back", () => {
    expect(signupLimitMessage(40)).toBe("Too many new accounts from this address — try again in 40 minutes.");
    expect(signupLimitMessage(1)).toBe("Too many new accounts from this address — try again in 1 minute.");
  });
});
