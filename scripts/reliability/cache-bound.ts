/**
 * Route-cache bound (issue 12, finding 1): anonymous pages are kept in Next's
 * route cache, on disk. Only canonical views may create entries: the default
 * view, each sort, a cursor the page itself emits (one per comment), a
 * comment's thread. 10,000 distinct crafted URLs — made-up cursors, threads
 * and permalinks, forged variants of real cursors, made-up slugs and
 * sections, pages past the last, the internal /cached paths asked for
 * directly — must leave the cache folder's file count and size within a small
 * fixed bound, and the site must keep serving.
 */
import fs from "node:fs";
import path from "node:path";
import type { Context } from "./support/context";
import { decodeEntities } from "./support/forms";
import { request } from "./support/http";
import { Report, inBatches, range } from "./support/report";

const URLS = Number(process.env.CACHE_BOUND_URLS ?? 10_000);
/** New cache entries (pages or tag records) the crafted URLs may add once the real views are warm. */
const MAX_NEW_ENTRIES = 8;
const MAX_NEW_BYTES = 4 * 1024 * 1024;

type Usage = { files: number; bytes: number; entries: number };

/** Files, bytes and entries (a page's `.meta`, a fetch-cache record) under the build's cache folders. */
export function cacheUsage(distDir: string): Usage {
  const usage: Usage = { files: 0, bytes: 0, entries: 0 };
  const walk = (dir: string, isFetch: boolean) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, isFetch);
      else {
        usage.files++;
        usage.bytes += fs.statSync(full).size;
        if (isFetch || entry.name.endsWith(".meta")) usage.entries++;
      }
    }
  };
  walk(path.join(distDir, "server", "route-cache"), false);
  walk(path.join(distDir, "cache", "fetch-cache"), true);
  return usage;
}

/** An article with 21 top-level comments (two pages) and one with 52 replies (two thread pages). */
function seedThread(ctx: Context): { slug: string; topIds: number[]; replyIds: number[]; parent: number } {
  const article = ctx.data.createArticle("Cache bound check");
  const insert = ctx.data.raw.prepare(
    `INSERT INTO comments (article_id, parent_id, root_id, depth, author_id, body, status, created_at, like_count, reply_count)
     VALUES (?, ?, ?, ?, NULL, ?, 'approved', ?, ?, ?)`,
  );
  const start = Date.now() - 3_600_000;
  const topIds = range(21).map((i) => {
    const id = Number(
      insert.run(article.id, null, null, 0, `Top-level ${i}`, start + i * 1000, i % 4, 0).lastInsertRowid,
    );
    ctx.data.raw.prepare("UPDATE comments SET root_id = id WHERE id = ?").run(id);
    return id;
  });
  const parent = topIds[0]!;
  const replyIds = range(52).map((i) =>
    Number(insert.run(article.id, parent, parent, 1, `Reply ${i}`, start + 60_000 + i * 1000, 0, 0).lastInsertRowid),
  );
  ctx.data.raw.prepare("UPDATE comments SET reply_count = ? WHERE id = ?").run(replyIds.length, parent);
  ctx.data.raw
    .prepare("UPDATE articles SET comment_count = ? WHERE id = ?")
    .run(topIds.length + replyIds.length, article.id);
  return { slug: article.slug, topIds, replyIds, parent };
}

function linkTo(html: string, text: string): string | null {
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    if (m[2]!.replace(/<[^>]+>/g, "").trim() === text) return decodeEntities(m[1]!);
  }
  return null;
}

function randomToken(i: number): string {
  return `${i.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export async function cacheBound(ctx: Context): Promise<Report> {
  const report = new Report(`Route-cache bound: ${URLS.toLocaleString("en")} distinct crafted URLs`);
  const seeded = seedThread(ctx);
  const { slug } = seeded;
  const section = (
    ctx.data.raw.prepare("SELECT section FROM articles WHERE slug = ?").get(slug) as { section: string }
  ).section
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");

  // Warm every canonical view these URLs can reach, by following the page's own links.
  const canonical = new Set<string>([`/articles/${slug}`, "/", `/sections/${section}`]);
  const realCursors: Record<string, string> = {};
  for (const sort of ["newest", "oldest", "top"]) {
    const first = await request(`${ctx.base}/articles/${slug}?sort=${sort}`);
    canonical.add(`/articles/${slug}?sort=${sort}`);
    const more = linkTo(first.body, "Show more comments");
    if (report.check(more !== null, `no "Show more comments" link under ${sort}`) && more) {
      canonical.add(more.replace(/#.*$/, ""));
      realCursors[sort] = new URL(more, ctx.base).searchParams.get("after") ?? "";
    }
  }
  const thread = await request(`${ctx.base}/articles/${slug}?thread=${seeded.parent}`);
  canonical.add(`/articles/${slug}?thread=${seeded.parent}`);
  const moreReplies = linkTo(thread.body, "Show more replies");
  if (report.check(moreReplies !== null, 'no "Show more replies" link in the thread view') && moreReplies) {
    canonical.add(moreReplies.replace(/#.*$/, ""));
    realCursors.thread = new URL(moreReplies, ctx.base).searchParams.get("after") ?? "";
  }
  for (const url of canonical) await request(`${ctx.base}${url}`);
  // Renders finish writing their entry just after answering.
  await new Promise((r) => setTimeout(r, 1500));
  const before = cacheUsage(ctx.distDir);

  // Real comments the crafted URLs name: those the page's own links end with
  // (each has one canonical view per sort, warmed above). That naming any of
  // an article's comments adds at most a few entries per comment is proved by
  // proxy.test.ts; here the values around them are what an attacker varies.
  const emitted = Object.values(realCursors).map((c) => Number(c.split("_").pop()));
  const pick = (i: number) => emitted[i % emitted.length]!;
  const [newest, top] = [realCursors.newest ?? "1_1", realCursors.top ?? "0_1_1"];
  const [nTs, nId] = newest.split("_");
  const [, tTs, tId] = top.split("_");
  const kinds: ((i: number) => string)[] = [
    (i) => `/articles/${slug}?after=${randomToken(i)}`,
    (i) => `/articles/${slug}?after=${Date.now() - i}_${1_000_000 + i}`,
    (i) => `/articles/${slug}?after=${Number(nTs) + i + 1}_${nId}`,
    (i) => `/articles/${slug}?sort=top&after=${1000 + i}_${tTs}_${tId}`,
    (i) => `/articles/${slug}?sort=oldest&after=${i}_${realCursors.oldest?.split("_").pop()}`,
    (i) => `/articles/${slug}?thread=${1_000_000 + i}`,
    (i) => `/articles/${slug}?thread=${seeded.parent}&after=${randomToken(i)}`,
    (i) => `/articles/${slug}?thread=${seeded.parent}&after=${i}_${realCursors.thread?.split("_").pop()}`,
    (i) => `/articles/${slug}?c=${1_000_000 + i}`,
    (i) => `/articles/${slug}?sort=top&thread=${pick(i) + 1_000_000}&c=${2_000_000 + i}`,
    (i) => `/articles/made-up-${randomToken(i)}`,
    (i) => `/articles/made-up-${randomToken(i)}?sort=top&after=${i}_${i}`,
    (i) => `/sections/made-up-${randomToken(i)}`,
    (i) => `/sections/${section}?page=${1000 + i}`,
    (i) => `/cached/articles/${slug}/${randomToken(i)}`,
    (i) => `/cached/articles/${slug}/after%3D${i}_${pick(i)}`,
    (i) => `/cached/sections/${section}/${1000 + i}`,
    (i) => `/cached/front/${2 + i}`,
  ];
  const urls = range(URLS).map((i) => kinds[i % kinds.length]!(i));
  report.check(new Set(urls).size === urls.length, "the crafted URLs are not all distinct");

  const statuses = new Map<number, number>();
  let failures = 0;
  let firstFailure = "";
  const t0 = Date.now();
  await inBatches(urls, 8, async (url) => {
    try {
      const res = await request(`${ctx.base}${url}`, { timeoutMs: 30_000 });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    } catch (error) {
      failures++;
      firstFailure ||= `${url}: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  const seconds = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1500));
  const after = cacheUsage(ctx.distDir);

  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  report.check(serverErrors === 0, `${serverErrors} crafted URLs got a 5xx`);
  report.check(failures === 0, `${failures} crafted URLs got no answer (the first: ${firstFailure})`);
  const newEntries = after.entries - before.entries;
  const newBytes = after.bytes - before.bytes;
  report.check(
    newEntries <= MAX_NEW_ENTRIES,
    `${newEntries} new cache entries (${after.files - before.files} files) from crafted URLs (bound ${MAX_NEW_ENTRIES})`,
  );
  report.check(
    newBytes <= MAX_NEW_BYTES,
    `the cache grew by ${(newBytes / 1024).toFixed(0)} KB (bound ${MAX_NEW_BYTES / 1024} KB)`,
  );

  // Still serving: the article (with its comments) and the front page.
  const article = await request(`${ctx.base}/articles/${slug}`);
  const front = await request(`${ctx.base}/`);
  report.check(
    article.status === 200 && article.body.includes("Top-level 20"),
    `the article answered ${article.status} after the flood`,
  );
  report.check(front.status === 200, `the front page answered ${front.status} after the flood`);

  report.figure(
    `${URLS.toLocaleString("en")} crafted URLs in ${seconds.toFixed(0)} s (${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${c}× ${s}`)
      .join(", ")}); cache folder before: ${before.files} files, ${(before.bytes / 1024).toFixed(0)} KB; after: ${
      after.files
    } files, ${(after.bytes / 1024).toFixed(0)} KB (+${newEntries} entries, bound ${MAX_NEW_ENTRIES})`,
  );
  report.figure(`site still serving: article ${article.status}, front page ${front.status}`);
  return report;
}
