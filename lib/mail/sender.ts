import "server-only";
import { getNextMailDueAt, listDueMail, markMailFailedAttempt, markMailSent } from "@/db/queries/mail-outbox";
import { queueOverdueQueueMail } from "@/db/queries/staff-mail";
import { afterFailure, describeSendError } from "./policy";
import { deliver as defaultDeliver, mailFrom, type Deliver } from "./transport";
import { runUnderLease } from "@/lib/run-under-lease";

/*
 * The sender: one loop across all server processes sharing the database,
 * started by instrumentation.ts in each and run only by the holder of the
 * `mail-sender` lease (lib/run-under-lease.ts). It is woken by
 * `wakeMailSender()` after a message is queued in the holder's process, and
 * otherwise polls: a message queued in another process goes out within
 * IDLE_CHECK_MS. It reads due rows from the outbox, so whatever was committed
 * before a crash goes out after the restart (or once another process takes
 * the lease). Each round first queues the moderators' mail about held
 * comments overdue for review (db/queries/staff-mail.ts), which no request causes. One message at a time: mail volume is small, and a single
 * in-flight send means no row is ever sent twice by the holder.
 */

/** The holder's poll for mail queued by other processes: one indexed query per period. */
const IDLE_CHECK_MS = 5_000;
export const MAIL_SENDER_LEASE = "mail-sender";
const BATCH = 20;

type SenderState = {
  timer?: NodeJS.Timeout;
  /** Set while this process holds the sender lease; aborted when it loses it. */
  lease?: AbortSignal;
  started: boolean;
  running: boolean;
  again: boolean;
  deliver: Deliver;
};

const globalForSender = globalThis as unknown as { __broadsheetMailSender?: SenderState };

function state(): SenderState {
  globalForSender.__broadsheetMailSender ??= { started: false, running: false, again: false, deliver: defaultDeliver };
  return globalForSender.__broadsheetMailSender;
}

/** Delivers every due message once; returns how many were tried. Exported for tests and scripts. */
export async function deliverDueMail({
  now = () => new Date(),
  deliver = state().deliver,
  signal,
}: { now?: () => Date; deliver?: Deliver; signal?: AbortSignal } = {}): Promise<number> {
  let tried = 0;
  for (;;) {
    const due = listDueMail({ now: now(), limit: BATCH });
    if (due.length === 0) return tried;
    for (const mail of due) {
      // The lease went to another process: it sends the rest.
      if (signal?.aborted) return tried;
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

function holdsLease(s: SenderState): boolean {
  return s.lease !== undefined && !s.lease.aborted;
}

function schedule(s: SenderState): void {
  if (s.timer) clearTimeout(s.timer);
  if (!holdsLease(s)) return;
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
      if (holdsLease(s)) {
        queueOverdueQueueMail();
        await deliverDueMail({ signal: s.lease });
      }
    } while (s.again);
  } catch (error) {
    console.error("[mail] sender failed; trying again shortly", error);
  } finally {
    s.running = false;
    schedule(s);
  }
}

/**
 * Starts the loop in this process whenever it holds the sender lease (idempotent):
 * one process sends, whichever holds it; another takes over if it dies.
 */
export function startMailSender(): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  runUnderLease(MAIL_SENDER_LEASE, (signal) => {
    s.lease = signal;
    signal.addEventListener("abort", () => {
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
    });
    wakeMailSender();
  });
}

/**
 * Call after committing a transaction that queued mail. Never awaited by the
 * caller: the send happens on a later tick, so no request waits on mail.
 */
export function wakeMailSender(): void {
  const s = state();
  // Another process holds the lease: its poll picks the message up.
  if (!holdsLease(s)) return;
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void run(), 0);
  s.timer.unref();
}
