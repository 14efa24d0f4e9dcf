import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { listStories } from "@/db/queries/stories";
import { PageHeader } from "@/components/admin/page-header";
import { StoryStateBadge } from "@/components/admin/story-state";
import { formatDateTime } from "@/lib/dates";
import { can } from "@/lib/roles";
import type { ArticleStatus } from "@/lib/vocabulary";
import styles from "@/components/admin/admin.module.css";

export const metadata: Metadata = { title: "Stories", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;
const TABS: { status: ArticleStatus; label: string }[] = [
  { status: "draft", label: "Drafts" },
  { status: "review", label: "In review" },
  { status: "scheduled", label: "Scheduled" },
  { status: "published", label: "Published" },
];

/**
 * The newsroom's stories, newest change first, by state and by headline.
 * Writers see their own stories only; moderators see every story, to reach
 * its comment controls.
 */
export default async function StoriesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireCapability("staff-area", { callbackUrl: "/admin/articles" });
  const params = await searchParams;
  const q = (first(params.q) ?? "").slice(0, 200);
  const status = TABS.find((t) => t.status === first(params.status))?.status;
  const page = Math.max(1, Math.min(10_000, Number(first(params.page)) || 1));
  const ownOnly = !can(viewer, "edit-any-story") && !can(viewer, "moderate");
  const { stories, total, counts } = listStories({
    status,
    query: q,
    authorId: ownOnly ? viewer.id : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const href = (changes: { status?: ArticleStatus | null; page?: number }) => {
    const s = changes.status === undefined ? status : changes.status;
    const query = new URLSearchParams({
      ...(s ? { status: s } : {}),
      ...(q ? { q } : {}),
      ...(changes.page && changes.page > 1 ? { page: String(changes.page) } : {}),
    });
    return `/admin/articles${query.size ? `?${query}` : ""}`;
  };
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div>
      <PageHeader title="Stories">
        {ownOnly ? "Your stories, newest change first." : "Every story, newest change first."}
      </PageHeader>
      <div className={styles.toolbar}>
        {can(viewer, "write-stories") ? (
          <Link href="/admin/articles/new" className="button button--primary">
            New story
          </Link>
        ) : null}
        <form role="search" action="/admin/articles" className={styles.filters} aria-label="Find stories">
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <div>
            <label htmlFor="story-search">Find a story</label>
            <input id="story-search" type="search" name="q" defaultValue={q} placeholder="Headline or slug" />
          </div>
          <button type="submit" className="button button--small">
            Find
          </button>
        </form>
      </div>
      <nav aria-label="Story states">
        <ul className={styles.tabs}>
          <li>
            <Link href={href({ status: null })} aria-current={status ? undefined : "page"}>
              All <span className={styles.count}>{all}</span>
            </Link>
          </li>
          {TABS.map((t) => (
            <li key={t.status}>
              <Link href={href({ status: t.status })} aria-current={status === t.status ? "page" : undefined}>
                {t.label} <span className={styles.count}>{counts[t.status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {stories.length === 0 ? (
        <p className="empty-state">{q ? `No stories match “${q}”.` : "No stories here yet."}</p>
      ) : (
        <div className="table-wrap">
          <table className={`${styles.table} ${styles.wide}`}>
            <caption className="visually-hidden">Stories</caption>
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">State</th>
                <th scope="col">Byline</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {stories.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/admin/articles/${s.slug}`}>{s.title || "Untitled story"}</Link>
                    <div className="meta">{s.section}</div>
                  </td>
                  <td>
                    <StoryStateBadge status={s.status} />
                    {s.status === "scheduled" && s.publishAt ? (
                      <div className="meta">for {formatDateTime(s.publishAt)}</div>
                    ) : null}
                  </td>
                  <td>{s.author}</td>
                  <td className={styles.nowrap}>
                    <time dateTime={s.updatedAt.toISOString()}>{formatDateTime(s.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE ? (
        <nav className="pagination" aria-label="Pages of stories">
          {page > 1 ? <Link href={href({ page: page - 1 })}>Previous</Link> : null}
          {page * PAGE_SIZE < total ? <Link href={href({ page: page + 1 })}>Next</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
