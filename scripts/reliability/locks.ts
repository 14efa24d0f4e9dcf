/**
 * 7. Locks: another process takes the write lock (BEGIN IMMEDIATE) and keeps
 * it for 3 seconds. Posts made meanwhile must wait (busy_timeout) and succeed.
 */
import { spawn } from "node:child_process";
import type { Context } from "./support/context";
import { request } from "./support/http";
import { Report, range } from "./support/report";
import { commentForm, postComment } from "./support/site";

const HOLD_MS = 3000;
const POSTS = 5;

/** A separate Node process that holds the write lock, and says when it has it. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.pragma("busy_timeout = 10000");
    db.exec("BEGIN IMMEDIATE");
    db.prepare("UPDATE settings SET updated_at = updated_at WHERE key = 'rateLimitExemptUserIds'").run();
    process.stdout.write("locked\\n");
    const until = Date.now() + Number(process.argv[2]);
    setTimeout(() => { db.exec("COMMIT"); process.stdout.write("released\\n"); db.close(); }, until - Date.now());
  `;
  const child = spawn(process.execPath, ["-e", script, file, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let releasedAt: (t: number) => void = () => {};
    const released = new Promise<number>((r) => (releasedAt = r));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("locked") && !out.includes("released")) resolve({ released });
      if (out.includes("released")) releasedAt(Date.now());
    });
    child.on("error", reject);
    child.on("exit", (code) => code !== 0 && reject(new Error(`lock holder exited with ${code}`)));
  });
}

export async function locks(ctx: Context): Promise<Report> {
  const report = new Report("7. Locks: a writer holds the database for 3 s");
  const article = ctx.data.createArticle();
  const users = await Promise.all(range(POSTS).map((i) => ctx.data.createUser({ name: `Lock reader ${i}` })));
  const forms = await Promise.all(users.map((u) => commentForm(ctx.base, article.slug, u.cookie)));
  const run = Date.now().toString(36);

  const { released } = await holdWriteLock(ctx.data.file, HOLD_MS);
  const lockedAt = Date.now();
  const posting = Promise.all(
    users.map(async (user, i) => {
      const t0 = Date.now();
      const result = await postComment(forms[i]!, user.cookie, `Lock ${run}: post ${i} while the database is busy.`);
      return { ...result, ms: Date.now() - t0, doneAt: Date.now() };
    }),
  );
  // A request that needs no database, sent while the posts wait: better-sqlite3 waits for the
  // lock synchronously, so the whole server process waits with it (see DECISIONS.md).
  await new Promise((r) => setTimeout(r, 200));
  const t0 = Date.now();
  const bystander = await request(`${ctx.base}/robots.txt`);
  const bystanderMs = Date.now() - t0;
  const results = await posting;
  const releasedAt = await released;
  const ok = results.filter((r) => r.acknowledged).length;
  const stored =
    ctx.data.commentsBy(users[0]!.id).length + users.slice(1).reduce((n, u) => n + ctx.data.commentsBy(u.id).length, 0);
  const waited = results.map((r) => r.ms);
  const finishedAfterRelease = results.filter((r) => r.doneAt >= releasedAt - 50).length;
  const after = await request(`${ctx.base}/robots.txt`);

  report.figure(`lock held ${releasedAt - lockedAt} ms by another process; ${POSTS} posts sent meanwhile`);
  report.figure(
    `posts acknowledged ${ok}/${POSTS}, stored ${stored}; waited ${Math.min(...waited)}–${Math.max(...waited)} ms; ${finishedAfterRelease} finished after the lock was released`,
  );
  report.figure(
    `a request needing no database, sent during the lock, took ${bystanderMs} ms (status ${bystander.status})`,
  );
  report.check(
    ok === POSTS,
    `${POSTS - ok} posts failed while the database was locked: ${results
      .filter((r) => !r.acknowledged)
      .map((r) => `${r.status} ${r.alert ?? ""}`)
      .join(" | ")}`,
  );
  report.check(stored === POSTS, `stored ${stored} of ${POSTS}`);
  report.check(
    finishedAfterRelease === POSTS,
    "some posts finished before the lock was released (did they really wait?)",
  );
  report.check(after.status === 200, `server answered ${after.status} after the lock`);
  report.check(ctx.data.integrityCheck() === "ok", "integrity_check failed after the lock test");
  return report;
}
