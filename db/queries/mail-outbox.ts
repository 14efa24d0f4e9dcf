import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/db";
import type { MailStatus } from "@/lib/vocabulary";
import type { RenderedMail } from "@/lib/mail/render";

/*
 * The outbox. `enqueueMailIn` takes the transaction's `db`, so a message is
 * committed together with the event that causes it, or not at all.
 */

export type QueuedMail = {
  id: number;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string> | null;
  attempts: number;
  createdAt: Date;
};

/** `<uuid@host>` with the host of MAIL_FROM (or the site), fixed once per message. */
function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

export function enqueueMailIn(
  db: Db,
  {
    to,
    mail,
    headers,
    userId,
    domain,
    now = new Date(),
    sendAt = now,
    gatherKey = null,
  }: {
    to: string;
    mail: RenderedMail;
    headers?: Record<string, string>;
    userId?: string;
    domain: string;
    now?: Date;
    /** Not before this time (a gathering reply mail waits for its window). */
    sendAt?: Date;
    gatherKey?: string | null;
  },
): { id: number; messageId: string } {
  const messageId = newMessageId(domain);
  const result = db.$client
    .prepare(
      `insert into mail_outbox (message_id, to_address, subject, text_body, html_body, headers, user_id, status, attempts, next_attempt_at, created_at, gather_key)
       values (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
    )
    .run(
      messageId,
      to,
      mail.subject,
      mail.text,
      mail.html,
      headers ? JSON.stringify(headers) : null,
      userId ?? null,
      sendAt.getTime(),
      now.getTime(),
      gatherKey,
    );
  return { id: Number(result.lastInsertRowid), messageId };
}

type Row = {
  id: number;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: string | null;
  attempts: number;
  created_at: number;
};

/** Messages whose time has come, oldest first. */
export function listDueMail({ now, limit }: { now: Date; limit: number }): QueuedMail[] {
  const rows = getDb()
    .$client.prepare(
      `select id, message_id, to_address, subject, text_body, html_body, headers, attempts, created_at
       from mail_outbox where status = 'queued' and next_attempt_at <= ? order by next_attempt_at, id limit ?`,
    )
    .all(now.getTime(), limit) as Row[];
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    headers: r.headers ? (JSON.parse(r.headers) as Record<string, string>) : null,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
  }));
}

/** The soonest time a queued message is due, or null when none is queued. */
export function getNextMailDueAt(): Date | null {
  const row = getDb()
    .$client.prepare(`select min(next_attempt_at) as due from mail_outbox where status = 'queued'`)
    .get() as { due: number | null };
  return row.due === null ? null : new Date(row.due);
}

export function markMailSent({ id, now }: { id: number; now: Date }): void {
  getDb()
    .$client.prepare(
      `update mail_outbox set status = 'sent', attempts = attempts + 1, sent_at = ?, last_attempt_at = ? where id = ?`,
    )
    .run(now.getTime(), now.getTime(), id);
}

export function markMailFailedAttempt({
  id,
  status,
  nextAttemptAt,
  error,
  now,
}: {
  id: number;
  now: Date;
  status: Exclude<MailStatus, "sent">;
  nextAttemptAt: Date | null;
  error: string;
}): void {
  getDb()
    .$client.prepare(
      `update mail_outbox set status = ?, attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?, last_attempt_at = ? where id = ?`,
    )
    .run(status, nextAttemptAt?.getTime() ?? null, error, now.getTime(), id);
}

export type MailFigures = {
  queued: number;
  sent: number;
  failed: number;
  lastError: { message: string; at: Date; to: string } | null;
};

/** Counts by status and the most recent error, for /admin. */
export function getMailFigures(): MailFigures {
  const db = getDb().$client;
  const counts = db.prepare(`select status, count(*) as n from mail_outbox group by status`).all() as {
    status: MailStatus;
    n: number;
  }[];
  const by = (s: MailStatus) => counts.find((c) => c.status === s)?.n ?? 0;
  const last = db
    .prepare(
      `select last_error, to_address, last_attempt_at as at from mail_outbox
       where last_error is not null order by last_attempt_at desc limit 1`,
    )
    .get() as { last_error: string; to_address: string; at: number } | undefined;
  return {
    queued: by("queued"),
    sent: by("sent"),
    failed: by("failed"),
    lastError: last ? { message: last.last_error, to: last.to_address, at: new Date(last.at) } : null,
  };
}
