/**
 * The comment page's queries on SQLite (in process, as the site runs them)
 * and on PostgreSQL (Debian's server, through node-postgres over TCP on
 * 127.0.0.1), for the "Past one machine" decision (DECISIONS.md): what a page
 * of a thread costs in database time once every query is a round trip.
 *
 *   npx tsx scripts/bench/past-one-machine.ts [--comments 10000] [--pages 2000]
 *
 * Both databases get the same rows and the same indexes as db/schema.ts's
 * comments_thread_time_idx and comments_replies_idx. One "page" is what
 * listCommentPage does for an anonymous reader: the top-level page by its
 * time cursor, which of those comments have replies, and the first replies of
 * each (one statement of LIMITed parts). The PostgreSQL server is a temporary
 * cluster made, started and removed here; without one the script says so.
 * Not part of `npm test`: a measurement, run by hand.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";

const { values: args } = parseArgs({
  options: { comments: { type: "string", default: "10000" }, pages: { type: "string", default: "2000" } },
});
const COMMENTS = Number(args.comments);
const PAGES = Number(args.pages);
// The site's PAGE_SIZE and REPLIES_SHOWN (db/queries/comment-threads.ts, which
// cannot be imported outside Next: it is "server-only"). Replies are asked for
// 20 parents per statement, the site's largest batch, on both databases alike.
const PAGE_SIZE = 20;
const REPLIES_SHOWN = 3;
const PORT = 54_329;
/** Pages read before measuring (statement caches, buffer pool). */
const WARM = 200;

// ---------------------------------------------------------------- data

type Comment = {
  id: number;
  parent: number | null;
  author: number;
  created: number;
  body: string;
  replies: number;
};

/** Top-level comments a minute apart; every fifth has three replies. Deterministic. */
function makeComments(): Comment[] {
  const out: Comment[] = [];
  let id = 1;
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < COMMENTS; i++) {
    const top = id++;
    const created = start + i * 60_000;
    const replies = i % 5 === 0 ? 3 : 0;
    out.push({
      id: top,
      parent: null,
      author: (i % 500) + 1,
      created,
      body: `Comment ${i}: ${"words ".repeat(40)}`,
      replies,
    });
    for (let r = 1; r <= replies; r++) {
      out.push({
        id: id++,
        parent: top,
        author: ((i + r) % 500) + 1,
        created: created + r * 1000,
        body: "A reply.",
        replies: 0,
      });
    }
  }
  return out;
}

const SCHEMA = [
  "create table users (id integer primary key, name text not null)",
  `create table comments (id integer primary key, article_id integer not null, parent_id integer,
     author_id integer, body text not null, status text not null, created_at bigint not null,
     deleted_at bigint, reply_count integer not null default 0)`,
  "create index comments_thread_time_idx on comments (article_id, parent_id, created_at, id)",
  "create index comments_replies_idx on comments (parent_id, created_at, id)",
];

const COLUMNS = `c.id, c.parent_id, c.author_id, u.name as author_name, c.body, c.created_at, c.reply_count`;
const VISIBLE = `c.deleted_at is null and c.status = 'approved'`;

// ---------------------------------------------------------------- measuring

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function report(name: string, micros: number[]) {
  const sorted = [...micros].sort((a, b) => a - b);
  const total = micros.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(34)} median ${quantile(sorted, 0.5).toFixed(0).padStart(6)} µs   p99 ${quantile(sorted, 0.99).toFixed(0).padStart(6)} µs   mean ${(total / micros.length).toFixed(0).padStart(6)} µs`,
  );
  return quantile(sorted, 0.5);
}

/** Cursor positions spread over the thread, the same for both databases. */
function cursors(comments: Comment[]): number[] {
  const tops = comments.filter((c) => c.parent === null).map((c) => c.created);
  return Array.from({ length: PAGES }, (_, i) => tops[(i * 7919) % tops.length]! + 1);
}

function sqlitePages(comments: Comment[], at: number[]): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "past-one-machine-"));
  const db = new Database(path.join(dir, "bench.db"));
  db.pragma("journal_mode = WAL");
  for (const s of SCHEMA) db.exec(s);
  db.transaction(() => {
    const user = db.prepare("insert into users (id, name) values (?, ?)");
    for (let i = 1; i <= 500; i++) user.run(i, `Reader ${i}`);
    const insert = db.prepare(
      "insert into comments (id, article_id, parent_id, author_id, body, status, created_at, reply_count) values (?, 1, ?, ?, ?, 'approved', ?, ?)",
    );
    for (const c of comments) insert.run(c.id, c.parent, c.author, c.body, c.created, c.replies);
  })();
  db.exec("analyze");
  const top = db.prepare(`select ${COLUMNS} from comments c left join users u on u.id = c.author_id
    where c.article_id = 1 and c.parent_id is null and c.created_at < ? and ${VISIBLE}
    order by c.created_at desc, c.id desc limit ${PAGE_SIZE + 1}`);
  const withReplies = db.prepare(
    `select value as id from json_each(?) where exists (select 1 from comments r where r.parent_id = value)`,
  );
  const part = (i: number) =>
    `select * from (select ${COLUMNS} from comments c left join users u on u.id = c.author_id
      where c.parent_id = @p${i} and ${VISIBLE} order by c.created_at asc, c.id asc limit ${REPLIES_SHOWN + 1})`;
  const replies = db.prepare(Array.from({ length: 20 }, (_, i) => part(i)).join(" union all "));
  const times: number[] = [];
  for (const ts of [...at.slice(0, WARM), ...at]) {
    const started = performance.now();
    const rows = top.all(ts) as { id: number }[];
    const parents = (withReplies.all(JSON.stringify(rows.map((r) => r.id))) as { id: number }[]).map((r) => r.id);
    for (let i = 0; i < parents.length; i += 20) {
      const params: Record<string, number> = {};
      for (let j = 0; j < 20; j++) params[`p${j}`] = parents[i + j] ?? -1;
      replies.all(params);
    }
    times.push((performance.now() - started) * 1000);
  }
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return times.slice(WARM);
}

// ---------------------------------------------------------------- PostgreSQL

function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const version = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version ? path.join(root, version, "bin") : null;
}

const asRoot = process.getuid?.() === 0;
const runAsServerUser = (cmd: string, cmdArgs: string[]) =>
  asRoot ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...cmdArgs]) : spawnSync(cmd, cmdArgs);

/** A throwaway cluster on 127.0.0.1:PORT (as the postgres user when run as root: the server refuses root). */
async function startPostgres(bin: string): Promise<{ server: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "past-one-machine-pg-"));
  if (asRoot) spawnSync("chown", ["postgres", dir]);
  const init = runAsServerUser(path.join(bin, "initdb"), ["-D", path.join(dir, "data"), "-A", "trust", "-U", "bench"]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.toString()}`);
  const serverArgs = ["-D", path.join(dir, "data"), "-p", String(PORT), "-k", dir, "-c", "listen_addresses=127.0.0.1"];
  const server = asRoot
    ? spawn("runuser", ["-u", "postgres", "--", path.join(bin, "postgres"), ...serverArgs], { stdio: "ignore" })
    : spawn(path.join(bin, "postgres"), serverArgs, { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const client = new pg.Client({ host: "127.0.0.1", port: PORT, user: "bench", database: "postgres" });
    try {
      await client.connect();
      await client.end();
      return { server, dir };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  server.kill("SIGKILL");
  throw new Error("PostgreSQL did not start within 10 s");
}

/** pg_ctl stops the server (runuser does not pass signals on), then its folder goes. */
async function stopPostgres(bin: string, server: ChildProcess, dir: string) {
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  runAsServerUser(path.join(bin, "pg_ctl"), ["stop", "-D", path.join(dir, "data"), "-m", "fast"]);
  await exited;
  fs.rmSync(dir, { recursive: true, force: true });
}

async function postgresPages(comments: Comment[], at: number[]): Promise<number[]> {
  const client = new pg.Client({ host: "127.0.0.1", port: PORT, user: "bench", database: "postgres" });
  await client.connect();
  for (const s of SCHEMA) await client.query(s);
  await client.query("begin");
  const users = Array.from({ length: 500 }, (_, i) => i + 1);
  await client.query("insert into users select id, 'Reader ' || id from unnest($1::int[]) as id", [users]);
  for (let i = 0; i < comments.length; i += 5000) {
    const chunk = comments.slice(i, i + 5000);
    await client.query(
      `insert into comments (id, article_id, parent_id, author_id, body, status, created_at, reply_count)
       select id, 1, parent, author, body, 'approved', created, replies
       from unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::bigint[], $6::int[])
         as t(id, parent, author, body, created, replies)`,
      [
        chunk.map((c) => c.id),
        chunk.map((c) => c.parent),
        chunk.map((c) => c.author),
        chunk.map((c) => c.body),
        chunk.map((c) => c.created),
        chunk.map((c) => c.replies),
      ],
    );
  }
  await client.query("commit");
  await client.query("analyze");
  // Named statements: prepared once per connection, as the SQLite ones are.
  const top = {
    name: "top",
    text: `select ${COLUMNS} from comments c left join users u on u.id = c.author_id
      where c.article_id = 1 and c.parent_id is null and c.created_at < $1 and ${VISIBLE}
      order by c.created_at desc, c.id desc limit ${PAGE_SIZE + 1}`,
  };
  const withReplies = {
    name: "with-replies",
    text: `select id from unnest($1::int[]) as id where exists (select 1 from comments r where r.parent_id = id)`,
  };
  const part = (i: number) =>
    `(select ${COLUMNS} from comments c left join users u on u.id = c.author_id
      where c.parent_id = $${i + 1} and ${VISIBLE} order by c.created_at asc, c.id asc limit ${REPLIES_SHOWN + 1})`;
  const replies = { name: "replies", text: Array.from({ length: 20 }, (_, i) => part(i)).join(" union all ") };
  const times: number[] = [];
  for (const ts of [...at.slice(0, WARM), ...at]) {
    const started = performance.now();
    const rows = (await client.query<{ id: number }>({ ...top, values: [ts] })).rows;
    const parents = (await client.query<{ id: number }>({ ...withReplies, values: [rows.map((r) => r.id)] })).rows.map(
      (r) => r.id,
    );
    for (let i = 0; i < parents.length; i += 20) {
      await client.query({ ...replies, values: Array.from({ length: 20 }, (_, j) => parents[i + j] ?? -1) });
    }
    times.push((performance.now() - started) * 1000);
  }
  await client.end();
  return times.slice(WARM);
}

// ---------------------------------------------------------------- main

async function main() {
  const comments = makeComments();
  const at = cursors(comments);
  console.log(
    `past-one-machine: ${comments.length.toLocaleString("en")} comments in one thread, ${PAGES} pages of ${PAGE_SIZE}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const sqlite = report("SQLite (better-sqlite3, in process)", sqlitePages(comments, at));
  const bin = postgresBin();
  if (!bin) {
    console.log("PostgreSQL: SKIPPED, no server installed (apt-get install -y postgresql)");
  } else {
    const { server, dir } = await startPostgres(bin);
    try {
      const postgres = report("PostgreSQL 127.0.0.1 (node-postgres)", await postgresPages(comments, at));
      console.log(`PostgreSQL / SQLite, median page: ${(postgres / sqlite).toFixed(1)}×`);
    } finally {
      await stopPostgres(bin, server, dir);
    }
  }
}

void main();
