/**
 * What the mail sender decides, as pure functions: how long to wait before the
 * next try, which failures are worth another try, and when to give up.
 */

/** A message is retried for this long after it was queued, then marked failed. */
export const MAIL_GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 30 * 1000;
const LONGEST_WAIT_MS = 60 * 60 * 1000;

/**
 * Wait before try number `failures + 1`: 30 s, 1 min, 2 min … doubling, never
 * more than an hour, so a server that comes back is used within the hour and a
 * day holds about thirty tries. `jitter` (0–1) spreads retries of a burst.
 */
export function retryDelayMs(failures: number, jitter = 0): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.min(exponent, 20));
  return Math.round(base * (1 + Math.min(Math.max(jitter, 0), 1) * 0.2));
}

export type SendFailure = "retry" | "permanent";

/**
 * A refusal with a 5xx reply code is permanent (the server said the message
 * will never be accepted). Everything else — 4xx replies, connection, DNS,
 * TLS and timeout errors — may pass, so it is retried. Authentication
 * failures (EAUTH, 535) are retried too: they are the site's configuration,
 * not this message, and fixing SMTP_URL should let the queue go out.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (e.code === "EAUTH") return "retry";
  const status = typeof e.responseCode === "number" ? e.responseCode : undefined;
  if (status !== undefined && status >= 500 && status < 600) return "permanent";
  return "retry";
}

export type NextStep = { status: "queued"; nextAttemptAt: Date } | { status: "failed" };

/** After a failed try at `now`: wait and retry, or give up (permanent refusal, or a day has passed). */
export function afterFailure({
  error,
  failures,
  queuedAt,
  now,
  jitter = 0,
}: {
  error: unknown;
  failures: number;
  queuedAt: Date;
  now: Date;
  jitter?: number;
}): NextStep {
  if (classifySendError(error) === "permanent") return { status: "failed" };
  const next = now.getTime() + retryDelayMs(failures, jitter);
  if (next - queuedAt.getTime() > MAIL_GIVE_UP_AFTER_MS) return { status: "failed" };
  return { status: "queued", nextAttemptAt: new Date(next) };
}

/** One line for /admin and the log: the SMTP reply when there is one, never a password. */
export function describeSendError(error: unknown): string {
  const e = (error ?? {}) as { response?: unknown; message?: unknown; code?: unknown };
  const text = typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "string" ? `${e.code}: ` : "";
  return `${code}${text}`.replace(/\/\/[^@\s/]*@/g, "//").slice(0, 500);
}
