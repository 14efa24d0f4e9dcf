/**
 * 5. Concurrency: 50 signed-in readers post 20 comments each, all at once.
 * Every comment must be stored exactly once and the page must say 1,000.
 */
import type { Context } from "./support/context";
import { Report, range } from "./support/report";
import { commentForm, commentHeadingCount, getPage, postComment } from "./support/site";

const CLIENTS = 50;
const EACH = 20;

export async function concurrency(ctx: Context): Promise<Report> {
  const report = new Report("5. Concurrency: 50 clients × 20 comments");
  const article = ctx.data.createArticle();
  const users = await Promise.all(range(CLIENTS).map((i) => ctx.data.createUser({ name: `Load reader ${i}` })));
  const forms = await Promise.all(users.map((u) => commentForm(ctx.base, article.slug, u.cookie)));
  const run = Date.now().toString(36);
  const text = (i: number, j: number) => `Load ${run}: reader ${i}, comment ${j}.`;

  const statuses = new Map<number, number>();
  const failed: string[] = [];
  const latencies: number[] = [];
  // An answer counts as finished when its body ended within 5 s of its headers (issue 17).
  let finished = 0;
  const started = Date.now();
  await Promise.all(
    users.map(async (user, i) => {
      for (const j of range(EACH)) {
        const t0 = Date.now();
        const result = await postComment(forms[i]!, user.cookie, text(i, j));
        latencies.push(Date.now() - t0);
        if (result.res.bodyMs <= 5_000) finished++;
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (!result.acknowledged) failed.push(`${text(i, j)} → ${result.status} ${result.alert ?? ""}`);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;

  const rows = ctx.data.raw
    .prepare("SELECT body, count(*) AS n FROM comments WHERE article_id = ? GROUP BY body")
    .all(article.id) as { body: string; n: number }[];
  const stored = new Map(rows.map((r) => [r.body, r.n]));
  let missing = 0;
  let duplicated = 0;
  for (const i of range(CLIENTS)) {
    for (const j of range(EACH)) {
      const n = stored.get(text(i, j)) ?? 0;
      if (n === 0) missing++;
      if (n > 1) duplicated++;
    }
  }
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const counts = ctx.data.commentCount(article.id);
  const live = await getPage(`${ctx.base}/articles/${article.slug}`, users[0]!.cookie);
  const anonymous = await getPage(`${ctx.base}/articles/${article.slug}`);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))];

  const expected = CLIENTS * EACH;
  report.figure(
    `posted ${expected} comments from ${CLIENTS} clients in ${seconds.toFixed(1)} s (${(expected / seconds).toFixed(0)}/s; latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms)`,
  );
  report.figure(
    `responses: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}; acknowledged ${expected - failed.length}`,
  );
  report.figure(`server-action responses finished / sent: ${finished} / ${expected}`);
  report.figure(
    `stored ${total} rows, missing ${missing}, duplicated ${duplicated}; articles.comment_count ${counts.stored}`,
  );
  report.figure(
    `heading: signed-in page "${commentHeadingCount(live.html)} Comments", anonymous page "${commentHeadingCount(anonymous.html)} Comments"`,
  );

  report.check(finished === expected, `${expected - finished} server-action responses did not finish within 5 s`);
  report.check(failed.length === 0, `${failed.length} posts not acknowledged, e.g. ${failed.slice(0, 3).join(" | ")}`);
  report.check(
    missing === 0 && duplicated === 0 && total === expected,
    `stored ${total}, missing ${missing}, duplicated ${duplicated}`,
  );
  report.check(counts.stored === expected, `articles.comment_count is ${counts.stored}, expected ${expected}`);
  report.check(
    commentHeadingCount(live.html) === expected,
    `signed-in page heading shows ${commentHeadingCount(live.html)}`,
  );
  report.check(
    commentHeadingCount(anonymous.html) === expected,
    `anonymous (cached) page heading shows ${commentHeadingCount(anonymous.html)}`,
  );
  return report;
}
