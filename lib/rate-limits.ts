/**
 * Per-account posting limits, as a pure function of the author's recent
 * comments (read from SQLite in the same transaction as the insert).
 */
import { normaliseCommentText } from "./comment-text";

export const MIN_INTERVAL_MS = 10_000;
export const PER_MINUTE = 5;
export const PER_DAY = 100;
export const PER_DAY_NEW_ACCOUNT = 20;
export const DUPLICATE_WINDOW_MS = 10 * 60_000;
export const NEW_ACCOUNT_MS = 24 * 60 * 60_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * 60_000;

export type RecentComment = { createdAt: Date; body: string };

export type RateLimitInput = {
  /** The author's comments of the last 24 hours, any status (deleted ones count too), any order. */
  recent: RecentComment[];
  accountCreatedAt: Date;
  text: string;
  now: Date;
  /** Exempt accounts (the benchmark's) skip every check. */
  unlimited?: boolean;
};

export type RateLimitResult = { ok: true } | { ok: false; message: string; retryAt: Date };

/** "in 8 seconds", "in 3 minutes", "in 2 hours" — always rounded up, never "in 0". */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `in ${hours} hour${hours === 1 ? "" : "s"}`;
}

function refuse(message: (wait: string) => string, retryAt: number, now: number): RateLimitResult {
  return { ok: false, message: message(formatWait(retryAt - now)), retryAt: new Date(retryAt) };
}

export function checkRateLimit(input: RateLimitInput): RateLimitResult {
  if (input.unlimited) return { ok: true };
  const now = input.now.getTime();
  // Newest first; only the last day matters.
  const times = input.recent
    .map((c) => ({ at: c.createdAt.getTime(), body: c.body }))
    .filter((c) => c.at > now - DAY)
    .sort((a, b) => b.at - a.at);

  const text = normaliseCommentText(input.text);
  const duplicate = times.find((c) => c.at > now - DUPLICATE_WINDOW_MS && normaliseCommentText(c.body) === text);
  if (duplicate) {
    return refuse(
      (wait) => `You've already posted that comment. Write something different, or post it again ${wait}.`,
      duplicate.at + DUPLICATE_WINDOW_MS,
      now,
    );
  }

  const latest = times[0];
  if (latest && latest.at > now - MIN_INTERVAL_MS) {
    return refuse(
      (wait) => `You're commenting too quickly. You can post again ${wait}.`,
      latest.at + MIN_INTERVAL_MS,
      now,
    );
  }

  const lastMinute = times.filter((c) => c.at > now - MINUTE);
  if (lastMinute.length >= PER_MINUTE) {
    // Free again when the oldest of the last PER_MINUTE comments leaves the window.
    const pivot = lastMinute[PER_MINUTE - 1]!;
    return refuse(
      (wait) => `You've posted ${PER_MINUTE} comments in the last minute. You can post again ${wait}.`,
      pivot.at + MINUTE,
      now,
    );
  }

  const young = now - input.accountCreatedAt.getTime() < NEW_ACCOUNT_MS;
  const perDay = young ? PER_DAY_NEW_ACCOUNT : PER_DAY;
  if (times.length >= perDay) {
    const pivot = times[perDay - 1]!;
    return refuse(
      (wait) =>
        young
          ? `New accounts can post ${perDay} comments a day, and you've reached that. You can post again ${wait}.`
          : `You've reached the limit of ${perDay} comments a day. You can post again ${wait}.`,
      pivot.at + DAY,
      now,
    );
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Likes, edits and display-name changes (issue 12, finding 6). Each one
// expires cached pages, so each is limited per account: generous enough for a
// person (30 likes in a minute is fine), far below what a script would send.

export type AccountAction = "like" | "edit" | "rename";

type ActionWindow = { ms: number; max: number; label: string };

const HOUR = 60 * MINUTE;

export const ACTION_LIMITS: Record<AccountAction, readonly ActionWindow[]> = {
  like: [
    { ms: MINUTE, max: 30, label: "minute" },
    { ms: HOUR, max: 500, label: "hour" },
  ],
  edit: [
    { ms: MINUTE, max: 10, label: "minute" },
    { ms: HOUR, max: 60, label: "hour" },
  ],
  rename: [
    { ms: HOUR, max: 5, label: "hour" },
    { ms: DAY, max: 10, label: "day" },
  ],
};

/** The longest window of any action: older records can be forgotten. */
export const ACTION_HISTORY_MS = Math.max(...Object.values(ACTION_LIMITS).flatMap((ws) => ws.map((w) => w.ms)));

/** The most records of one action the checks ever need to see. */
export const ACTION_RECENT_LIMIT = Math.max(...Object.values(ACTION_LIMITS).flatMap((ws) => ws.map((w) => w.max)));

const ACTION_MESSAGES: Record<AccountAction, (max: number, window: string, wait: string) => string> = {
  like: (max, window, wait) =>
    `You've liked or unliked ${max} comments in the last ${window}. You can like again ${wait}.`,
  edit: (max, window, wait) => `You've edited comments ${max} times in the last ${window}. You can edit again ${wait}.`,
  rename: (max, window, wait) =>
    `You've changed your display name ${max} times in the last ${window}. You can change it again ${wait}.`,
};

/**
 * May the account do `action` now, given when it last did it? Refused while
 * any window holds its maximum, until the oldest of those leaves the window
 * (the same wording and rounding as the posting limits).
 */
export function checkActionLimit(input: {
  action: AccountAction;
  /** When the account did this action lately (any order; only the longest window matters). */
  recent: readonly Date[];
  now: Date;
  unlimited?: boolean;
}): RateLimitResult {
  if (input.unlimited) return { ok: true };
  const now = input.now.getTime();
  const times = input.recent
    .map((d) => d.getTime())
    .filter((t) => t <= now)
    .sort((a, b) => b - a);
  let refusal: { window: ActionWindow; retryAt: number } | null = null;
  for (const window of ACTION_LIMITS[input.action]) {
    const inWindow = times.filter((t) => t > now - window.ms);
    if (inWindow.length < window.max) continue;
    const retryAt = inWindow[window.max - 1]! + window.ms;
    if (!refusal || retryAt > refusal.retryAt) refusal = { window, retryAt };
  }
  if (!refusal) return { ok: true };
  const { window, retryAt } = refusal;
  return refuse((wait) => ACTION_MESSAGES[input.action](window.max, window.label, wait), retryAt, now);
}
