/**
 * The rules for links mailed to a reader (password reset, address
 * confirmation, change of address): how a token is made and stored, how long
 * it lives, when a stored one may be used, and how many may be asked for.
 */
import { createHash, randomBytes } from "node:crypto";
import type { EmailTokenPurpose } from "@/lib/vocabulary";

/** How long each kind of link works. A reset is short-lived: whoever holds it owns the account. */
export const TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  reset: 60 * 60_000,
  confirm: 7 * 24 * 60 * 60_000,
  "change-email": 24 * 60 * 60_000,
};

/** Requests that send a link, per hour: per client address, and per account. */
export const REQUEST_WINDOW_MS = 60 * 60_000;
export const REQUEST_LIMITS: Record<EmailTokenPurpose, { perAddress: number; perAccount: number }> = {
  reset: { perAddress: 10, perAccount: 3 },
  confirm: { perAddress: 20, perAccount: 5 },
  "change-email": { perAddress: 20, perAccount: 5 },
};

const TOKEN_BYTES = 32;
/** base64url of 32 bytes: 43 characters of [A-Za-z0-9_-]. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a token: its SHA-256 (a 256-bit random token needs no slow hash). */
export function hashEmailToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token for the link, and the hash that is all the database keeps. */
export function newEmailToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashEmailToken(token) };
}

/** Whether a string from a URL could be one of our tokens (anything else is forged without a look-up). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function tokenExpiresAt(purpose: EmailTokenPurpose, now: Date): Date {
  return new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
}

export type StoredToken = { purpose: EmailTokenPurpose; expiresAt: Date; usedAt: Date | null };
export type TokenCheck = { ok: true } | { ok: false; reason: "forged" | "used" | "expired" };

/** Decides a presented link from its stored row (null: no row has that hash). */
export function checkEmailToken(row: StoredToken | null, purpose: EmailTokenPurpose, now: Date): TokenCheck {
  if (!row || row.purpose !== purpose) return { ok: false, reason: "forged" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true };
}

const LINK_NOUN: Record<EmailTokenPurpose, string> = {
  reset: "password reset link",
  confirm: "confirmation link",
  "change-email": "confirmation link",
};

/** What the reader is told about a link that does not work. */
export function tokenRefusalMessage(purpose: EmailTokenPurpose, reason: "forged" | "used" | "expired"): string {
  const noun = LINK_NOUN[purpose];
  if (reason === "used") return `This ${noun} has already been used.`;
  if (reason === "expired") return `This ${noun} has expired.`;
  return `This ${noun} is not valid. Check that you copied all of it.`;
}

export type RequestCounts = { byAddress: number; byAccount: number };
export type RequestDecision = { ok: true } | { ok: false; limit: "address" | "account" };

/**
 * Whether another link may be sent, from the requests of the last hour. The
 * address limit is checked first: it holds for emails with no account too.
 */
export function decideMailRequest(purpose: EmailTokenPurpose, counts: RequestCounts): RequestDecision {
  const limits = REQUEST_LIMITS[purpose];
  if (counts.byAddress >= limits.perAddress) return { ok: false, limit: "address" };
  if (counts.byAccount >= limits.perAccount) return { ok: false, limit: "account" };
  return { ok: true };
}

export const TOO_MANY_REQUESTS_MESSAGE = "Too many requests from your network. Try again in an hour.";

/** The one answer to `Send reset link`, whether or not the email has an account. */
export const RESET_LINK_SENT = "If an account exists for that email, we have sent a link to reset its password.";
