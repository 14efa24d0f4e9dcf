import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import type { MailList } from "@/lib/mail/mail-lists";
import { absoluteUrl } from "@/lib/site";

/*
 * Who gets which notification mails (lib/mail/mail-lists.ts), and the
 * one-click unsubscribe secret in their links. One column per list;
 * `reply_emails` null follows the default (on once the address is confirmed).
 */
const COLUMNS: Record<MailList, string> = {
  replies: "reply_emails",
  reports: "report_emails",
  queue: "queue_emails",
};

/** The person's unsubscribe secret, made on first use (random; it can only turn mails off). */
function mailTokenIn(db: Db, userId: string): string {
  const row = db.$client.prepare("select mail_token from users where id = ?").get(userId) as
    { mail_token: string | null } | undefined;
  if (row?.mail_token) return row.mail_token;
  const token = randomBytes(24).toString("base64url");
  db.$client.prepare("update users set mail_token = ? where id = ?").run(token, userId);
  return token;
}

/** The `List-Unsubscribe` headers (RFC 8058) and the link for the footer, for a mail of `list` to `userId`. */
export function unsubscribeHeadersIn(
  db: Db,
  { userId, list }: { userId: string; list: MailList },
): { url: string; headers: Record<string, string> } {
  const token = mailTokenIn(db, userId);
  const url = absoluteUrl(`/api/unsubscribe?t=${encodeURIComponent(token)}&list=${list}`);
  return { url, headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

/** The one-click unsubscribe: turns `list` off for the person whose link this is. */
export function unsubscribeByToken(
  db: Db,
  { token, list }: { token: string; list: MailList },
): { email: string } | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = db.$client.prepare("select id, email from users where mail_token = ?").get(token) as
    { id: string; email: string } | undefined;
  if (!row) return null;
  db.$client.prepare(`update users set ${COLUMNS[list]} = 0 where id = ?`).run(row.id);
  return { email: row.email };
}

/** Whose link this is and whether `list` is off for them (for the confirmation page), changing nothing. */
export function readerOfToken(
  db: Db,
  { token, list }: { token: string; list: MailList },
): { email: string; stopped: boolean } | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = db.$client
    .prepare(`select email, ${COLUMNS[list]} as wanted from users where mail_token = ?`)
    .get(token) as { email: string; wanted: number | null } | undefined;
  return row ? { email: row.email, stopped: row.wanted === 0 } : null;
}

/** Turns the given lists on or off for one person (the /account form). */
export function setMailLists(db: Db, { userId, lists }: { userId: string; lists: Partial<Record<MailList, boolean>> }) {
  const entries = Object.entries(lists) as [MailList, boolean][];
  if (entries.length === 0) return;
  const sets = entries.map(([list]) => `${COLUMNS[list]} = ?`).join(", ");
  db.$client.prepare(`update users set ${sets} where id = ?`).run(...entries.map(([, on]) => (on ? 1 : 0)), userId);
}

/** The staff lists' settings for one person. */
export function getStaffMailLists(db: Db, userId: string): { reports: boolean; queue: boolean } {
  const row = db.$client.prepare("select report_emails, queue_emails from users where id = ?").get(userId) as
    { report_emails: number; queue_emails: number } | undefined;
  return { reports: row?.report_emails === 1, queue: row?.queue_emails === 1 };
}
