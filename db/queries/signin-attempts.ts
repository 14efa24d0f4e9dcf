import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { signinAttempts } from "@/db/schema";
import { MAX_FAILURES, WINDOW_MS, type RecentFailures } from "@/lib/throttle";

/** The latest failures (at most the limit) for the email and for the address. */
export function listRecentSigninFailures({ email, ip, now }: { email: string; ip: string; now: Date }): RecentFailures {
  const db = getDb();
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
