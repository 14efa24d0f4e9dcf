import "server-only";
import type { Db } from "@/db";
import { enqueueMailIn } from "@/db/queries/mail-outbox";
import { renderMail, type MailContent } from "./render";
import { messageIdDomain } from "./transport";

/**
 * Queues a mail inside the caller's write transaction. After the transaction
 * commits, call `wakeMailSender()` (lib/mail/sender.ts) without awaiting it.
 */
export function queueMailIn(
  db: Db,
  {
    to,
    content,
    userId,
    headers,
  }: { to: string; content: MailContent; userId?: string; headers?: Record<string, string> },
): { messageId: string } {
  return enqueueMailIn(db, { to, mail: renderMail(content), userId, headers, domain: messageIdDomain() });
}
