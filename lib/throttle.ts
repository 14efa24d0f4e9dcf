/**
 * Sign-in throttling rule: after MAX_FAILURES failed sign-ins for one email,
 * or from one client address, within WINDOW_MS, further attempts are refused
 * until the oldest of those failures leaves the window. Only failures count,
 * so many readers signing in from one address never lock each other out.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleDecision = { refused: false } | { refused: true; minutesLeft: number };

/** Failure times from `since = now - WINDOW_MS`, in any order. */
export type RecentFailures = { byEmail: readonly Date[]; byIp: readonly Date[] };

function retryAt(failures: readonly Date[], now: Date): number | null {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - WINDOW_MS && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < MAX_FAILURES) return null;
  // The MAX_FAILURES-th most recent failure is the one that must age out.
  return (recent[MAX_FAILURES - 1] as number) + WINDOW_MS;
}

export function decideThrottle(failures: RecentFailures, now: Date): ThrottleDecision {
  const until = [retryAt(failures.byEmail, now), retryAt(failures.byIp, now)].filter((t): t is number => t !== null);
  if (until.length === 0) return { refused: false };
  const ms = Math.max(...until) - now.getTime();
  return { refused: true, minutesLeft: Math.max(1, Math.ceil(ms / 60_000)) };
}

export function throttleMessage(minutesLeft: number): string {
  return `Too many attempts — try again in ${minutesLeft} ${minutesLeft === 1 ? "minute" : "minutes"}.`;
}
