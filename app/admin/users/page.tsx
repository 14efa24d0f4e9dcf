import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { ROLES, USER_STATUSES, type Role, type UserStatus } from "@/lib/vocabulary";
import { searchUsers } from "@/db/queries/user-admin";
import { PageHeader } from "@/components/admin/page-header";
import { RoleBadge, StatusBadge } from "@/components/admin/user-badges";
import { formatDateTime, formatShortDate } from "@/lib/dates";
import { effectiveUserStatus } from "@/lib/moderation-permissions";
import styles from "@/components/admin/admin.module.css";

export const metadata: Metadata = { title: "People", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireCapability("moderate", { callbackUrl: "/admin/users" });
  const params = await searchParams;
  const q = (first(params.q) ?? "").slice(0, 200);
  const role = ROLES.find((r): r is Role => r === first(params.role));
  const status = USER_STATUSES.find((s): s is UserStatus => s === first(params.status));
  const page = Math.max(1, Math.min(10_000, Number(first(params.page)) || 1));
  const { users, total } = searchUsers({ query: q, role, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const now = new Date();
  const pageHref = (p: number) => {
    const s = new URLSearchParams();
    if (q) s.set("q", q);
    if (role) s.set("role", role);
    if (status) s.set("status", status);
    if (p > 1) s.set("page", String(p));
    return `/admin/users${s.size ? `?${s}` : ""}`;
  };

  return (
    <div>
      <PageHeader title="People">Find a reader by name or email to see their comments and history.</PageHeader>
      <form role="search" action="/admin/users" className={styles.filters} aria-label="Find people">
        <div style={{ flexGrow: 3 }}>
          <label htmlFor="user-search">Search</label>
          <input id="user-search" type="search" name="q" defaultValue={q} placeholder="Name or email" />
        </div>
        <div>
          <label htmlFor="user-role">Role</label>
          <select id="user-role" name="role" defaultValue={role ?? ""}>
            <option value="">Any role</option>
            <option value="reader">Readers</option>
            <option value="writer">Writers</option>
            <option value="moderator">Moderators</option>
            <option value="editor">Editors</option>
            <option value="admin">Admins</option>
          </select>
        </div>
        <div>
          <label htmlFor="user-status">Status</label>
          <select id="user-status" name="status" defaultValue={status ?? ""}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
            <option value="banned">Banned</option>
          </select>
        </div>
        <button type="submit" className="button button--small button--primary">
          Find
        </button>
      </form>

      <p className="meta" aria-live="polite">
        {total === 0
          ? "No one matches."
          : `${total} ${total === 1 ? "person" : "people"}${q ? ` matching “${q}”` : ""}`}
      </p>
      {users.length > 0 ? (
        <div className="table-wrap">
          <table className={`${styles.table} ${styles.medium}`}>
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const st = effectiveUserStatus(u, now);
                return (
                  <tr key={u.id}>
                    <td>
                      <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                    </td>
                    <td className={styles.muted}>{u.email}</td>
                    <td>
                      <RoleBadge role={u.role} />
                    </td>
                    <td>
                      <StatusBadge status={st} />
                      {st === "suspended" && u.suspendedUntil ? (
                        <div className="meta">until {formatDateTime(u.suspendedUntil)}</div>
                      ) : null}
                    </td>
                    <td className={styles.nowrap}>{formatShortDate(u.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {total > PAGE_SIZE ? (
        <nav className="pagination" aria-label="Pages of people">
          {page > 1 ? <Link href={pageHref(page - 1)}>Previous</Link> : null}
          {page * PAGE_SIZE < total ? <Link href={pageHref(page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
