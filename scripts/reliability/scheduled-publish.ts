/**
 * Scheduled publishing survives a crash (issue 13): a story is scheduled a few
 * seconds ahead on a server that is killed with SIGKILL before the time comes
 * and started again only after it has passed. It must go live by itself
 * (nobody visits the admin) within 60 s of its time, exactly once (one
 * auto-publish revision) — also when two processes share the database and
 * both run the scheduler's lease. A clean stop (SIGTERM) gives the process's
 * leases up, so the next holder need not wait out their time.
 */
import path from "node:path";
import type { Context } from "./support/context";
import { Data } from "./support/data";
import { request } from "./support/http";
import { Report } from "./support/report";
import { startServer, type Server } from "./support/server";

const LIVE_WITHIN_MS = 60_000;

function schedule(data: Data, at: number): { id: number; slug: string } {
  const article = data.createArticle();
  data.raw
    .prepare("UPDATE articles SET status = 'scheduled', publish_at = ?, published_at = ? WHERE id = ?")
    .run(at, at, article.id);
  return { id: article.id, slug: article.slug };
}

async function liveAt(servers: Server[], slug: string, deadline: number): Promise<number | null> {
  for (;;) {
    for (const server of servers) {
      const page = await request(`${server.url}/articles/${slug}`);
      if (page.status === 200) return Date.now();
    }
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function scheduledPublish(ctx: Context): Promise<Report> {
  const report = new Report("scheduled publish: kill -9 before the time, restart after it; live within 60 s, once");
  const file = path.join(ctx.tmp, "scheduled.db");
  const data = new Data(file, ctx.secret);
  const start = (port: number) =>
    startServer({ port, databasePath: file, authSecret: ctx.secret, distDir: ctx.distDir });
  const revisions = (id: number) =>
    (
      data.raw
        .prepare("SELECT count(*) AS n FROM article_revisions WHERE article_id = ? AND kind = 'auto-publish'")
        .get(id) as { n: number }
    ).n;

  const leasesHeld = () =>
    (data.raw.prepare("SELECT count(*) AS n FROM leases WHERE expires_at > ?").get(Date.now()) as { n: number }).n;

  // One process: killed before the time, back after it.
  let server = await start(ctx.ports.crash);
  const at = Date.now() + 8_000;
  const story = schedule(data, at);
  await server.kill9();
  while (Date.now() < at + 2_000) await new Promise((r) => setTimeout(r, 500));
  server = await start(ctx.ports.crash);
  const live = await liveAt([server], story.slug, at + LIVE_WITHIN_MS);
  report.check(live !== null, `one process: not live ${LIVE_WITHIN_MS / 1000} s after its time`);
  if (live) report.figure(`one process, killed before its time: live ${((live - at) / 1000).toFixed(1)} s after it`);
  report.check(revisions(story.id) === 1, `one process: ${revisions(story.id)} auto-publish revisions, not 1`);
  await server.stop();
  report.check(leasesHeld() === 0, `one process stopped with SIGTERM still holds ${leasesHeld()} leases`);

  // Two processes on one database: both tick under the lease; the story goes live once.
  const [a, b] = await Promise.all([start(ctx.ports.twoA), start(ctx.ports.twoB)]);
  const at2 = Date.now() + 5_000;
  const second = schedule(data, at2);
  const live2 = await liveAt([a, b], second.slug, at2 + LIVE_WITHIN_MS);
  report.check(live2 !== null, `two processes: not live ${LIVE_WITHIN_MS / 1000} s after its time`);
  if (live2) report.figure(`two processes: live ${((live2 - at2) / 1000).toFixed(1)} s after its time`);
  report.check(revisions(second.id) === 1, `two processes: ${revisions(second.id)} auto-publish revisions, not 1`);
  await Promise.all([a.stop(), b.stop()]);
  report.check(leasesHeld() === 0, `two processes stopped with SIGTERM still hold ${leasesHeld()} leases`);
  data.close();
  return report;
}
