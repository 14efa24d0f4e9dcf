import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { writeTransaction } from "@/db";
import { signupAttempts } from "@/db/schema";
import type { ThrottleDecision } from "@/lib/throttle";
import { decideSignupLimit, SIGNUP_WINDOW_MS } from "@/lib/signup-limit";

/**
 * Counts a sign-up from `ip` before its password is hashed, in one immediate
 * transaction, so a burst of parallel sign-ups cannot all pass the check
 * (`limit` 0: no limit, nothing stored). Refused sign-ups are not stored.
 */
export function claimSignup({
  ip,
  now,
  limit,
}: {
  ip: string;
  now: Date;
  limit: number;
}): Extract<ThrottleDecision, { refused: true }> | { refused: false; attemptId: number | null } {
  if (limit <= 0) return { refused: false, attemptId: null };
  return writeTransaction((db) => {
    const limitth = db
      .select({ createdAt: signupAttempts.createdAt })
      .from(signupAttempts)
      .where(and(eq(signupAttempts.ip, ip), gt(signupAttempts.createdAt, new Date(now.getTime() - SIGNUP_WINDOW_MS))))
      .orderBy(desc(signupAttempts.createdAt))
      .limit(1)
      .offset(limit - 1)
      .get();
    const decision = decideSignupLimit(limitth?.createdAt ?? null, now, limit);
    if (decision.refused) return decision;
    const row = db.insert(signupAttempts).values({ ip, createdAt: now }).returning({ id: signupAttempts.id }).get();
    // Keep the table small: sign-ups older than a day no longer matter.
    if (Math.random() < 0.01) {
      db.delete(signupAttempts)
        .where(lt(signupAttempts.createdAt, new Date(now.getTime() - 86_400_000)))
        .run();
    }
    return { refused: false, attemptId: row.id };
  });
}

/** The claimed sign-up never hashed its password (the server was busy): it does not count. */
export function releaseSignup({ attemptId }: { attemptId: number | null }): void {
  if (attemptId === null) return;
  writeTransaction((db) => db.delete(signupAttempts).where(eq(signupAttempts.id, attemptId)).run());
}
