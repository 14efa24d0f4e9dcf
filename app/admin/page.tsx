import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { can } from "@/lib/roles";
import { requireCapability } from "@/app/_lib/guards";
import { getDashboardFigures } from "@/db/queries/moderation";
import { listModerationLog } from "@/db/queries/moderation-log";
import { PageHeader } from "@/components/admin/page-header";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { ACTION_LABELS } from "@/components/admin/log-labels";
import { MailPanel } from "@/components/admin/mail-panel";
import styles from "@/components/admin/admin.module.css";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdminDashboardPage() {
  const viewer = await requireCapability("staff-area", { callbackUrl: "/admin" });
  // Writers have no dashboard: their desk is the story list.
  if (!can(viewer, "moderate")) redirect("/admin/articles");
  const now = new Date();
  const figures = getDashboardFigures({ now });
  const recent = listModerationLog({ limit: 8 }).rows;

  return (
    <div>
      <PageHeader title="Dashboard">Good to see you, {viewer.name}. Here is what needs attention.</PageHeader>
      <div className={styles.cards}>
        <Link
          href="/admin/moderation?queue=pending"
          className={`${styles.card} ${figures.pending ? styles.cardWarn : ""}`}
        >
          <span className={styles.cardLabel}>Pending</span>
          <span className={styles.cardValue} data-testid="pending-count">
            {figures.pending}
          </span>
          <span className="meta">held for review</span>
        </Link>
        <Link
          href="/admin/moderation?queue=reported"
          className={`${styles.card} ${figures.reported ? styles.cardAlert : ""}`}
        >
          <span className={styles.cardLabel}>Reported</span>
          <span className={styles.cardValue} data-testid="reported-count">
            {figures.reported}
          </span>
          <span className="meta">reported by readers</span>
        </Link>
        <div className={styles.card}>
          <span className={styles.cardLabel}>Comments today</span>
          <span className={styles.cardValue} data-testid="today-count">
            {figures.commentsToday}
          </span>
          <span className="meta">since midnight UTC</span>
        </div>
      </div>

      <div className={styles.grid2}>
        <section className={styles.panel} aria-labelledby="most-discussed">
          <h2 id="most-discussed">Most discussed this week</h2>
          {figures.mostDiscussed.length === 0 ? (
            <p className="empty-state">No comments in the last seven days.</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col" className={styles.num}>
                    This week
                  </th>
                  <th scope="col" className={styles.num}>
                    All time
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.mostDiscussed.map((a) => (
                  <tr key={a.slug}>
                    <td>
                      <Link href={`/admin/articles/${a.slug}`}>{a.title}</Link>
                      {a.commentsOpen ? null : <span className="meta"> · closed</span>}
                    </td>
                    <td className={styles.num}>{a.recentComments}</td>
                    <td className={styles.num}>{a.commentCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={styles.panel} aria-labelledby="recent-decisions">
          <h2 id="recent-decisions">Latest decisions</h2>
          {recent.length === 0 ? (
            <p className="empty-state">No decisions yet.</p>
          ) : (
            <ul className={styles.commentList}>
              {recent.map((r) => (
                <li key={r.id}>
                  <strong>{ACTION_LABELS[r.action]}</strong> {r.targetLabel}
                  <div className="meta">
                    {r.actorName} ·{" "}
                    <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
                      {formatRelative(r.createdAt, now)}
                    </time>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p className="meta">
            <Link href="/admin/log">Full log</Link>
          </p>
        </section>
      </div>
      <div className={styles.mailRow}>
        <MailPanel canSendTest={can(viewer, "administer")} />
      </div>
    </div>
  );
}
