import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCapability } from "@/app/_lib/guards";
import { countAdmins, getUserCommentStats, getUserForAdmin, listUserCommentsForAdmin } from "@/db/queries/user-admin";
import { listLogForTarget } from "@/db/queries/moderation-log";
import { PageHeader } from "@/components/admin/page-header";
import { RoleBadge, StatusBadge } from "@/components/admin/user-badges";
import { BanForm, LiftForm, RoleForm, SuspendForm } from "@/components/admin/user-status-forms";
import { formatAccountAge, formatDateTime, formatRelative, formatShortDate } from "@/lib/dates";
import { excerpt } from "@/lib/text";
import { describeHoldReason } from "@/components/admin/status-reason";
import { ACTION_LABELS } from "@/components/admin/log-labels";
import {
  canBanUser,
  canChangeRole,
  canLiftUser,
  canSuspendUser,
  effectiveUserStatus,
  isAdmin,
} from "@/lib/moderation-permissions";
import styles from "@/components/admin/admin.module.css";
import { banUser, changeUserRole, liftUser, suspendUser } from "../actions";

export const metadata: Metadata = { title: "Reader", robots: { index: false } };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireCapability("moderate", { callbackUrl: `/admin/users/${encodeURIComponent(id)}` });
  const user = getUserForAdmin({ id });
  if (!user) notFound();
  const now = new Date();
  const status = effectiveUserStatus(user, now);
  const target = { id: user.id, role: user.role, status };
  const stats = getUserCommentStats({ userId: user.id });
  const comments = listUserCommentsForAdmin({ userId: user.id });
  const history = listLogForTarget({ targetType: "user", targetId: user.id });
  const admin = isAdmin(viewer);
  const adminCount = admin ? countAdmins() : 0;
  const isSelf = viewer.id === user.id;
  const mayActOnStatus =
    canSuspendUser(viewer, target) || canLiftUser(viewer, target) || (admin && canBanUser(viewer, target));

  return (
    <div>
      <p className="meta">
        <Link href="/admin/users">← People</Link>
      </p>
      <PageHeader
        title={user.name}
        aside={
          <span className="cluster">
            <RoleBadge role={user.role} /> <StatusBadge status={status} />
          </span>
        }
      >
        {user.email} · {formatAccountAge(user.createdAt, now)} (since {formatShortDate(user.createdAt)})
      </PageHeader>

      {status !== "active" ? (
        <p className="notice notice--warning" style={{ marginBottom: "var(--space-4)" }}>
          {status === "suspended"
            ? `Suspended until ${user.suspendedUntil ? formatDateTime(user.suspendedUntil) : "further notice"}.`
            : "Banned."}{" "}
          {user.statusReason ? <>Reason: “{user.statusReason}”</> : null}
        </p>
      ) : null}

      <div className={styles.grid2}>
        <div>
          <section className={styles.panel} aria-labelledby="stats-title">
            <h2 id="stats-title">Record</h2>
            <dl className={styles.facts}>
              <dt>Approved comments</dt>
              <dd>{stats.approved}</dd>
              <dt>Held for review</dt>
              <dd>{stats.pending}</dd>
              <dt>Rejected comments</dt>
              <dd>{stats.rejected}</dd>
              <dt>Reports received</dt>
              <dd>{stats.reports}</dd>
            </dl>
          </section>

          <section className={styles.panel} aria-labelledby="comments-title">
            <h2 id="comments-title">Comments</h2>
            {comments.length === 0 ? (
              <p className="empty-state">No comments yet.</p>
            ) : (
              <ul className={styles.commentList}>
                {comments.map((c) => (
                  <li key={c.id}>
                    <div className="meta">
                      <span
                        className={styles.status}
                        data-tone={
                          c.deleted
                            ? undefined
                            : c.status === "approved"
                              ? "ok"
                              : c.status === "pending"
                                ? "warn"
                                : "bad"
                        }
                      >
                        {c.deleted ? "Deleted" : c.status}
                      </span>{" "}
                      on <Link href={`/articles/${c.article.slug}#comment-${c.id}`}>{c.article.title}</Link> ·{" "}
                      <time dateTime={c.createdAt.toISOString()} title={formatDateTime(c.createdAt)}>
                        {formatRelative(c.createdAt, now)}
                      </time>
                      {c.reportCount > 0 ? ` · reported ${c.reportCount}×` : ""}
                    </div>
                    <p className={styles.clip}>{excerpt(c.body, 240)}</p>
                    {c.statusReason && c.status !== "approved" ? (
                      <p className="meta">
                        {c.status === "pending" ? describeHoldReason(c.statusReason) : `Reason: ${c.statusReason}`}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className={styles.panel} aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {history.length === 0 ? (
              <p className="empty-state">No decisions about this account.</p>
            ) : (
              <ul className={styles.commentList}>
                {history.map((h) => (
                  <li key={h.id}>
                    <div>
                      <strong>{ACTION_LABELS[h.action]}</strong> by {h.actorName}{" "}
                      <time className="meta" dateTime={h.createdAt.toISOString()}>
                        {formatDateTime(h.createdAt)}
                      </time>
                    </div>
                    {h.reason ? <p className="meta">{h.reason}</p> : null}
                  </li>
                ))}
              </ul>
            )}
            <p className="meta">
              <Link href={`/admin/log?targetType=user&target=${encodeURIComponent(user.id)}`}>Open in the log</Link>
            </p>
          </section>
        </div>

        <div>
          <section className={styles.panel} aria-labelledby="standing-title">
            <h2 id="standing-title">Standing</h2>
            {isSelf ? (
              <p className="field__hint">This is your own account.</p>
            ) : !mayActOnStatus && status === "active" && user.role !== "reader" ? (
              <p className="field__hint">Staff accounts are suspended or banned by an admin after a role change.</p>
            ) : null}
            <div className={styles.stackedForms}>
              <SuspendForm action={suspendUser} userId={user.id} disabled={!canSuspendUser(viewer, target)} />
              {admin ? <BanForm action={banUser} userId={user.id} disabled={!canBanUser(viewer, target)} /> : null}
              <LiftForm action={liftUser} userId={user.id} disabled={!canLiftUser(viewer, target)} />
            </div>
          </section>
          {admin ? (
            <section className={styles.panel} aria-labelledby="role-title">
              <h2 id="role-title" className="visually-hidden">
                Role
              </h2>
              <RoleForm
                action={changeUserRole}
                userId={user.id}
                currentRole={user.role}
                lockedReason={
                  user.role === "admin" && !canChangeRole(viewer, target, "reader", adminCount)
                    ? "The last admin keeps the role: make someone else an admin first."
                    : undefined
                }
              />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
