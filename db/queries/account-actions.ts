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
 * Checks the account's limit for `action` and, when it is allowed, counts this
 * one — inside the caller's write transaction, so parallel requests from one
 * account cannot all pass the check. Call it only once the write is otherwise
 * allowed: a refused or invalid request is not counted.
 */
export function claimAccountAction(
  db: Db,
  { userId, action, now }: { userId: string; action: AccountAction; now: Date },
): RateLimitResult {
  const sqlite = db.$client;
  const recent = sqlite
    .prepare(
      `select created_at from account_actions where user_id = ? and action = ? and created_at > ?
       order by created_at desc limit ?`,
    )
    .all(userId, action, now.getTime() - ACTION_HISTORY_MS, ACTION_RECENT_LIMIT) as { created_at: number }[];
  const allowed = checkActionLimit({
    action,
    recent: recent.map((r) => new Date(r.created_at)),
    now,
    unlimited: isRateLimitExemptIn(db, userId),
  });
  if (!allowed.ok) return allowed;
  // What no window needs any more goes as the account acts (an index range).
  sqlite
    .prepare(`delete from account_actions where user_id = ? and action = ? and created_at <= ?`)
    .run(userId, action, now.getTime() - ACTION_HISTORY_MS);
  sqlite
    .prepare(`insert into account_actions (user_id, action, created_at) values (?, ?, ?)`)
    .run(userId, action, now.getTime());
  return allowed;
}
