import { describe, expect, it } from "vitest";
import {
  checkEmailToken,
  decideMailRequest,
  hashEmailToken,
  isTokenShaped,
  newEmailToken,
  REQUEST_LIMITS,
  tokenExpiresAt,
  tokenRefusalMessage,
} from "./email-tokens";

const now = new Date("2026-12-03T09:00:00Z");
const HOUR = 60 * 60_000;

describe("newEmailToken", () => {
  it("makes a 256-bit URL-safe token and stores only its SHA-256", () => {
    const { token, tokenHash } = newEmailToken();
    expect(isTokenShaped(token)).toBe(true);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashEmailToken(token));
    expect(tokenHash).not.toContain(token);
    expect(newEmailToken().token).not.toBe(token);
  });

  it("rejects anything that is not token-shaped before a look-up", () => {
    expect(isTokenShaped("")).toBe(false);
    expect(isTokenShaped("a".repeat(42))).toBe(false);
    expect(isTokenShaped("a".repeat(44))).toBe(false);
    expect(isTokenShaped(`${"a".repeat(42)}=`)).toBe(false);
    expect(isTokenShaped(`${"a".repeat(42)}/`)).toBe(false);
  });
});

describe("checkEmailToken", () => {
  const reset = { purpose: "reset" as const, expiresAt: tokenExpiresAt("reset", now), usedAt: null };

  it("a reset link lives exactly one hour", () => {
    expect(reset.expiresAt.getTime() - now.getTime()).toBe(HOUR);
    expect(checkEmailToken(reset, "reset", new Date(now.getTime() + HOUR - 1))).toEqual({ ok: true });
    expect(checkEmailToken(reset, "reset", new Date(now.getTime() + HOUR))).toEqual({ ok: false, reason: "expired" });
  });

  it("a used link is refused, even before it expires", () => {
    expect(checkEmailToken({ ...reset, usedAt: now }, "reset", now)).toEqual({ ok: false, reason: "used" });
  });

  it("an unknown token, or one made for another purpose, is forged", () => {
    expect(checkEmailToken(null, "reset", now)).toEqual({ ok: false, reason: "forged" });
    expect(checkEmailToken({ ...reset, purpose: "confirm" }, "reset", now)).toEqual({ ok: false, reason: "forged" });
  });

  it("says what is wrong with the link", () => {
    expect(tokenRefusalMessage("reset", "used")).toBe("This password reset link has already been used.");
    expect(tokenRefusalMessage("reset", "expired")).toBe("This password reset link has expired.");
    expect(tokenRefusalMessage("confirm", "forged")).toContain("confirmation link is not valid");
  });
});

describe("decideMailRequest", () => {
  const { perAddress, perAccount } = REQUEST_LIMITS.reset;

  it("allows requests under both limits", () => {
    expect(decideMailRequest("reset", { byAddress: perAddress - 1, byAccount: perAccount - 1 })).toEqual({ ok: true });
  });

  it("refuses per account at its limit", () => {
    expect(decideMailRequest("reset", { byAddress: 0, byAccount: perAccount })).toEqual({
      ok: false,
      limit: "account",
    });
  });

  it("refuses per client address first, whatever the account", () => {
    expect(decideMailRequest("reset", { byAddress: perAddress, byAccount: perAccount })).toEqual({
      ok: false,
      limit: "address",
    });
  });
});
