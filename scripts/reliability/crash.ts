/**
 * 6. Crash: readers post in a loop while the server is killed with SIGKILL at
 * a random moment, then restarted — 20 times. Every comment whose post was
 * acknowledged must be in the database, and the database must pass
 * `PRAGMA integrity_check` after every crash.
 */
import path from "node:path";
import type { Context } from "./support/context";
import { Data } from "./support/data";
import { Report, range } from "./support/report";
import { startServer } from "./support/server";
import { commentForm, postComment } from "./support/site";

const CYCLES = 20;
const POSTERS = 4;

export async function crash(ctx: Context): Promise<Report> {
  const report = new Report("6. Crash: kill -9 while posting, restart, ×20");
  const file = path.join(ctx.tmp, "crash.db");
  const data = new Data(file, ctx.secret);
  const article = data.createArticle();
  const users = await Promise.all(range(POSTERS).map((i) => data.createUser({ name: `Crash reader ${i}` })));
  const acknowledged: string[] = [];
  let attempted = 0;
  let errors = 0;
  let integrityFailures = 0;
  const lost = new Set<string>();
  // Posters whose request failed while the server was still up (not from the kill).
  let posterErrors = 0;
  const killDelays: number[] = [];

  for (const cycle of range(CYCLES)) {
    const server = await startServer({
      port: ctx.ports.crash,
      databasePath: file,
      authSecret: ctx.secret,
      distDir: ctx.distDir,
    });
    const forms = await Promise.all(users.map((u) => commentForm(server.url, article.slug, u.cookie)));
    let stop = false;
    let killing = false;
    let firstAck: () => void = () => {};
    const underWay = new Promise<void>((r) => (firstAck = r));
    const posters = users.map(async (user, i) => {
      let n = 0;
      while (!stop) {
        const text = `Crash cycle ${cycle}, poster ${i}, comment ${n++}.`;
        attempted++;
        try {
          const result = await postComment(forms[i]!, user.cookie, text);
          if (result.acknowledged) {
            acknowledged.push(text);
            firstAck();
          } else if (!stop) errors++;
        } catch (error) {
          // The connection died with the server: not acknowledged, so not promised.
          // Before the kill, a failed request is a fault of its own: count and report it.
          if (!killing) {
            posterErrors++;
            report.figure(
              `poster ${i} failed before the kill: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          return;
        }
      }
    });
    // Kill at a random moment once posting is under way (after this cycle's first acknowledged post),
    // so every cycle has promises to keep however slow the machine is.
    await underWay;
    const delay = Math.floor(Math.random() * 800);
    killDelays.push(delay);
    await new Promise((r) => setTimeout(r, delay));
    killing = true;
    await server.kill9();
    stop = true;
    await Promise.all(posters);

    const integrity = data.integrityCheck();
    if (integrity !== "ok") integrityFailures++;
    const present = new Set(
      (data.raw.prepare("SELECT body FROM comments WHERE article_id = ?").all(article.id) as { body: string }[]).map(
        (r) => r.body,
      ),
    );
    const missing = acknowledged.filter((t) => !present.has(t));
    for (const text of missing) lost.add(text);
    report.check(integrity === "ok", `cycle ${cycle + 1}: integrity_check said ${integrity}`);
    report.check(
      missing.length === 0,
      `cycle ${cycle + 1}: ${missing.length} acknowledged comments missing, e.g. ${missing.slice(0, 2).join(" | ")}`,
    );
  }

  // One last start: the database opens, migrates nothing, and serves the count.
  const server = await startServer({
    port: ctx.ports.crash,
    databasePath: file,
    authSecret: ctx.secret,
    distDir: ctx.distDir,
  });
  await server.stop();
  const stored = data.commentCount(article.id);
  const storedRows = stored.rows;
  data.close();

  report.figure(
    `${CYCLES} kill -9 cycles (killed ${Math.min(...killDelays)}–${Math.max(...killDelays)} ms after each cycle's first acknowledged post), ${POSTERS} posters`,
  );
  report.figure(
    `posts attempted ${attempted}, acknowledged ${acknowledged.length}, stored ${storedRows} (the rest died in flight), refused ${errors}`,
  );
  report.figure(
    `lost over all cycles = ${lost.size}; integrity_check ok after ${CYCLES - integrityFailures}/${CYCLES} crashes; comment_count ${stored.stored} vs rows ${storedRows}`,
  );
  report.check(
    stored.stored === storedRows,
    `comment_count ${stored.stored} disagrees with ${storedRows} rows after crashes`,
  );
  report.check(errors === 0, `${errors} posts were refused while the server was up`);
  report.check(posterErrors === 0, `${posterErrors} posters failed while the server was up`);
  report.check(lost.size === 0, `${lost.size} acknowledged comments lost over all cycles`);
  return report;
}
