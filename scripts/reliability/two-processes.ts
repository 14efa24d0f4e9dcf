/**
 * 5b and 6b: the concurrency and crash items against two server processes
 * sharing one database and a Redis route-cache channel (issue 16), as
 * deploy/ runs them. Each item starts its own redis-server and processes on a
 * database of its own; redis-server missing is a failure (CI installs it).
 */
import path from "node:path";
import { startRedis, type RedisHandle } from "../../test/support/redis-server";
import type { Context } from "./support/context";
import { Data } from "./support/data";
import { Report, range } from "./support/report";
import { startServer, type Server } from "./support/server";
import { commentForm, commentHeadingCount, getPage, postComment } from "./support/site";

const CLIENTS = 50;
const EACH = 20;
/** The route cache's promise, also across processes (the expiry travels through Redis). */
const FRESH_WITHIN_MS = 2_000;

async function twoServers(ctx: Context, file: string, redis: RedisHandle): Promise<[Server, Server]> {
  const start = (port: number) =>
    startServer({
      port,
      databasePath: file,
      authSecret: ctx.secret,
      distDir: ctx.distDir,
      env: { REDIS_URL: redis.url },
    });
  // Started together: both open (and migrate) the fresh file at the same moment, as a process manager would.
  const [a, b] = await Promise.all([start(ctx.ports.twoA), start(ctx.ports.twoB)]);
  return [a, b];
}

/** Polls the anonymous page until its heading says `expected`, failing once a fetch started after the deadline. */
async function anonymousHeadingWithin(url: string, expected: number, since: number): Promise<number | null> {
  for (;;) {
    const startedAt = Date.now();
    const count = commentHeadingCount((await getPage(url)).html);
    if (count === expected || startedAt - since > FRESH_WITHIN_MS) return count;
  }
}

export async function concurrencyTwoProcesses(ctx: Context): Promise<Report> {
  const report = new Report("5b. Concurrency over two processes: 50 clients × 20 comments, spread over both");
  const redis = await startRedis(ctx.ports.redis);
  const file = path.join(ctx.tmp, "two-processes.db");
  const data = new Data(file, ctx.secret);
  const servers = await twoServers(ctx, file, redis);
  try {
    const article = data.createArticle();
    const users = await Promise.all(range(CLIENTS).map((i) => data.createUser({ name: `Pair reader ${i}` })));
    const serverOf = (i: number) => servers[i % 2]!;
    // Both processes' cached pages exist before the load (primed first: the posts then reuse the forms' connections at once, before the server closes idle ones), so the check below is about expiry, not a first render.
    for (const server of servers) await getPage(`${server.url}/articles/${article.slug}`);
    const forms = await Promise.all(users.map((u, i) => commentForm(serverOf(i).url, article.slug, u.cookie)));
    const run = Date.now().toString(36);
    const text = (i: number, j: number) => `Pair load ${run}: reader ${i}, comment ${j}.`;
    const failed: string[] = [];
    const started = Date.now();
    await Promise.all(
      users.map(async (user, i) => {
        for (const j of range(EACH)) {
          const result = await postComment(forms[i]!, user.cookie, text(i, j));
          if (!result.acknowledged) failed.push(`${text(i, j)} → ${result.status} ${result.alert ?? ""}`);
        }
      }),
    );
    const lastAck = Date.now();
    const seconds = (lastAck - started) / 1000;
    const rows = data.raw
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
    const counts = data.commentCount(article.id);
    const expected = CLIENTS * EACH;
    const headings = await Promise.all(
      servers.map((s) => anonymousHeadingWithin(`${s.url}/articles/${article.slug}`, expected, lastAck)),
    );
    report.figure(
      `posted ${expected} comments over 2 processes in ${seconds.toFixed(1)} s (${(expected / seconds).toFixed(0)}/s)`,
    );
    report.figure(
      `acknowledged ${expected - failed.length}; stored ${total} rows, missing ${missing}, duplicated ${duplicated}; comment_count ${counts.stored}`,
    );
    report.figure(
      `anonymous (cached) heading within ${FRESH_WITHIN_MS} ms of the last post: process A ${headings[0]}, process B ${headings[1]}`,
    );
    report.check(
      failed.length === 0,
      `${failed.length} posts not acknowledged, e.g. ${failed.slice(0, 3).join(" | ")}`,
    );
    report.check(
      missing === 0 && duplicated === 0 && total === expected,
      `stored ${total}, missing ${missing}, duplicated ${duplicated}`,
    );
    report.check(counts.stored === expected, `articles.comment_count is ${counts.stored}, expected ${expected}`);
    report.check(
      headings.every((h) => h === expected),
      `anonymous headings ${headings.join(", ")}, expected ${expected}`,
    );
    for (const server of servers) {
      const errors = server.errorLines();
      report.check(errors.length === 0, `process on ${server.port} logged errors: ${errors.slice(0, 3).join(" | ")}`);
    }
  } catch (error) {
    // Which process, if any, said why: its last lines beside the error.
    for (const server of servers) {
      report.figure(
        `process on ${server.port} exited: ${server.exited()}; last lines: ${server.log.slice(-8).join(" ⏎ ")}`,
      );
    }
    throw error;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    data.close();
  }
  return report;
}

const CYCLES = 5;
const POSTERS = 4;

export async function crashTwoProcesses(ctx: Context): Promise<Report> {
  const report = new Report("6b. Crash over two processes: kill -9 of one while both take posts, ×5");
  const redis = await startRedis(ctx.ports.redis);
  const file = path.join(ctx.tmp, "two-processes-crash.db");
  const data = new Data(file, ctx.secret);
  const article = data.createArticle();
  const users = await Promise.all(range(POSTERS).map((i) => data.createUser({ name: `Pair crash reader ${i}` })));
  const acknowledged: string[] = [];
  let refused = 0;
  let survivorErrors = 0;
  const lost = new Set<string>();
  let servers = await twoServers(ctx, file, redis);
  try {
    for (const cycle of range(CYCLES)) {
      // Alternate which process dies; posters 0, 2 use the victim, 1, 3 the survivor.
      const victim = servers[cycle % 2]!;
      const survivor = servers[(cycle + 1) % 2]!;
      const serverOf = (i: number) => (i % 2 === 0 ? victim : survivor);
      const forms = await Promise.all(users.map((u, i) => commentForm(serverOf(i).url, article.slug, u.cookie)));
      let stop = false;
      let killed = false;
      let firstAck: () => void = () => {};
      const underWay = new Promise<void>((r) => (firstAck = r));
      const posters = users.map(async (user, i) => {
        let n = 0;
        while (!stop) {
          const text = `Pair crash cycle ${cycle}, poster ${i}, comment ${n++}.`;
          try {
            const result = await postComment(forms[i]!, user.cookie, text);
            if (result.acknowledged) {
              acknowledged.push(text);
              firstAck();
            } else refused++;
          } catch (error) {
            // The victim's connections die with it; a survivor's must not.
            if (serverOf(i) === survivor || !killed) {
              survivorErrors++;
              report.figure(`poster ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            return;
          }
          // The survivor's posters keep going a while after the kill, then stop with the rest.
          if (killed && serverOf(i) === survivor && n > 20) return;
        }
      });
      await underWay;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 800)));
      killed = true;
      await victim.kill9();
      await Promise.all(posters.filter((_, i) => serverOf(i) === survivor));
      stop = true;
      await Promise.all(posters);

      const integrity = data.integrityCheck();
      const present = new Set(
        (data.raw.prepare("SELECT body FROM comments WHERE article_id = ?").all(article.id) as { body: string }[]).map(
          (r) => r.body,
        ),
      );
      const missing = acknowledged.filter((t) => !present.has(t));
      for (const text of missing) lost.add(text);
      report.check(integrity === "ok", `cycle ${cycle + 1}: integrity_check said ${integrity}`);
      report.check(missing.length === 0, `cycle ${cycle + 1}: ${missing.length} acknowledged comments missing`);
      // The victim comes back on its port, as its process manager would restart it.
      const restarted = await startServer({
        port: victim.port,
        databasePath: file,
        authSecret: ctx.secret,
        distDir: ctx.distDir,
        env: { REDIS_URL: redis.url },
      });
      servers = cycle % 2 === 0 ? [restarted, survivor] : [survivor, restarted];
    }
    const stored = data.commentCount(article.id);
    report.figure(`${CYCLES} cycles: one of two processes killed -9 while ${POSTERS} posters used both`);
    report.figure(`acknowledged ${acknowledged.length}, stored ${stored.rows}, lost ${lost.size}, refused ${refused}`);
    report.check(stored.stored === stored.rows, `comment_count ${stored.stored} disagrees with ${stored.rows} rows`);
    report.check(refused === 0, `${refused} posts refused while the servers were up`);
    report.check(survivorErrors === 0, `${survivorErrors} posters failed on a live process`);
    report.check(lost.size === 0, `${lost.size} acknowledged comments lost`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    data.close();
  }
  return report;
}
