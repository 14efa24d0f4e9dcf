import "server-only";
import { getDb, writeTransaction, type Db } from "@/db";
import { gatherMailIn } from "@/db/queries/gathered-mail";
import { unsubscribeHeadersIn } from "@/db/queries/mail-lists";
import { QUEUE_OVERDUE_MS } from "@/lib/mail/mail-lists";
import { renderMail } from "@/lib/mail/render";
import { LISTED, staffMail, STAFF_MAIL_WINDOW_MS, type MailedComment, type StaffList } from "@/lib/mail/staff-mail";
import { can, roleGrants } from "@/lib/roles";
import { absoluteUrl } from "@/lib/site";
import { ROLES, type Role, type UserStatus } from "@/lib/vocabulary";

/*
 * The moderators' opt-in mails (issue 14). A comment's first report queues a
 * mail, in the report's transaction, to every moderator who asked for one;
 * held comments overdue for review are picked up by the mail sender's poll
 * (lib/mail/sender.ts, one process at a time under its lease), marked in the
 * same transaction as the mail that lists them, so each is mailed about once.
 * Both gather per moderator (db/queries/gathered-mail.ts).
 */

const OPT_IN_COLUMN: Record<StaffList, string> = { reports: "report_emails", queue: "queue_emails" };
const QUEUE_URL: Record<StaffList, string> = {
  reports: "/admin/moderation?queue=reported",
  queue: "/admin/moderation?queue=pending",
};

const MODERATING_ROLES = ROLES.filter((role) => roleGrants(role, "moderate"));

type Moderator = { id: string; name: string; email: string };

/** Who opted in to `list` and may moderate now (not banned or suspended), except `exceptId`. */
function moderatorsWanting(db: Db, list: StaffList, now: Date, exceptId: string | null): Moderator[] {
  // By role first (users_role_idx): staff are few, readers many.
  const rows = db.$client
    .prepare(
      `select id, name, email, role, status, suspended_until from users
       where role in (${MODERATING_ROLES.map(() => "?").join(", ")}) and ${OPT_IN_COLUMN[list]} = 1`,
    )
    .all(...MODERATING_ROLES) as {
    id: string;
    name: string;
    email: string;
    role: Role;
    status: UserStatus;
    suspended_until: number | null;
  }[];
  return rows.filter(
    (r) =>
      r.id !== exceptId &&
      can(
        {
          role: r.role,
          status: r.status,
          suspendedUntil: r.suspended_until === null ? null : new Date(r.suspended_until),
        },
        "moderate",
        now,
      ),
  );
}

const COMMENT_FIELDS = `c.body, coalesce(u.name, 'Deleted user') as author, a.title as articleTitle, count(*) over () as total
  from comments c join articles a on a.id = c.article_id left join users u on u.id = c.author_id`;

type Listed = { comments: MailedComment[]; total: number };

/** The first LISTED rows and how many matched in all. */
function listed(rows: (MailedComment & { total: number })[]): Listed {
  return {
    comments: rows.map(({ author, body, articleTitle }) => ({ author, body, articleTitle })),
    total: rows[0]?.total ?? 0,
  };
}

/** Comments still reported whose first report came at `since` or later, oldest first. */
function reportedSince(db: Db, since: number): Listed {
  return listed(
    db.$client
      .prepare(
        `select ${COMMENT_FIELDS}
       where c.report_count > 0 and c.deleted_at is null
         and (select min(r.created_at) from comment_reports r where r.comment_id = c.id and r.resolved_at is null) >= ?
       order by c.id limit ${LISTED}`,
      )
      .all(since) as (MailedComment & { total: number })[],
  );
}

/** Held comments still waiting, first mailed about at `since` or later, oldest first. */
function overdueSince(db: Db, since: number): Listed {
  return listed(
    db.$client
      .prepare(
        `select ${COMMENT_FIELDS}
       where c.status = 'pending' and c.overdue_mailed_at >= ? order by c.created_at, c.id limit ${LISTED}`,
      )
      .all(since) as (MailedComment & { total: number })[],
  );
}

function mailModeratorsIn(
  db: Db,
  {
    list,
    now,
    exceptId,
    read,
  }: { list: StaffList; now: Date; exceptId: string | null; read: (since: number) => Listed },
): void {
  for (const moderator of moderatorsWanting(db, list, now, exceptId)) {
    const { url: unsubscribeUrl, headers } = unsubscribeHeadersIn(db, { userId: moderator.id, list });
    gatherMailIn(db, {
      key: `${list}:${moderator.id}`,
      windowMs: STAFF_MAIL_WINDOW_MS,
      eventAt: now.getTime(),
      now,
      to: moderator.email,
      userId: moderator.id,
      headers,
      compose: (since) => {
        const { comments, total } = read(since);
        if (comments.length === 0) return null;
        return renderMail(
          staffMail(list, { name: moderator.name, comments, total, url: absoluteUrl(QUEUE_URL[list]), unsubscribeUrl }),
        );
      },
    });
  }
}

/** Inside the transaction of a comment's first report: tells the moderators who asked. */
export function queueReportMailIn(db: Db, { reporterId, now }: { reporterId: string; now: Date }): void {
  mailModeratorsIn(db, { list: "reports", now, exceptId: reporterId, read: (since) => reportedSince(db, since) });
}

/**
 * Marks held comments that have waited longer than QUEUE_OVERDUE_MS and were
 * never mailed about, and queues the mail about them, in one transaction.
 * Called by the mail sender's poll; returns how many comments it marked.
 */
export function queueOverdueQueueMail({ now = new Date() }: { now?: Date } = {}): number {
  const cutoff = now.getTime() - QUEUE_OVERDUE_MS;
  const findOverdue = `select id from comments where status = 'pending' and overdue_mailed_at is null and created_at <= ? limit 200`;
  // A read first: the poll runs every few seconds and almost always finds nothing.
  if (!getDb().$client.prepare(findOverdue).get(cutoff)) return 0;
  return writeTransaction((tx) => {
    const ids = (tx.$client.prepare(findOverdue).all(cutoff) as { id: number }[]).map((r) => r.id);
    if (ids.length === 0) return 0;
    const mark = tx.$client.prepare("update comments set overdue_mailed_at = ? where id = ?");
    for (const id of ids) mark.run(now.getTime(), id);
    mailModeratorsIn(tx, { list: "queue", now, exceptId: null, read: (since) => overdueSince(tx, since) });
    return ids.length;
  });
}
