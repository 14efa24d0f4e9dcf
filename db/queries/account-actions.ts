import "server-only";
import type { Db } from "@/db";
import {
  ACTION_HISTORY_MS,
  ACTION_RECENT_LIMIT,
  checkActionLimit,
  type AccountAction,
  type RateLimitResult,
} from "@/lib/rate-limits";
import { isRateLimitExemptIn } from "./settings";

/**
 * When the account did `action` lately, and whether it is exempt from the
 * limits: what lib/comment-policy.ts (and the rename rule) weigh. Read inside
 * the caller's write transaction, so parallel requests from one account cannot
 * all pass the check.
 */
export function readRecentActions(
  db: Db,
  { userId, action, now }: { userId: string; action: AccountAction; now: Date },
): { recent: Date[]; unlimited: boolean } {
  const recent = db.$client
    .prepare(
      `select created_at from account_actions where user_id = ? and action = ? and created_at > ?
       order by created_at desc limit ?`,
    )
    .all(userId, action, now.getTime() - ACTION_HISTORY_MS, ACTION_RECENT_LIMIT) as { created_at: number }[];
  return { recent: recent.map((r) => new Date(r.created_at)), unlimited: isRateLimitExemptIn(db, userId) };
}

/** Counts one allowed action. Call it only once the write is decided: a refused request is not counted. */
export function recordAccountAction(
  db: Db,
  { userId, action, now }: { userId: string; action: AccountAction; now: Date },
): void {
  const sqlite = db.$client;
  // What no window needs any more goes as the account acts (an index range).
  sqlite
    .prepare(`delete from account_actions where user_id = ? and action = ? and created_at <= ?`)
    .run(userId, action, now.getTime() - ACTION_HISTORY_MS);
  sqlite
    .prepare(`insert into account_actions (user_id, action, created_at) values (?, ?, ?)`)
    .run(userId, action, now.getTime());
}

/** Checks the account's limit for `action` and, when it is allowed, counts this one (renames). */
export function claimAccountAction(
  db: Db,
  input: { userId: string; action: AccountAction; now: Date },
): RateLimitResult {
  const allowed = checkActionLimit({ action: input.action, now: input.now, ...readRecentActions(db, input) });
  if (allowed.ok) recordAccountAction(db, input);
  return allowed;
}
