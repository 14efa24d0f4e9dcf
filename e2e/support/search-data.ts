/**
 * Stories for the search specs, written straight into the e2e database: the
 * search index follows by its triggers, as it does for every other write.
 * Each test marks its stories with a word of its own (`searchTag()`), so no
 * other spec's stories ever match its searches.
 */
import { e2eDb, uniqueSuffix } from "./users";

/** A word no other story contains: letters and digits only, so it is one search token. */
export function searchTag(): string {
  return `zq${uniqueSuffix()}`;
}

export type TestStory = { id: number; slug: string; title: string; url: string };

export function createStory(options: {
  title: string;
  dek?: string;
  body?: string;
  section?: string;
  status?: "draft" | "published";
  publishedAt?: Date;
}): TestStory {
  const slug = `search-test-${uniqueSuffix()}`;
  // Back-dated, so test stories never push the seed stories off the front page or the feed.
  const when = (options.publishedAt ?? new Date(Date.parse("2018-05-01T09:00:00Z"))).getTime();
  const row = e2eDb()
    .$client.prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
       values (?, ?, ?, ?, ?, 'Search Desk', ?, ?, ?, 1, 0) returning id`,
    )
    .get(
      slug,
      options.title,
      options.dek ?? "A story written by the search tests.",
      options.body ?? "The council met on Tuesday.\n\nNothing else happened.",
      options.section ?? "Politics",
      when,
      when,
      options.status ?? "published",
    ) as { id: number };
  return { id: row.id, slug, title: options.title, url: `/articles/${slug}` };
}

export function updateStoryBody(id: number, body: string): void {
  e2eDb().$client.prepare("update articles set body = ? where id = ?").run(body, id);
}
