import "server-only";
import { getDb } from "@/db";
import { MARK_END, MARK_START } from "@/lib/search-snippet";
import type { SearchSort } from "@/lib/search-view";

// Raw statements: FTS5's MATCH, bm25(), highlight() and snippet() have no
// query-builder spelling. The index is db/migrations/0005_search_index.sql.
function client() {
  return getDb().$client;
}

/** Column weights for bm25(): a word in the headline counts more than in the standfirst, more than in the body. */
export const STORY_WEIGHTS = { title: 10, dek: 4, body: 1 } as const;
/** Tokens of body text around the match in a result's snippet. */
const SNIPPET_TOKENS = 28;
/** Counting stops here: "1,000+ stories" is as useful as the exact figure and costs less. */
export const STORY_COUNT_CAP = 1000;

/**
 * Matches that are published and due (scheduled stories stay out until their
 * time, drafts always). The FTS table must drive the join (CROSS JOIN fixes the
 * order: the other way round runs the MATCH once per story), and each match is
 * checked on articles_visible_idx: status and published_at sit after the body
 * in the row, so reading them from the table would page through every body.
 */
const VISIBLE_MATCHES = `articles_fts cross join articles v indexed by articles_visible_idx on v.id = articles_fts.rowid
  where articles_fts match @match and v.status = 'published' and v.published_at <= @now`;

export type StorySearchHit = {
  id: number;
  slug: string;
  section: string;
  author: string;
  publishedAt: Date;
  /** Headline with matched words between MARK_START and MARK_END (lib/search-snippet.ts). */
  titleMarked: string;
  /** Standfirst, marked the same way. */
  dekMarked: string;
  /** A fragment of the body around the best match, marked the same way. */
  bodySnippet: string;
};

type HitRow = {
  id: number;
  slug: string;
  section: string;
  author: string;
  published_at: number;
  title_marked: string;
  dek_marked: string;
  body_snippet: string;
};

/**
 * One page of published stories matching an FTS5 expression (always one built
 * by lib/search-query.ts), by relevance (bm25, weighted) or newest first.
 *
 * Two statements in one read transaction: the first ranks every match and
 * keeps the page's ids (one more, to know whether a next page exists); the
 * second marks up only those stories, in one more pass over the matches. Asking
 * FTS5 for each story by rowid instead re-runs the whole MATCH per story, which
 * cost more than the ranking (measured: DECISIONS.md "Search").
 */
export function searchStories({
  match,
  sort,
  page,
  perPage,
  now = new Date(),
}: {
  match: string;
  sort: SearchSort;
  page: number;
  perPage: number;
  now?: Date;
}): { hits: StorySearchHit[]; hasNext: boolean } {
  // Newest first needs no ranking: bm25 is the costly part of a query.
  const order =
    sort === "date"
      ? "v.published_at desc, v.id desc"
      : `bm25(articles_fts, ${STORY_WEIGHTS.title}, ${STORY_WEIGHTS.dek}, ${STORY_WEIGHTS.body}), v.published_at desc`;
  const db = client();
  return db.transaction(() => {
    const ranked = db
      .prepare(`select v.id from ${VISIBLE_MATCHES} order by ${order} limit @limit offset @offset`)
      .pluck()
      .all({ match, now: now.getTime(), limit: perPage + 1, offset: (page - 1) * perPage }) as number[];
    const ids = ranked.slice(0, perPage);
    if (ids.length === 0) return { hits: [], hasNext: false };
    // `+rowid`: filtered by SQLite while FTS5 scans the matches once, not handed to FTS5 as one lookup per id.
    const rows = db
      .prepare(
        `select a.id, a.slug, a.section, a.author, a.published_at,
                highlight(articles_fts, 0, @start, @end) as title_marked,
                highlight(articles_fts, 1, @start, @end) as dek_marked,
                snippet(articles_fts, 2, @start, @end, '…', ${SNIPPET_TOKENS}) as body_snippet
         from articles_fts cross join articles a on a.id = articles_fts.rowid
         where articles_fts match @match and +articles_fts.rowid in (select value from json_each(@ids))`,
      )
      .all({ start: MARK_START, end: MARK_END, match, ids: JSON.stringify(ids) }) as HitRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const hits = ids.flatMap((id) => {
      const r = byId.get(id);
      return r
        ? [
            {
              id: r.id,
              slug: r.slug,
              section: r.section,
              author: r.author,
              publishedAt: new Date(r.published_at),
              titleMarked: r.title_marked,
              dekMarked: r.dek_marked,
              bodySnippet: r.body_snippet,
            },
          ]
        : [];
    });
    return { hits, hasNext: ranked.length > perPage };
  })();
}

/** How many published stories match, counted up to STORY_COUNT_CAP + 1. */
export function countStories({ match, now = new Date() }: { match: string; now?: Date }): number {
  const row = client()
    .prepare(
      `select count(*) as n from (
         select 1 from ${VISIBLE_MATCHES} limit ${STORY_COUNT_CAP + 1})`,
    )
    .get({ match, now: now.getTime() }) as { n: number };
  return row.n;
}

/**
 * Whether a page of results exists (the proxy asks before giving a search its
 * own cache entry). No ordering: it stops at the first story past the earlier pages.
 */
export function storySearchPageExists({
  match,
  page,
  perPage,
  now = new Date(),
}: {
  match: string;
  page: number;
  perPage: number;
  now?: Date;
}): boolean {
  const row = client()
    .prepare(`select 1 as found from ${VISIBLE_MATCHES} limit 1 offset @offset`)
    .get({ match, now: now.getTime(), offset: (page - 1) * perPage });
  return row !== undefined;
}
