/**
 * Sign-ups per client address (issue 12, finding 4; the contract's
 * `SIGNUPS_PER_ADDRESS_PER_HOUR`, default 50, `0` turns the limit off). Each
 * sign-up that gets as far as hashing its password counts; once an address has
 * that many within an hour, further sign-ups from it are refused until the
 * oldest of them leaves the window.
 */
import type { ThrottleDecision } from "./throttle";

export const DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR = 50;
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;

/**
 * `SIGNUPS_PER_ADDRESS_PER_HOUR` as a limit: unset or empty is the default,
 * `0` is no limit, a whole number is that limit; anything else is `null`,
 * which the server reports and treats as the default.
 */
export function parseSignupLimit(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR;
  if (!/^\d{1,9}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * `limitth` is the time of the address's `limit`-th most recent sign-up inside
 * the window (null when it has fewer): while it is in the window, the address
 * is at its limit.
 */
export function decideSignupLimit(limitth: Date | null, now: Date, limit: number): ThrottleDecision {
  if (limit <= 0 || !limitth) return { refused: false };
  const until = limitth.getTime() + SIGNUP_WINDOW_MS;
  if (until <= now.getTime()) return { refused: false };
  return { refused: true, minutesLeft: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

export function signupLimitMessage(minutesLeft: number): string {
  return `Too many new accounts from this address — try again in ${minutesLeft} ${minutesLeft === 1 ? "minute" : "minutes"}.`;
}
