import "server-only";
import { getDb } from "@/db";
import { parseSearchQuery, toMatchExpression } from "@/lib/search-query";
import type { CommentStatus, Role, UserStatus } from "@/lib/vocabulary";

function client() {
  return getDb().$client;
}

export type AdminUserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: Date | null;
  statusReason: string | null;
  createdAt: Date;
};

type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  suspended_until: number | null;
  status_reason: string | null;
  created_at: number;
};

const USER_COLUMNS = "id, name, email, role, status, suspended_until, status_reason, created_at";

function toUser(r: UserRow): AdminUserRow {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status,
    suspendedUntil: r.suspended_until === null ? null : new Date(r.suspended_until),
    statusReason: r.status_reason,
    createdAt: new Date(r.created_at),
  };
}

/**
 * People by name or email, staff first, newest accounts first. The typed
 * query goes through the search index (users_fts) with every word a prefix,
 * so "harr" finds "Harriet" and an email finds its owner; a query with
 * nothing searchable in it (only punctuation) finds no one.
 */
export function searchUsers({
  query,
  role,
  status,
  limit = 50,
  offset = 0,
}: {
  query?: string;
  role?: Role;
  status?: UserStatus;
  limit?: number;
  offset?: number;
}): { users: AdminUserRow[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query?.trim()) {
    const match = toMatchExpression(parseSearchQuery(query, { prefixAll: true }));
    if (!match) return { users: [], total: 0 };
    where.push("id in (select user_id from users_fts where users_fts match ?)");
    params.push(match);
  }
  if (role) {
    where.push("role = ?");
    params.push(role);
  }
  if (status) {
    where.push("status = ?");
    params.push(status);
  }
  const clause = where.length ? `where ${where.join(" and ")}` : "";
  const total = (
    client()
      .prepare(`select count(*) as n from users ${clause}`)
      .get(...params) as { n: number }
  ).n;
  const rows = client()
    .prepare(
      `select ${USER_COLUMNS} from users ${clause}
       order by case role when 'admin' then 0 when 'editor' then 1 when 'moderator' then 2 when 'writer' then 3 else 4 end, created_at desc, id
       limit ? offset ?`,
    )
    .all(...params, limit, offset) as UserRow[];
  return { users: rows.map(toUser), total };
}

export function getUserForAdmin({ id }: { id: string }): AdminUserRow | null {
  const row = client().prepare(`select ${USER_COLUMNS} from users where id = ?`).get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function countAdmins(): number {
  return (client().prepare("select count(*) as n from users where role = 'admin'").get() as { n: number }).n;
}

export type UserCommentStats = { approved: number; pending: number; rejected: number; reports: number };

export function getUserCommentStats({ userId }: { userId: string }): UserCommentStats {
  const row = client()
    .prepare(
      `select coalesce(sum(status = 'approved'), 0) as approved, coalesce(sum(status = 'pending'), 0) as pending,
              coalesce(sum(status = 'rejected'), 0) as rejected, coalesce(sum(report_count), 0) as reports
       from comments where author_id = ? and deleted_at is null`,
    )
    .get(userId) as UserCommentStats;
  return row;
}

export type AdminUserComment = {
  id: number;
  body: string;
  status: CommentStatus;
  statusReason: string | null;
  createdAt: Date;
  deleted: boolean;
  reportCount: number;
  article: { slug: string; title: string };
};

/** A reader's latest comments, every status, for their admin page. */
export function listUserCommentsForAdmin({
  userId,
  limit = 30,
}: {
  userId: string;
  limit?: number;
}): AdminUserComment[] {
  const rows = client()
    .prepare(
      `select c.id, c.body, c.status, c.status_reason, c.created_at, c.deleted_at, c.report_count, a.slug, a.title
       from comments c join articles a on a.id = c.article_id
       where c.author_id = ? order by c.created_at desc, c.id desc limit ?`,
    )
    .all(userId, limit) as {
    id: number;
    body: string;
    status: CommentStatus;
    status_reason: string | null;
    created_at: number;
    deleted_at: number | null;
    report_count: number;
    slug: string;
    title: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    status: r.status,
    statusReason: r.status_reason,
    createdAt: new Date(r.created_at),
    deleted: r.deleted_at !== null,
    reportCount: r.report_count,
    article: { slug: r.slug, title: r.title },
  }));
}

/** Suspend, ban or lift. Call inside the action's writeTransaction. */
export function setUserStatus({
  userId,
  status,
  suspendedUntil,
  reason,
}: {
  userId: string;
  status: UserStatus;
  suspendedUntil: Date | null;
  reason: string | null;
}): void {
  client()
    .prepare("update users set status = ?, suspended_until = ?, status_reason = ? where id = ?")
    .run(status, suspendedUntil ? suspendedUntil.getTime() : null, reason, userId);
}

/** Grant or remove a staff role. Call inside the action's writeTransaction. */
export function setUserRole({ userId, role }: { userId: string; role: Role }): void {
  client().prepare("update users set role = ? where id = ?").run(role, userId);
}
