import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/db";
import { signinAttempts } from "@/db/schema";
import { decideThrottle, MAX_FAILURES, WINDOW_MS, type RecentFailures, type ThrottleDecision } from "@/lib/throttle";

/** The latest failures (at most the limit) for the email and for the address. */
export function listRecentSigninFailures({ email, ip, now }: { email: string; ip: string; now: Date }): RecentFailures {
  return recentFailuresIn(getDb(), { email, ip, now });
}

function recentFailuresIn(db: Db, { email, ip, now }: { email: string; ip: string; now: Date }): RecentFailures {
  const since = new Date(now.getTime() - WINDOW_MS);
  const times = (where: ReturnType<typeof and>) =>
    db
      .select({ createdAt: signinAttempts.createdAt })
      .from(signinAttempts)
      .where(where)
      .orderBy(desc(signinAttempts.createdAt))
      .limit(MAX_FAILURES)
      .all()
      .map((r) => r.createdAt);
  return {
    byEmail: times(
      and(eq(signinAttempts.email, email), eq(signinAttempts.succeeded, false), gt(signinAttempts.createdAt, since)),
    ),
    byIp: times(
      and(eq(signinAttempts.ip, ip), eq(signinAttempts.succeeded, false), gt(signinAttempts.createdAt, since)),
    ),
  };
}

export function recordSigninAttempt({
  email,
  ip,
  succeeded,
  now,
}: {
  email: string;
  ip: string;
  succeeded: boolean;
  now: Date;
}): void {
  const db = getDb();
  db.insert(signinAttempts).values({ email, ip, succeeded, createdAt: now }).run();
  // Keep the table small: attempts older than a day no longer matter.
  if (Math.random() < 0.01) {
    db.delete(signinAttempts)
      .where(lt(signinAttempts.createdAt, new Date(now.getTime() - 86_400_000)))
      .run();
  }
}

/**
 * Counts a sign-in attempt *before* its password is checked, in one immediate
 * transaction: the attempt is stored as a failure until `markSigninSucceeded`,
 * so a burst of parallel guesses cannot all pass the throttle while the slow
 * hashes run (issue 12, finding 3). Refused attempts are not stored.
 */
export function claimSigninAttempt({
  email,
  ip,
  now,
}: {
  email: string;
  ip: string;
  now: Date;
}): Extract<ThrottleDecision, { refused: true }> | { refused: false; attemptId: number } {
  return writeTransaction((db) => {
    const decision = decideThrottle(recentFailuresIn(db, { email, ip, now }), now);
    if (decision.refused) return decision;
    const row = db
      .insert(signinAttempts)
      .values({ email, ip, succeeded: false, createdAt: now })
      .returning({ id: signinAttempts.id })
      .get();
    return { refused: false, attemptId: row.id };
  });
}

/** The claimed attempt's password was right: it no longer counts as a failure. */
export function markSigninSucceeded({ attemptId }: { attemptId: number }): void {
  getDb().update(signinAttempts).set({ succeeded: true }).where(eq(signinAttempts.id, attemptId)).run();
}

/** The claimed attempt was never checked (the server was too busy to hash): it does not count. */
export function releaseSigninAttempt({ attemptId }: { attemptId: number }): void {
  getDb().delete(signinAttempts).where(eq(signinAttempts.id, attemptId)).run();
}
