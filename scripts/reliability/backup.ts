/**
 * `npm run backup` while the site is under write load: the copy passes
 * integrity_check and holds every comment acknowledged before it started;
 * `npm run restore` refuses while the site has the database open.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import type { Context } from "./support/context";
import { Report, range } from "./support/report";
import { commentForm, postComment } from "./support/site";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

export async function backupUnderLoad(ctx: Context): Promise<Report> {
  const report = new Report("Backup under load; restore refused while in use, then restored");
  const article = ctx.data.createArticle();
  const users = await Promise.all(range(4).map((i) => ctx.data.createUser({ name: `Backup reader ${i}` })));
  const forms = await Promise.all(users.map((u) => commentForm(ctx.base, article.slug, u.cookie)));
  const acknowledged: string[] = [];
  let stop = false;
  const load = users.map(async (u, i) => {
    for (let n = 0; !stop; n++) {
      const text = `Backup load ${i}.${n}`;
      if ((await postComment(forms[i]!, u.cookie, text)).acknowledged) acknowledged.push(text);
    }
  });
  // The backup starts once posts are acknowledged, so "nothing missing" below tests something.
  const deadline = Date.now() + 30_000;
  while (acknowledged.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const before = new Set(acknowledged);
  const file = path.join(ctx.tmp, "backup.db");
  const env = { ...process.env, DATABASE_PATH: ctx.data.file };
  const t0 = Date.now();
  const out = await run(TSX, ["scripts/backup.ts", file], { env });
  const ms = Date.now() - t0;
  stop = true;
  await Promise.all(load);

  const copy = new Database(file, { readonly: true });
  const integrity = String(copy.pragma("integrity_check", { simple: true }));
  const inCopy = new Set(
    (copy.prepare("SELECT body FROM comments WHERE article_id = ?").all(article.id) as { body: string }[]).map(
      (r) => r.body,
    ),
  );
  copy.close();
  const missing = [...before].filter((t) => !inCopy.has(t));
  report.figure(
    `backup took ${ms} ms while ${users.length} readers posted (${before.size} acknowledged before it began, ${acknowledged.length} in all); copy holds ${inCopy.size}`,
  );
  report.figure(out.stdout.trim());
  report.check(before.size > 0, "no comment was acknowledged before the backup began, so the copy proves nothing");
  report.check(integrity === "ok", `backup integrity_check: ${integrity}`);
  report.check(
    missing.length === 0,
    `${missing.length} comments acknowledged before the backup began are missing from it`,
  );

  const refused = await run(TSX, ["scripts/restore.ts", file], { env }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  report.check(
    refused.code !== 0 && /in use/.test(refused.stderr),
    `restore did not refuse while the site runs (exit ${refused.code}: ${refused.stderr.trim()})`,
  );
  report.figure(`restore while the site runs: exit ${refused.code}, "${refused.stderr.trim().split("\n")[0]}"`);

  // Restored where no site runs: the copy comes back whole.
  const target = path.join(ctx.tmp, "restored", "news.db");
  const restored = await run(TSX, ["scripts/restore.ts", file], { env: { ...process.env, DATABASE_PATH: target } });
  const back = new Database(target, { readonly: true });
  const backCount = (back.prepare("SELECT count(*) AS n FROM comments").get() as { n: number }).n;
  const backIntegrity = String(back.pragma("integrity_check", { simple: true }));
  back.close();
  const copyCount = (() => {
    const c = new Database(file, { readonly: true });
    const n = (c.prepare("SELECT count(*) AS n FROM comments").get() as { n: number }).n;
    c.close();
    return n;
  })();
  report.figure(restored.stdout.trim().split("\n").pop() ?? "");
  report.check(
    backIntegrity === "ok" && backCount === copyCount,
    `restored database: integrity ${backIntegrity}, ${backCount} comments vs ${copyCount} in the backup`,
  );
  return report;
}
