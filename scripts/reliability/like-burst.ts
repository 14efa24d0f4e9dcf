/**
 * Like burst (issue 12, finding 6): 100 likes on one article, five readers
 * each liking 20 comments, a like every ~100 ms, while an anonymous reader
 * keeps loading the article. Each
 * like used to expire the article's cached pages, so nearly every anonymous
 * request during the burst paid for a fresh render. Likes only change counts:
 * they expire the pages once, on a short trailing timer, for the whole burst.
 *
 * Figures: how many anonymous loads were rendered afresh during and just
 * after the burst (Next's `x-nextjs-cache: MISS`), the server's CPU time for
 * the burst (its own /proc accounting, as the benchmark reads it), and how long
 * after the last like the anonymous page showed all 100.
 */
import type { Context } from "./support/context";
import { submitForm, type Form } from "./support/forms";
import { request } from "./support/http";
import { Report, range } from "./support/report";
import { getPage } from "./support/site";
import { processTree, treeCpuMs } from "../bench/proc";

const LIKERS = 5;
const COMMENTS = 20;
/** The freshness promise of the anonymous pages (e2e/caching.spec.ts). */
const FRESH_WITHIN_MS = 2_000;
/** Between one reader's likes. */
const PAUSE_MS = 80;

function likeTotal(html: string): number {
  let total = 0;
  for (const m of html.matchAll(/>(\d+) likes?</g)) total += Number(m[1]);
  return total;
}

export async function likeBurst(ctx: Context): Promise<Report> {
  const likes = LIKERS * COMMENTS;
  const report = new Report(`Like burst: ${likes} likes on one article while anonymous readers load it`);
  const article = ctx.data.createArticle();
  const author = await ctx.data.createUser({ name: "Burst author" });
  const insert = ctx.data.raw.prepare(
    "INSERT INTO comments (article_id, author_id, body, status, created_at, depth) VALUES (?, ?, ?, 'approved', ?, 0) RETURNING id",
  );
  const start = Date.now() - 3_600_000;
  for (const i of range(COMMENTS)) {
    const { id } = insert.get(article.id, author.id, `Burst comment ${i + 1}`, start + i * 1000) as { id: number };
    ctx.data.raw.prepare("UPDATE comments SET root_id = id WHERE id = ?").run(id);
  }
  ctx.data.raw.prepare("UPDATE articles SET comment_count = ? WHERE id = ?").run(COMMENTS, article.id);
  // Ordinary readers: the per-account limits apply (20 likes each is well under them).
  const likers = await Promise.all(
    range(LIKERS).map((i) => ctx.data.createUser({ name: `Burst liker ${i + 1}`, exemptFromRateLimits: false })),
  );
  const url = `${ctx.base}/articles/${article.slug}`;

  // Each liker's like forms, as a browser without JavaScript has them.
  const forms: { liker: (typeof likers)[number]; form: Form }[] = [];
  for (const liker of likers) {
    const page = await getPage(url, liker.cookie);
    const likeForms = page.forms.filter((f) => f.hasAction && f.buttons.some((b) => /Like$/.test(b.text)));
    report.check(likeForms.length === COMMENTS, `${liker.name} found ${likeForms.length} like forms, not ${COMMENTS}`);
    for (const form of likeForms) forms.push({ liker, form });
  }

  // Warm the anonymous page, then keep loading it through the burst: one reader, so that each
  // fresh answer is one render (readers waiting on the same render would all be told MISS).
  await request(url);
  await request(url);
  const cacheStates = new Map<string, number>();
  let loads = 0;
  let rendered = 0;
  const renderMs: number[] = [];
  let sawAllAt: number | null = null;
  let lastAckAt = 0;
  let burstDone = false;
  const reader = async () => {
    while (!burstDone || Date.now() < lastAckAt + FRESH_WITHIN_MS + 500) {
      const t0 = Date.now();
      const res = await request(url);
      loads++;
      // MISS: Next rendered this answer afresh (an expired page is re-rendered for the request that finds it).
      const state = String(res.headers["x-nextjs-cache"] ?? "none");
      cacheStates.set(state, (cacheStates.get(state) ?? 0) + 1);
      if (state === "MISS") {
        rendered++;
        renderMs.push(Date.now() - t0);
      }
      if (burstDone && sawAllAt === null && likeTotal(res.body) === likes) sawAllAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const readers = reader();

  const server = processTree(ctx.server.pid);
  const cpuBefore = treeCpuMs(server);
  const burstStart = Date.now();
  // Each reader likes their 20 comments one after another, a like every ~100 ms, the five at once:
  // a hot article's steady stream of likes (~40 a second), which leaves the server time to render.
  const results = (
    await Promise.all(
      likers.map(async (liker) => {
        const statuses: number[] = [];
        for (const { form } of forms.filter((f) => f.liker === liker)) {
          const res = await submitForm(url, form, { cookie: liker.cookie, button: form.buttons[0]?.text });
          lastAckAt = Math.max(lastAckAt, Date.now());
          statuses.push(res.status);
          await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        }
        return statuses;
      }),
    )
  ).flat();
  const burstMs = Date.now() - burstStart;
  burstDone = true;
  await readers;
  const cpuMs = treeCpuMs(server) - cpuBefore;

  const acknowledged = results.filter((s) => s === 303).length;
  const stored = (
    ctx.data.raw
      .prepare("SELECT coalesce(sum(like_count), 0) AS n FROM comments WHERE article_id = ?")
      .get(article.id) as { n: number }
  ).n;
  report.check(
    acknowledged === likes,
    `${acknowledged}/${likes} likes were acknowledged (statuses ${results.join(",")})`,
  );
  report.check(stored === likes, `the article's comments hold ${stored} likes, not ${likes}`);
  const freshMs = sawAllAt === null ? null : sawAllAt - lastAckAt;
  report.check(
    freshMs !== null && freshMs <= FRESH_WITHIN_MS,
    `the anonymous page showed all ${likes} likes ${freshMs === null ? "never" : `${freshMs} ms`} after the last was acknowledged`,
  );
  // One expiry per ~300 ms of likes at most (app/_lib/revalidate.ts), plus the render that shows the result.
  // One expiry per ~300 ms of likes at most, and one at once (app/_lib/revalidate.ts).
  const bound = Math.ceil(burstMs / 300) + 2;
  report.check(
    rendered <= bound,
    `${rendered} anonymous loads were rendered afresh for ${likes} likes (bound ${bound})`,
  );
  renderMs.sort((a, b) => a - b);
  report.figure(
    `${likes} likes from ${LIKERS} readers in ${burstMs} ms: ${rendered} of ${loads} anonymous loads rendered afresh (median ${renderMs[Math.floor(renderMs.length / 2)] ?? 0} ms each; x-nextjs-cache ${[...cacheStates].map(([st, n]) => `${n}× ${st}`).join(", ")}); server CPU ${Math.round(cpuMs)} ms, ${(cpuMs / likes).toFixed(1)} ms a like`,
  );
  report.figure(
    `anonymous page showed all ${likes} likes ${freshMs === null ? "never" : `${freshMs} ms`} after the last like was acknowledged (promise: ${FRESH_WITHIN_MS} ms)`,
  );
  return report;
}
