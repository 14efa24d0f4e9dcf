import "server-only";
import { getNextMailDueAt, listDueMail, markMailFailedAttempt, markMailSent } from "@/db/queries/mail-outbox";
import { afterFailure, describeSendError } from "./policy";
import { deliver as defaultDeliver, mailFrom, type Deliver } from "./transport";

/*
 * The sender: one loop per server process, started by instrumentation.ts and
 * woken by `wakeMailSender()` after a message is queued. It reads due rows
 * from the outbox, so whatever was committed before a crash goes out after
 * the restart. One message at a time: mail volume is small, and a single
 * in-flight send means no row is ever sent twice by this process.
 */

const IDLE_CHECK_MS = 60_000;
const BATCH = 20;

type SenderState = {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  deliver: Deliver;
};

const globalForSender = globalThis as unknown as { __broadsheetMailSender?: SenderState };

function state(): SenderState {
  globalForSender.__broadsheetMailSender ??= { running: false, again: false, deliver: defaultDeliver };
  return globalForSender.__broadsheetMailSender;
}

/** Delivers every due message once; returns how many were tried. Exported for tests and scripts. */
export async function deliverDueMail({ now = () => new Date(), deliver = state().deliver } = {}): Promise<number> {
  let tried = 0;
  for (;;) {
    const due = listDueMail({ now: now(), limit: BATCH });
    if (due.length === 0) return tried;
    for (const mail of due) {
      tried++;
      try {
        await deliver({
          from: mailFrom(),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers ?? undefined,
          messageId: mail.messageId,
          date: mail.createdAt,
        });
        markMailSent({ id: mail.id, now: now() });
      } catch (error) {
        const at = now();
        const step = afterFailure({
          error,
          failures: mail.attempts + 1,
          queuedAt: mail.createdAt,
          now: at,
          jitter: Math.random(),
        });
        const message = describeSendError(error);
        markMailFailedAttempt({
          id: mail.id,
          status: step.status,
          nextAttemptAt: step.status === "queued" ? step.nextAttemptAt : null,
          error: message,
          now: at,
        });
        console.error(`[mail] ${step.status === "failed" ? "gave up on" : "will retry"} ${mail.messageId}: ${message}`);
      }
    }
  }
}

function schedule(s: SenderState): void {
  if (s.timer) clearTimeout(s.timer);
  let wait = IDLE_CHECK_MS;
  try {
    const due = getNextMailDueAt();
    if (due) wait = Math.min(IDLE_CHECK_MS, Math.max(0, due.getTime() - Date.now()));
  } catch (error) {
    console.error("[mail] could not read the outbox", error);
  }
  s.timer = setTimeout(() => void run(), wait);
  s.timer.unref();
}

async function run(): Promise<void> {
  const s = state();
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  try {
    do {
      s.again = false;
      await deliverDueMail();
    } while (s.again);
  } catch (error) {
    console.error("[mail] sender failed; trying again shortly", error);
  } finally {
    s.running = false;
    schedule(s);
  }
}

/** Starts the loop once per process (idempotent). */
export function startMailSender(): void {
  const s = state();
  if (s.timer || s.running) return;
  s.timer = setTimeout(() => void run(), 0);
  s.timer.unref();
}

/**
 * Call after committing a transaction that queued mail. Never awaited by the
 * caller: the send happens on a later tick, so no request waits on mail.
 */
export function wakeMailSender(): void {
  const s = state();
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void run(), 0);
  s.timer.unref();
}
