import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { MODERATION_ACTIONS, type ModerationAction } from "@/lib/vocabulary";
import { listLogActors, listModerationLog, type LogRow, type LogTargetType } from "@/db/queries/moderation-log";
import { PageHeader } from "@/components/admin/page-header";
import { formatDateTime } from "@/lib/dates";
import { ACTION_LABELS } from "@/components/admin/log-labels";
import styles from "@/components/admin/admin.module.css";

export const metadata: Metadata = { title: "Moderation log", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const TARGET_TYPES: LogTargetType[] = ["comment", "user", "article", "settings"];

function targetHref(row: LogRow): string | null {
  switch (row.targetType) {
    case "user":
      return `/admin/users/${encodeURIComponent(row.targetId)}`;
    case "settings":
      return "/admin/settings";
    default:
      return null;
  }
}

export default async function LogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireCapability("moderate", { callbackUrl: "/admin/log" });
  const params = await searchParams;
  const actorId = first(params.moderator) || undefined;
  const action = MODERATION_ACTIONS.find((a): a is ModerationAction => a === first(params.action));
  const targetType = TARGET_TYPES.find((t) => t === first(params.targetType));
  const target = (first(params.target) ?? "").trim().slice(0, 200) || undefined;
  const beforeId = Number(first(params.before)) || undefined;
  const { rows, nextBeforeId } = listModerationLog({ actorId, action, targetType, target, beforeId, limit: 50 });
  const actors = listLogActors();
  const filtered = !!(actorId || action || targetType || target);
  const olderHref = () => {
    const s = new URLSearchParams();
    if (actorId) s.set("moderator", actorId);
    if (action) s.set("action", action);
    if (targetType) s.set("targetType", targetType);
    if (target) s.set("target", target);
    s.set("before", String(nextBeforeId));
    return `/admin/log?${s}`;
  };

  return (
    <div>
      <PageHeader title="Moderation log">
        Every decision by a moderator or admin, newest first. Entries cannot be edited or deleted.
      </PageHeader>
      <form action="/admin/log" className={styles.filters} aria-label="Filter the log">
        <div>
          <label htmlFor="log-moderator">Moderator</label>
          <select id="log-moderator" name="moderator" defaultValue={actorId ?? ""}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.actorId} value={a.actorId}>
                {a.actorName}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-action">Action</label>
          <select id="log-action" name="action" defaultValue={action ?? ""}>
            <option value="">Any action</option>
            {MODERATION_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-target-type">Target type</label>
          <select id="log-target-type" name="targetType" defaultValue={targetType ?? ""}>
            <option value="">Any</option>
            <option value="comment">Comments</option>
            <option value="user">People</option>
            <option value="article">Articles</option>
            <option value="settings">Settings</option>
          </select>
        </div>
        <div>
          <label htmlFor="log-target">Target</label>
          <input
            id="log-target"
            type="text"
            name="target"
            defaultValue={target ?? ""}
            placeholder="Name, headline or id"
          />
        </div>
        <button type="submit" className="button button--small button--primary">
          Filter
        </button>
        {filtered ? (
          <Link href="/admin/log" className="button button--small button--quiet">
            Clear
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <p className="empty-state">{filtered ? "No decisions match these filters." : "No decisions yet."}</p>
      ) : (
        <div className="table-wrap">
          <table className={`${styles.table} ${styles.wide}`}>
            <caption className="visually-hidden">Moderation decisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Moderator</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Reason</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const href = targetHref(row);
                return (
                  <tr key={row.id}>
                    <td>
                      {row.actorId ? (
                        <Link href={`/admin/log?moderator=${encodeURIComponent(row.actorId)}`}>{row.actorName}</Link>
                      ) : (
                        row.actorName
                      )}
                    </td>
                    <td className={styles.nowrap}>{ACTION_LABELS[row.action]}</td>
                    <td>
                      <span className={styles.muted}>{row.targetType} </span>
                      {href ? <Link href={href}>{row.targetLabel}</Link> : row.targetLabel}
                    </td>
                    <td>{row.reason ?? <span className={styles.muted}>—</span>}</td>
                    <td className={styles.nowrap}>
                      <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {nextBeforeId ? (
        <nav className="pagination" aria-label="Older entries">
          <Link href={olderHref()}>Older entries</Link>
        </nav>
      ) : null}
    </div>
  );
}
