import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { listArticlesForAdmin } from "@/db/queries/article-admin";
import { getAutoCloseDays } from "@/db/queries/settings";
import { PageHeader } from "@/components/admin/page-header";
import { formatShortDate } from "@/lib/dates";
import { areCommentsOpen } from "@/lib/comment-policy";
import styles from "@/components/admin/admin.module.css";

export const metadata: Metadata = { title: "Articles", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;
const PREMOD = { off: "Off", new: "New readers", all: "Everyone" } as const;

export default async function ArticlesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireCapability("staff-area", { callbackUrl: "/admin/articles" });
  const params = await searchParams;
  const q = (first(params.q) ?? "").slice(0, 200);
  const page = Math.max(1, Math.min(10_000, Number(first(params.page)) || 1));
  const { articles, total } = listArticlesForAdmin({ query: q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const autoCloseDays = getAutoCloseDays();
  const now = new Date();
  const href = (p: number) => `/admin/articles?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div>
      <PageHeader title="Articles">Open or close comments and set pre-moderation per article.</PageHeader>
      <form role="search" action="/admin/articles" className={styles.filters} aria-label="Find articles">
        <div>
          <label htmlFor="article-search">Find an article</label>
          <input id="article-search" type="search" name="q" defaultValue={q} placeholder="Headline or slug" />
        </div>
        <button type="submit" className="button button--small button--primary">
          Find
        </button>
      </form>
      <div className="table-wrap">
        <table className={`${styles.table} ${styles.wide}`}>
          <caption className="visually-hidden">Articles</caption>
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Published</th>
              <th scope="col" className={styles.num}>
                Comments
              </th>
              <th scope="col" className={styles.num}>
                Pending
              </th>
              <th scope="col">Comments</th>
              <th scope="col">Pre-moderation</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => {
              const open = areCommentsOpen(a, autoCloseDays, now);
              return (
                <tr key={a.id}>
                  <td>
                    <Link href={`/admin/articles/${a.slug}`}>{a.title}</Link>
                    <div className="meta">{a.section}</div>
                  </td>
                  <td className={styles.nowrap}>{formatShortDate(a.publishedAt)}</td>
                  <td className={styles.num}>{a.commentCount}</td>
                  <td className={styles.num}>{a.pendingCount}</td>
                  <td>
                    <span className={styles.status} data-tone={open ? "ok" : "bad"}>
                      {open ? "Open" : a.commentsOpen ? "Auto-closed" : "Closed"}
                    </span>
                  </td>
                  <td>
                    {a.premodOverride ? PREMOD[a.premodOverride] : <span className={styles.muted}>Site setting</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {total > PAGE_SIZE ? (
        <nav className="pagination" aria-label="Pages of articles">
          {page > 1 ? <Link href={href(page - 1)}>Previous</Link> : null}
          {page * PAGE_SIZE < total ? <Link href={href(page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
