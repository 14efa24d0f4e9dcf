import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import {
  getQueueCounts,
  listQueueItems,
  parseQueueCursor,
  QUEUES,
  searchComments,
  type Queue,
} from "@/db/queries/moderation";
import { PageHeader } from "@/components/admin/page-header";
import { QueueItem } from "@/components/admin/queue-item";
import { QueueShortcuts } from "@/components/admin/queue-shortcuts";
import { QUEUE_LABELS, QueueTabs } from "@/components/admin/queue-tabs";
import { canonicalQueryText, parseSearchQuery, toMatchExpression } from "@/lib/search-query";
import { plural } from "@/lib/text";
import styles from "@/components/admin/admin.module.css";
import { decideComments } from "./actions";
import { moderationErrorMessage } from "./errors";

export const metadata: Metadata = { title: "Moderation", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

const EMPTY: Record<Queue, string> = {
  pending: "Nothing is waiting for review. New held comments will appear here.",
  reported: "No open reports. Reported comments stay public until someone decides.",
  approved: "No approved comments yet.",
  rejected: "No rejected comments.",
};

function pageHref(queue: Queue, q: string | undefined, before?: string): string {
  const search = new URLSearchParams({ queue, ...(q ? { q } : {}), ...(before ? { before } : {}) });
  return `/admin/moderation?${search.toString()}`;
}

export default async function ModerationPage({ searchParams }: { searchParams: SearchParams }) {
  await requireCapability("moderate", { callbackUrl: "/admin/moderation" });
  const params = await searchParams;
  const queue: Queue = QUEUES.find((q) => q === first(params.queue)) ?? "pending";
  const beforeRaw = first(params.before);
  const cursor = parseQueueCursor(beforeRaw);
  const counts = getQueueCounts();
  // A search over every comment (any state) replaces the queue while `q` is set.
  const rawQuery = (first(params.q) ?? "").slice(0, 200);
  const searching = rawQuery.trim() !== "";
  const parsedQuery = parseSearchQuery(rawQuery);
  const match = toMatchExpression(parsedQuery);
  const q = searching ? canonicalQueryText(parsedQuery) || rawQuery.trim() : undefined;
  const { items, nextCursor } = searching
    ? match
      ? searchComments({ match, cursor })
      : { items: [], nextCursor: null }
    : listQueueItems({ queue, cursor });
  const now = new Date();
  const done = first(params.done);
  const n = Number(first(params.n) ?? "0");
  const error = moderationErrorMessage(first(params.error));
  const bulkFormId = "bulk-decision";
  const before = cursor ? beforeRaw : undefined;

  return (
    <div>
      <PageHeader title="Moderation">
        Comments held for review, reported by readers, and every decision already made.
      </PageHeader>
      <form role="search" action="/admin/moderation" className={styles.filters} aria-label="Search comments">
        <div style={{ flexGrow: 3 }}>
          <label htmlFor="comment-search">Search comments</label>
          <input
            id="comment-search"
            type="search"
            name="q"
            defaultValue={q ?? ""}
            maxLength={200}
            placeholder="Words from the comment, or its author’s name"
          />
        </div>
        <button type="submit" className="button button--small button--primary">
          Search
        </button>
        {searching ? <Link href={`/admin/moderation?queue=${queue}`}>Back to the queue</Link> : null}
      </form>
      <QueueTabs current={searching ? undefined : queue} counts={counts} />

      {done === "approve" || done === "reject" ? (
        <p role="status" className="notice">
          {done === "approve" ? "Approved" : "Rejected"} {plural(Number.isFinite(n) ? n : 0, "comment")}.
        </p>
      ) : null}

      <form id={bulkFormId} action={decideComments} className={styles.toolbar} aria-label="Selected comments">
        <input type="hidden" name="queue" value={queue} />
        {before ? <input type="hidden" name="before" value={before} /> : null}
        {q ? <input type="hidden" name="q" value={q} /> : null}
        {error ? (
          <p role="alert" className="alert" style={{ flexBasis: "100%", margin: 0 }}>
            {error}
          </p>
        ) : null}
        <div className={styles.grow}>
          <label htmlFor="bulk-reason">Explanation for the selected comments</label>
          <input id="bulk-reason" type="text" name="reason" maxLength={500} placeholder="Optional" autoComplete="off" />
        </div>
        <button type="submit" name="decision" value="approve" className={`button button--small ${styles.approve}`}>
          Publish selected
        </button>
        <button type="submit" name="decision" value="reject" className={`button button--small ${styles.reject}`}>
          Remove selected
        </button>
        <p className={styles.hint}>
          Tick comments below to decide on several at once. Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approve,{" "}
          <kbd>r</kbd> reject.
        </p>
      </form>

      {searching ? (
        <>
          <h2 className={styles.subtitle}>Comments matching “{q}”</h2>
          {!match ? (
            <p role="alert" className="alert">
              Search for a word or a name: punctuation on its own matches nothing.
            </p>
          ) : null}
        </>
      ) : (
        <h2 className="visually-hidden">
          {QUEUE_LABELS[queue]} comments ({counts[queue]})
        </h2>
      )}
      {items.length === 0 ? (
        <p className="empty-state">
          {searching
            ? cursor
              ? "No more comments match."
              : `No comments match “${q}”.`
            : cursor
              ? "No more comments in this queue."
              : EMPTY[queue]}
        </p>
      ) : (
        <ol className={styles.queue} aria-label={searching ? "Comments found" : "Comments in this queue"}>
          {items.map((item) => (
            <QueueItem
              key={item.id}
              item={item}
              queue={queue}
              before={before}
              q={q}
              bulkFormId={bulkFormId}
              now={now}
            />
          ))}
        </ol>
      )}

      <nav className="pagination" aria-label="Queue pages" style={{ marginTop: "var(--space-5)" }}>
        {cursor ? <Link href={pageHref(queue, q)}>Newest</Link> : null}
        {nextCursor ? <Link href={pageHref(queue, q, nextCursor)}>Older comments</Link> : null}
      </nav>
      <QueueShortcuts />
    </div>
  );
}
