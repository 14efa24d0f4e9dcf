/**
 * `npm run bench` — load-tests the production build on a temporary database.
 *
 * Builds nothing: it needs `next build` to have run (into `.next`, or the
 * folder in NEXT_DIST_DIR). It seeds a fresh database (the seed article with
 * 100 comments, articles with 10,000 and 100,000, a signed-in bench reader and
 * the posting readers), starts `next start` on it, serves the anonymous
 * article's exact bytes from a minimal node:http server as the "static limit",
 * then drives each row with autocannon and reads the server's own CPU time
 * and memory from /proc. The `search` row adds 10,000 generated stories to the
 * demo ones first (only when it runs: the other rows keep their database).
 *
 * Flags: --json FILE   also write the rows as JSON
 *        --duration S  seconds per row (default 10)
 *        --connections N  concurrent connections for the reading rows (default 10)
 *        --posters N   concurrent signed-in posters (default 20)
 *        --repeat N    measure each row N times and report the medians (peak memory: the highest)
 *        --port P      port for next start (default: any free port)
 *        --host H      host for next start (default localhost; "" for Next's default)
 *        --rows a,b    run only these rows
 *        --compare-dynamic  add a row: the anonymous article rendered per request
 *        --keep        keep the temporary database folder
 *        --cpu-prof DIR  run the server under \`node --cpu-prof\` and write its profile to DIR
 *                      (summarise with \`npx tsx scripts/bench/profile-summary.ts DIR/*.cpuprofile\`)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import zlib from "node:zlib";
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { openDatabase } from "../../db/index";
import { insertSearchStories, SEARCH_QUERIES, seedBenchData, type BenchUser } from "./seed";
import { clearRouteCache, serverNodeFlags } from "../server-launch.mjs";
import { findNginx, writeNginxConfig } from "../topology/nginx-config.mjs";
import { startRedis } from "../../test/support/redis-server";
import { processTree, treeCpuMs, treeHwmMb, RssSampler } from "./proc";
import { scrapeForm, encodeSubmission, scriptSources } from "./form";
import {
  type AutocannonClient,
  type AutocannonInstance,
  type AutocannonOptions,
  type Autocannon,
} from "./autocannon-types";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon") as Autocannon;

const ROW_NAMES = [
  "static-limit",
  "anonymous-article",
  "signed-in-article",
  "comments-page-100",
  "comments-page-10000",
  "comments-page-100000",
  "front-page",
  "search",
  "post-comment",
  "post-reply",
] as const;
/** Rows of the production topology (nginx + two processes + Redis); skipped, with a message, without nginx or redis-server. */
const TOPOLOGY_ROWS = [
  "nginx-static",
  "nginx-anonymous-article",
  "signed-in-article-2-processes",
  "post-comment-2-processes",
] as const;

export type BenchRow = {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerReq: number;
  peakRssMb: number;
  ratioToStatic: number;
};

const SESSION_COOKIE = "authjs.session-token";
/** A cookie the proxy takes for a session (the https name) but Auth.js over http never reads: the live page, rendered anonymously. */
const LIVE_ANONYMOUS_COOKIE = `__Secure-${SESSION_COOKIE}=bench-no-session`;
/** Generated stories the search row searches, beside the demo ones. */
const SEARCH_STORIES = 10_000;

const { values: args } = parseArgs({
  options: {
    json: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    posters: { type: "string", default: "20" },
    repeat: { type: "string", default: "1" },
    port: { type: "string" },
    host: { type: "string", default: "localhost" },
    rows: { type: "string" },
    "compare-dynamic": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
  },
});

const duration = Number(args.duration);
const connections = Number(args.connections);
const posterCount = Number(args.posters);
const repeat = Math.max(1, Number(args.repeat));
const onlyRows = args.rows ? new Set(args.rows.split(",")) : null;
const wanted = (name: string) => !onlyRows || onlyRows.has(name) || name === "static-limit";

const log = (message: string) => process.stderr.write(`${message}\n`);

function fail(message: string): never {
  log(`bench: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------- set-up

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  fail(
    `no production build in ${distDir}/ (BUILD_ID missing). Run \`npm run build\` first` +
      (process.env.NEXT_DIST_DIR ? " with the same NEXT_DIST_DIR." : "."),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-bench-"));
const dbFile = path.join(tempDir, "bench.db");
const authSecret = crypto.randomBytes(32).toString("hex");
const runId = crypto.randomBytes(4).toString("hex");

const children: ChildProcess[] = [];
function cleanup(): void {
  for (const child of children) {
    if (child.pid && child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
  if (!args.keep) fs.rmSync(tempDir, { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`bench: ${signal}, stopping`);
    process.exit(130);
  });
}

async function sessionCookie(user: BenchUser): Promise<string> {
  const token = await encode({
    // The token carries only the user id, as auth.ts writes it.
    token: { sub: user.id },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: 24 * 60 * 60,
  });
  return `${SESSION_COOKIE}=${token}`;
}

async function waitForServer(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
  fail(`the server did not come up at ${url}\n${tail}`);
}

type Fetched = { status: number; headers: Headers; body: string };

async function get(url: string, cookie?: string): Promise<Fetched> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

// ---------------------------------------------------------------- load

type Measured = {
  requests: number;
  seconds: number;
  latencies: Float64Array;
  statuses: Map<number, number>;
  cpuMs: number;
  peakRssMb: number;
  errors: number;
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

async function drive(
  label: string,
  pids: () => number[],
  sampler: RssSampler | null,
  options: AutocannonOptions,
): Promise<Measured> {
  log(`\n▶ ${label}: ${options.connections} connections, ${options.duration}s`);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  sampler?.reset();
  const tree = pids();
  const cpuBefore = treeCpuMs(tree);
  const started = performance.now();
  const instance: AutocannonInstance = autocannon({ timeout: 10, ...options });
  autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false, outputStream: process.stderr });
  instance.on("response", (_client: AutocannonClient, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await new Promise<{ errors: number }>((resolve, reject) => {
    instance.on("done", resolve);
    instance.on("error", reject);
  });
  const seconds = (performance.now() - started) / 1000;
  // Descendants started during the row count too.
  const cpuMs = treeCpuMs(Array.from(new Set([...tree, ...pids()]))) - cpuBefore;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    latencies: sorted,
    statuses,
    cpuMs,
    peakRssMb: sampler?.peakMb() ?? 0,
    errors: result.errors,
  };
}

function toRow(name: string, m: Measured): BenchRow {
  return {
    name,
    rps: m.requests / m.seconds,
    p50Ms: percentile(m.latencies, 50),
    p99Ms: percentile(m.latencies, 99),
    cpuMsPerReq: m.requests > 0 ? m.cpuMs / m.requests : NaN,
    peakRssMb: m.peakRssMb,
    ratioToStatic: NaN,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One row from repeated runs: the median of each figure; memory is the peak of all runs. */
function medianRow(name: string, runs: Measured[]): BenchRow {
  const rows = runs.map((m) => toRow(name, m));
  return {
    name,
    rps: median(rows.map((r) => r.rps)),
    p50Ms: median(rows.map((r) => r.p50Ms)),
    p99Ms: median(rows.map((r) => r.p99Ms)),
    cpuMsPerReq: median(rows.map((r) => r.cpuMsPerReq)),
    peakRssMb: Math.max(...rows.map((r) => r.peakRssMb)),
    ratioToStatic: NaN,
  };
}

function describeStatuses(m: Measured): string {
  const parts = [...m.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
  return parts.join(" ") + (m.errors ? ` errors×${m.errors}` : "");
}

// ---------------------------------------------------------------- main

function machineLine(): string {
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, Node ${process.version}, load average ${load}`;
}

async function main(): Promise<void> {
  const loadBefore = Number(fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  if (loadBefore > os.cpus().length) {
    log(
      `bench: WARNING the machine is busy (load ${loadBefore} on ${os.cpus().length} cores): latency and req/s will be low; CPU ms/req less affected`,
    );
  }
  log(`bench: build ${distDir}/ (BUILD_ID ${fs.readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim()})`);
  log(`bench: seeding ${dbFile}`);
  const seedStarted = performance.now();
  const db = openDatabase(dbFile);
  const data = seedBenchData(db, { posters: posterCount });
  db.$client.close();
  log(`bench: seeded 110,100 comments in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  if (wanted("search")) {
    const storiesStarted = performance.now();
    const searchDb = openDatabase(dbFile);
    insertSearchStories(searchDb, SEARCH_STORIES);
    searchDb.$client.pragma("wal_checkpoint(TRUNCATE)");
    searchDb.$client.close();
    log(
      `bench: seeded ${SEARCH_STORIES.toLocaleString("en")} generated stories (and their search index) in ${((performance.now() - storiesStarted) / 1000).toFixed(1)} s`,
    );
  }

  const readerCookie = await sessionCookie(data.reader);
  const posterCookies = await Promise.all(data.posters.map(sessionCookie));

  // The topology rows need nginx and redis-server; without them they are skipped, and said so.
  const topologyWanted = TOPOLOGY_ROWS.some(wanted);
  const missingTools = [findNginx() ? null : "nginx", hasRedisServer() ? null : "redis-server"].filter(Boolean);
  const topologyOn = topologyWanted && missingTools.length === 0;
  if (topologyWanted && !topologyOn) {
    const message = `bench: SKIPPED ${TOPOLOGY_ROWS.join(", ")}: ${missingTools.join(" and ")} not installed (apt-get install -y nginx redis-server)`;
    log(message);
    process.stdout.write(`${message}\n`);
  }
  // Both processes of the topology rows share the route cache's tag expiries through Redis, as deployed.
  const redis = topologyOn ? await startRedis(await freePort()) : null;
  const redisEnv = redis ? { REDIS_URL: redis.url } : {};

  // The Next server, on its own port and database.
  const port = args.port ? Number(args.port) : await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const serverLog = path.join(tempDir, "server.log");
  const logFd = fs.openSync(serverLog, "a");
  log(`bench: starting next start on ${origin}`);
  // `-H localhost` as in the e2e config: Next normalises loopback hosts to "localhost"
  // in rewrite URLs, and a rewrite to any other host is proxied over HTTP as an external one.
  clearRouteCache(distDir); // pages cached from an earlier run's database must not be served
  const hostArgs = args.host ? ["-H", args.host] : [];
  const profArgs = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : [];
  const server = spawn(
    process.execPath,
    [...serverNodeFlags(), ...profArgs, "node_modules/.bin/next", "start", "-p", String(port), ...hostArgs],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_PATH: dbFile,
        AUTH_SECRET: authSecret,
        AUTH_TRUST_HOST: "true",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        ...redisEnv,
      },
      stdio: ["ignore", logFd, logFd],
    },
  );
  children.push(server);
  await waitForServer(`${origin}/robots.txt`, server, serverLog);
  const serverPid = server.pid!;
  const serverTree = () => processTree(serverPid);
  const sampler = new RssSampler(serverTree);
  log(`bench: server pid ${serverPid}, processes ${serverTree().join(", ")}`);

  const articleUrl = `${origin}/articles/${data.seedArticle.slug}`;
  const url10k = `${origin}/articles/${data.article10k.slug}`;
  const url100k = `${origin}/articles/${data.article100k.slug}`;

  // Prime the caches and check what each path sends.
  const anonymous = await get(articleUrl);
  await get(articleUrl);
  const anonymousAgain = await get(articleUrl);
  const signedIn = await get(articleUrl, readerCookie);
  const front = await get(`${origin}/`);
  await get(`${origin}/`);
  for (const [label, page] of [
    ["anonymous article", anonymousAgain],
    ["signed-in article", signedIn],
    ["front page", front],
  ] as const) {
    log(
      `bench: ${label}: ${page.status}, ${page.body.length} bytes, cache-control "${page.headers.get("cache-control")}"` +
        `, x-nextjs-cache ${page.headers.get("x-nextjs-cache") ?? "-"}`,
    );
    if (page.status !== 200) fail(`${label} answered ${page.status}`);
  }
  if (!signedIn.body.includes(data.reader.name)) {
    log(`bench: WARNING the signed-in page does not show "${data.reader.name}": is the session cookie accepted?`);
  }
  if (anonymousAgain.body.includes(data.reader.name)) fail("the anonymous page shows the signed-in reader's name");
  void anonymous;

  // JS budget: the scripts the article page loads, gzip-compressed as a server would send them.
  const budget = await jsBudget(origin, [anonymousAgain.body, signedIn.body]);
  log(
    `bench: JS budget: article page loads ${budget.scripts} scripts, ${budget.anonymousKb.toFixed(1)} KB gzip anonymous, ` +
      `${budget.signedInKb.toFixed(1)} KB gzip signed in; third-party scripts: ${budget.thirdParty.length ? budget.thirdParty.join(", ") : "none"}`,
  );

  // The static limit: the same bytes from a minimal node:http server.
  const staticFile = path.join(tempDir, "article.html");
  fs.writeFileSync(staticFile, anonymousAgain.body);
  const staticPort = await freePort();
  const staticServer = spawn(
    process.execPath,
    [path.join("scripts", "bench", "static-server.mjs"), staticFile, String(staticPort)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(staticServer);
  await new Promise<void>((resolve) => staticServer.stdout.once("data", () => resolve()));
  const staticPid = staticServer.pid!;

  const common = { duration, connections };
  const readRow = (url: string, cookie?: string): AutocannonOptions => ({
    ...common,
    url,
    headers: cookie ? { cookie } : {},
  });

  type Plan = {
    name: string;
    options: () => AutocannonOptions | Promise<AutocannonOptions>;
    pids: () => number[];
    sampler: RssSampler | null;
  };
  const plans: Plan[] = [
    {
      name: "static-limit",
      options: () => readRow(`http://127.0.0.1:${staticPort}/`),
      pids: () => processTree(staticPid),
      sampler: new RssSampler(() => processTree(staticPid)),
    },
    { name: "anonymous-article", options: () => readRow(articleUrl), pids: serverTree, sampler },
    { name: "signed-in-article", options: () => readRow(articleUrl, readerCookie), pids: serverTree, sampler },
    // The comment rows are signed in on purpose: an anonymous request would be a cache
    // hit whatever the thread size, and prove nothing about the query's cost.
    { name: "comments-page-100", options: () => readRow(articleUrl, readerCookie), pids: serverTree, sampler },
    { name: "comments-page-10000", options: () => readRow(url10k, readerCookie), pids: serverTree, sampler },
    { name: "comments-page-100000", options: () => readRow(url100k, readerCookie), pids: serverTree, sampler },
    { name: "front-page", options: () => readRow(`${origin}/`), pids: serverTree, sampler },
  ];
  // Search: every request a cache miss. The live route renders per request, as a miss
  // of the cached twin does (and as a signed-in reader's search is); the requests cycle
  // through common and rare words, pairs, a phrase, prefixes, page 2 and the date order.
  const searchRequests: { method: string; path: string; headers: Record<string, string> }[] = [];
  if (wanted("search")) {
    const paths = SEARCH_QUERIES.flatMap((query) => {
      const q = `/search?q=${encodeURIComponent(query)}`;
      return [q, `${q}&sort=date`, `${q}&page=2`];
    });
    // Only pages that exist: a query with fewer than 21 results has no page 2 (404).
    for (const path of paths) {
      const page = await get(`${origin}${path}`, LIVE_ANONYMOUS_COOKIE);
      const marks = (page.body.match(/<mark>/g) ?? []).length;
      if (page.status === 404) continue;
      if (page.status !== 200 || marks === 0) fail(`${path} answered ${page.status} with ${marks} marked words`);
      if (page.body.includes(data.reader.name)) fail("the search page shows a reader's name");
      searchRequests.push({ method: "GET", path, headers: { cookie: LIVE_ANONYMOUS_COOKIE } });
    }
    const first = await get(`${origin}${searchRequests[0]!.path}`, LIVE_ANONYMOUS_COOKIE);
    log(
      `bench: search: ${searchRequests.length} pages (${SEARCH_QUERIES.length} queries × relevance, date, page 2), ` +
        `first ${first.body.length} bytes, cache-control "${first.headers.get("cache-control")}"`,
    );
  }
  plans.push({
    name: "search",
    options: () => ({ ...common, url: origin, requests: searchRequests }),
    pids: serverTree,
    sampler,
  });
  if (args["compare-dynamic"]) {
    // A cookie the proxy takes for a session (the https name) but Auth.js over http never
    // reads: the live page renders the anonymous view per request — the design without
    // the cache — and no invalid-token error is logged per request.
    plans.push({
      name: "anonymous-article-dynamic",
      options: () => readRow(articleUrl, LIVE_ANONYMOUS_COOKIE),
      pids: serverTree,
      sampler,
    });
  }

  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const plan of plans) {
    if (!wanted(plan.name)) continue;
    const options = await plan.options();
    // Warm-up: JIT, caches and the first render, not measured.
    await drive(`${plan.name} (warm-up)`, plan.pids, null, { ...options, duration: Math.min(3, duration) });
    const runs: Measured[] = [];
    for (let i = 0; i < repeat; i++) {
      runs.push(
        await drive(repeat > 1 ? `${plan.name} (${i + 1}/${repeat})` : plan.name, plan.pids, plan.sampler, options),
      );
    }
    rows.push(medianRow(plan.name, runs));
    notes.push(...runs.map((m) => `${plan.name}: ${describeStatuses(m)}`));
  }

  if (wanted("post-comment")) {
    try {
      const { row, note } = await postRow(
        "post-comment",
        origin,
        articleUrl,
        data.posters,
        posterCookies,
        serverTree,
        sampler,
      );
      rows.push(row);
      notes.push(note);
    } catch (error) {
      postFailures += 1;
      process.stdout.write(`post-comment: FAILED — ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  // Issue 14: replies to readers who get reply mails, so each post also writes a notification and
  // queues (or gathers) a mail in its transaction; the mail sender runs in the same process.
  if (wanted("post-reply")) {
    try {
      const { row, note } = await postRow(
        "post-reply",
        origin,
        articleUrl,
        data.posters,
        posterCookies,
        serverTree,
        sampler,
        data.replyParents,
      );
      rows.push(row);
      notes.push(note);
    } catch (error) {
      postFailures += 1;
      process.stdout.write(`post-reply: FAILED — ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  let secondServer: ChildProcess | null = null;
  let nginxProcess: ChildProcess | null = null;
  if (topologyOn) {
    const started = await topologyRows({
      origin,
      articlePath: `/articles/${data.seedArticle.slug}`,
      articleBytes: anonymousAgain.body,
      readerCookie,
      posters: data.posters,
      posterCookies,
      firstPort: port,
      spawnServer: (p: number) =>
        spawn(
          process.execPath,
          [...serverNodeFlags(), "node_modules/.bin/next", "start", "-p", String(p), ...hostArgs],
          {
            env: {
              ...process.env,
              NODE_ENV: "production",
              DATABASE_PATH: dbFile,
              AUTH_SECRET: authSecret,
              AUTH_TRUST_HOST: "true",
              NEXT_DIST_DIR: distDir,
              NEXT_TELEMETRY_DISABLED: "1",
              ...redisEnv,
            },
            stdio: ["ignore", logFd, logFd],
          },
        ),
      serverTree,
      sampler,
      rows,
      notes,
      common,
    });
    secondServer = started.second;
    nginxProcess = started.nginx;
  }

  const staticRps = rows.find((r) => r.name === "static-limit")?.rps ?? NaN;
  for (const row of rows) row.ratioToStatic = row.rps / staticRps;

  const hwm = treeHwmMb(serverTree());
  sampler.stop();
  printTable(rows);
  const posting = rows.find((r) => r.name === "post-comment");
  const replying = rows.find((r) => r.name === "post-reply");
  if (posting && replying) {
    process.stdout.write(
      `posting with notifications and reply mail: post-reply / post-comment = ${(replying.rps / posting.rps).toFixed(2)} req/s, ` +
        `${(replying.cpuMsPerReq / posting.cpuMsPerReq).toFixed(2)} CPU per post (targets for both: ≥ 200 posts/s, p99 ≤ 100 ms)\n`,
    );
  }
  process.stdout.write(`machine: ${machineLine()} (at the end of the run)\n`);
  log("");
  for (const note of notes) log(`  responses ${note}`);
  log(
    `  server peak RSS over the whole run ${sampler.overallPeak.toFixed(0)} MB (kernel high-water mark ${hwm.toFixed(0)} MB)`,
  );
  process.stdout.write(
    `JS budget: the article page loads ${budget.scripts} script chunks, ${budget.signedInKb.toFixed(1)} KB gzip signed in ` +
      `(${budget.anonymousKb.toFixed(1)} KB anonymous; ${budget.legacy} noModule polyfill script not counted: modern browsers skip it); ` +
      `third-party scripts: ${budget.thirdParty.length ? budget.thirdParty.join(", ") : "none"}\n`,
  );

  if (args.json) {
    const json = rows.map(({ name, rps, p50Ms, p99Ms, cpuMsPerReq, peakRssMb, ratioToStatic }) => ({
      name,
      rps: round(rps, 1),
      p50Ms: round(p50Ms, 2),
      p99Ms: round(p99Ms, 2),
      cpuMsPerReq: round(cpuMsPerReq, 3),
      peakRssMb: round(peakRssMb, 1),
      ratioToStatic: round(ratioToStatic, 3),
    }));
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    fs.writeFileSync(args.json, JSON.stringify(json, null, 2) + "\n");
    log(`bench: wrote ${args.json}`);
  }
  if (postFailures > 0) process.exitCode = 1;
  // Stop the servers and wait, so a --cpu-prof profile is written before we leave.
  for (const child of [staticServer, server, secondServer, nginxProcess]) if (child) await stopChild(child);
  await redis?.stop();
}

/**
 * The production topology's rows (issue 16): a second process on the same
 * database and build, nginx from deploy/nginx.conf in front of both, and
 * nginx serving the anonymous article's bytes as a static file for reference.
 */
async function topologyRows(t: {
  origin: string;
  articlePath: string;
  articleBytes: string;
  readerCookie: string;
  posters: BenchUser[];
  posterCookies: string[];
  firstPort: number;
  spawnServer: (port: number) => ChildProcess;
  serverTree: () => number[];
  sampler: RssSampler;
  rows: BenchRow[];
  notes: string[];
  common: { duration: number; connections: number };
}): Promise<{ second: ChildProcess; nginx: ChildProcess }> {
  const secondPort = await freePort();
  const second = t.spawnServer(secondPort);
  children.push(second);
  await waitForServer(`http://127.0.0.1:${secondPort}/robots.txt`, second, path.join(tempDir, "server.log"));
  const secondTree = () => processTree(second.pid!);

  const staticRoot = path.join(tempDir, "nginx-static");
  fs.mkdirSync(staticRoot, { recursive: true });
  fs.writeFileSync(path.join(staticRoot, "article.html"), t.articleBytes);
  const nginxPort = await freePort();
  const staticPort = await freePort();
  const config = writeNginxConfig({
    prefix: path.join(tempDir, "nginx"),
    port: nginxPort,
    upstreamPorts: [t.firstPort, secondPort],
    // The reference: the same bytes as a file, from the same nginx.
    extra: `    server {\n        listen 127.0.0.1:${staticPort};\n        location / { root ${staticRoot}; try_files /article.html =404; default_type text/html; }\n    }\n`,
  });
  const nginx = spawn(config.nginx, config.args, { stdio: ["ignore", "inherit", "inherit"] });
  children.push(nginx);
  const front = `http://127.0.0.1:${nginxPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${front}/robots.txt`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail("nginx did not answer within 20 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  const nginxTree = () => processTree(nginx.pid!);
  const allTrees = () => [...t.serverTree(), ...secondTree(), ...nginxTree()];
  const nginxSampler = new RssSampler(nginxTree);
  const bothSampler = new RssSampler(() => [...t.serverTree(), ...secondTree()]);

  // Prime nginx's cache and check what it sends.
  await get(`${front}${t.articlePath}`);
  const cached = await get(`${front}${t.articlePath}`);
  log(
    `bench: through nginx: ${cached.status}, ${cached.body.length} bytes, x-cache-status ${cached.headers.get("x-cache-status")}, cache-control "${cached.headers.get("cache-control")}"`,
  );
  if (cached.headers.get("x-cache-status") !== "HIT") fail("nginx did not cache the anonymous article");
  const signedIn = await get(`${front}${t.articlePath}`, t.readerCookie);
  if (signedIn.headers.get("x-cache-status") !== "BYPASS") fail("nginx served a signed-in reader from its cache");

  const plans: { name: string; url: string; cookie?: string; pids: () => number[]; sampler: RssSampler }[] = [
    { name: "nginx-static", url: `http://127.0.0.1:${staticPort}/`, pids: nginxTree, sampler: nginxSampler },
    { name: "nginx-anonymous-article", url: `${front}${t.articlePath}`, pids: allTrees, sampler: nginxSampler },
    {
      name: "signed-in-article-2-processes",
      url: `${front}${t.articlePath}`,
      cookie: t.readerCookie,
      pids: allTrees,
      sampler: bothSampler,
    },
  ];
  for (const plan of plans) {
    if (!wanted(plan.name) && !(plan.name === "nginx-static" && wanted("nginx-anonymous-article"))) continue;
    const options: AutocannonOptions = {
      ...t.common,
      url: plan.url,
      headers: plan.cookie ? { cookie: plan.cookie } : {},
    };
    await drive(`${plan.name} (warm-up)`, plan.pids, null, { ...options, duration: Math.min(3, t.common.duration) });
    const runs: Measured[] = [];
    for (let i = 0; i < repeat; i++) {
      runs.push(
        await drive(repeat > 1 ? `${plan.name} (${i + 1}/${repeat})` : plan.name, plan.pids, plan.sampler, options),
      );
    }
    t.rows.push(medianRow(plan.name, runs));
    t.notes.push(...runs.map((m) => `${plan.name}: ${describeStatuses(m)}`));
  }
  if (wanted("post-comment-2-processes")) {
    try {
      const { row, note } = await postRow(
        "post-comment-2-processes",
        front,
        `${front}${t.articlePath}`,
        t.posters,
        t.posterCookies,
        allTrees,
        bothSampler,
      );
      t.rows.push(row);
      t.notes.push(note);
    } catch (error) {
      postFailures += 1;
      process.stdout.write(
        `post-comment-2-processes: FAILED — ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
  const byName = (name: string) => t.rows.find((r) => r.name === name);
  const ratio = (a?: BenchRow, b?: BenchRow) => (a && b ? (a.rps / b.rps).toFixed(2) : "n/a");
  process.stdout.write(
    `topology: nginx-anonymous-article / nginx-static = ${ratio(byName("nginx-anonymous-article"), byName("nginx-static"))} (goal ≥ 0.5); ` +
      `signed-in-article-2-processes / signed-in-article = ${ratio(byName("signed-in-article-2-processes"), byName("signed-in-article"))}; ` +
      `post-comment-2-processes / post-comment = ${ratio(byName("post-comment-2-processes"), byName("post-comment"))}; ` +
      `${os.cpus().length} cores shared by the load generator, nginx and the processes\n`,
  );
  return { second, nginx };
}

function hasRedisServer(): boolean {
  return spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Number.isFinite(value) ? Math.round(value * f) / f : value;
}

// ---------------------------------------------------------------- JS budget

async function jsBudget(origin: string, pages: [string, string]) {
  const sizes = new Map<string, number>();
  const thirdParty: string[] = [];
  const totals: number[] = [];
  let scripts = 0;
  let legacy = 0;
  for (const html of pages) {
    let total = 0;
    const { modern: sources, noModule } = scriptSources(html);
    legacy = Math.max(legacy, noModule.length);
    scripts = Math.max(scripts, sources.length);
    for (const src of sources) {
      const url = new URL(src, origin);
      if (url.origin !== origin) {
        thirdParty.push(url.href);
        continue;
      }
      if (!sizes.has(url.href)) {
        const res = await fetch(url);
        sizes.set(url.href, zlib.gzipSync(Buffer.from(await res.arrayBuffer())).length);
      }
      total += sizes.get(url.href)!;
    }
    totals.push(total / 1024);
  }
  return { scripts, legacy, anonymousKb: totals[0]!, signedInKb: totals[1]!, thirdParty: [...new Set(thirdParty)] };
}

// ---------------------------------------------------------------- posting

let postFailures = 0;

/**
 * 20 signed-in readers post at once, each on its own connection, the way a
 * browser without JavaScript submits the comment form: the page is fetched
 * with the reader's cookie, the form's fields (React's `$ACTION_…` ones
 * included) are read from it, and each post sends them back as the form's
 * encoding with the reader's text. A post is acknowledged when the server
 * answers 2xx/3xx without an error in the form; afterwards every acknowledged
 * comment must be in the database exactly once.
 */
async function postRow(
  name: string,
  origin: string,
  articleUrl: string,
  posters: BenchUser[],
  cookies: string[],
  pids: () => number[],
  sampler: RssSampler,
  /** Reply to these comments (poster i to the i-th, round) instead of posting top-level comments. */
  replyTo: number[] = [],
): Promise<{ row: BenchRow; note: string }> {
  const forms = await Promise.all(
    cookies.map(async (cookie, i) => {
      if (replyTo.length === 0) return scrapeForm((await get(articleUrl, cookie)).body, "Post comment", "Comment");
      const parent = replyTo[i % replyTo.length]!;
      return scrapeForm((await get(`${articleUrl}?c=${parent}&reply=${parent}`, cookie)).body, "Post reply", "Reply");
    }),
  );
  const first = forms[0]!;
  const actionPath = new URL(
    first.action && !first.action.startsWith("javascript:") ? first.action : articleUrl,
    articleUrl,
  );
  log(
    `bench: comment form posts ${first.method} ${actionPath.pathname} as ${first.enctype}; fields ${first.hidden
      .map(([n]) => n)
      .join(", ")}, text in "${first.textField}"`,
  );

  const acknowledged: string[] = [];
  const refused = new Map<string, number>();
  let nextPoster = 0;
  let seq = 0;
  const boundary = `----benchform${runId}`;
  // Each posting row marks its own comments: the same posters post in both, and the check is per row.
  const rowTag = name.replace(/[^a-z0-9]/g, "");

  const setupClient = (client: AutocannonClient) => {
    const index = nextPoster++ % posters.length;
    const form = forms[index]!;
    const state = { marker: "" };
    client.setRequests([
      {
        method: "POST",
        path: actionPath.pathname + actionPath.search,
        setupRequest: (req) => {
          state.marker = `bench${runId}${rowTag}p${index + 1}n${++seq}`;
          const text = `Benchmark comment ${state.marker}: the reporting on the Guard request was clear and fair.`;
          const { body, contentType } = encodeSubmission(form, text, boundary);
          req.headers = {
            cookie: cookies[index]!,
            "content-type": contentType,
            origin,
            accept: "text/html,application/xhtml+xml",
          };
          req.body = body;
          return req;
        },
        onResponse: (status, body, _context, headers) => {
          const verdict = postVerdict(status, body, headers);
          if (verdict === "ok") acknowledged.push(state.marker);
          else refused.set(verdict, (refused.get(verdict) ?? 0) + 1);
        },
      },
    ]);
  };

  // Warm-up posts are real posts too: they are checked with the rest.
  const warm = await drive(`${name} (warm-up)`, pids, null, {
    url: origin,
    connections: posters.length,
    duration: Math.min(3, duration),
    setupClient,
  });
  void warm;
  const runs: Measured[] = [];
  for (let i = 0; i < repeat; i++) {
    runs.push(
      await drive(repeat > 1 ? `${name} (${i + 1}/${repeat})` : name, pids, sampler, {
        url: origin,
        connections: posters.length,
        duration,
        setupClient,
      }),
    );
  }
  const row = medianRow(name, runs);

  // Every acknowledged comment stored exactly once.
  const dbCheck = new Database(dbFile, { readonly: true, fileMustExist: true });
  const stored = new Map<string, number>();
  const select = dbCheck.prepare(`select body from comments where author_id = ?`);
  for (const poster of posters) {
    for (const { body } of select.all(poster.id) as { body: string }[]) {
      for (const match of body.matchAll(new RegExp(`bench${runId}${rowTag}p\\d+n\\d+`, "g"))) {
        stored.set(match[0], (stored.get(match[0]) ?? 0) + 1);
      }
    }
  }
  // Replies: every stored one notified the reader answered, in its own transaction (so one query sees both).
  const unnotified =
    replyTo.length === 0
      ? null
      : (
          dbCheck
            .prepare(
              `select count(*) as n from comments c where c.body like ? and not exists
                 (select 1 from notifications n where n.comment_id = c.id and n.kind = 'reply')`,
            )
            .get(`%bench${runId}${rowTag}p%`) as { n: number }
        ).n;
  const mails =
    replyTo.length === 0
      ? null
      : (
          dbCheck.prepare(`select count(*) as n from mail_outbox where gather_key like 'reply:%'`).get() as {
            n: number;
          }
        ).n;
  dbCheck.close();
  const missing = acknowledged.filter((m) => (stored.get(m) ?? 0) === 0).length;
  const duplicated = [...stored.values()].filter((n) => n > 1).length;
  const ackSet = new Set(acknowledged);
  const storedUnacknowledged = [...stored.keys()].filter((m) => !ackSet.has(m)).length;
  const ok = missing === 0 && duplicated === 0 && acknowledged.length > 0 && (unnotified === null || unnotified === 0);
  if (!ok) postFailures += 1;
  const refusedText = [...refused.entries()].map(([k, n]) => `${k}×${n}`).join(", ") || "none";
  const line =
    `${name} check: ${acknowledged.length} acknowledged, ${stored.size} stored; ` +
    `missing ${missing}, stored twice ${duplicated}, stored but not acknowledged ${storedUnacknowledged}; ` +
    (unnotified === null ? "" : `replies without a notification ${unnotified}, reply mails (gathered) ${mails}; `) +
    `refused: ${refusedText} → ${ok ? "OK" : "FAILED"}`;
  process.stdout.write(`${line}\n`);
  return { row, note: runs.map((m) => `${name}: ${describeStatuses(m)}`).join("\n  responses ") };
}

/**
 * Whether the server acknowledged a post. A no-JS form post that succeeds is
 * redirected (303) back to the article at the new comment; a refused one is
 * answered with the page re-rendered with the form's error (role="alert").
 */
function postVerdict(status: number, body: string, headers: Record<string, string | string[]>): string {
  if (status >= 300 && status < 400) {
    const location = String(headers.location ?? headers.Location ?? "");
    return /^\/signin|error=/i.test(location) ? `redirect to ${location.split("?")[0]}` : "ok";
  }
  if (status !== 200) return `status ${status}`;
  const alert = body.match(/role="alert"[^>]*>(?:<[^>]+>)*([^<]{1,120})/);
  return alert ? `alert "${alert[1]!.trim()}"` : "ok";
}

// ---------------------------------------------------------------- output

function printTable(rows: BenchRow[]): void {
  const header = ["row", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "peak RSS MB", "vs static"];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    r.cpuMsPerReq.toFixed(2),
    r.peakRssMb.toFixed(0),
    r.ratioToStatic.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  const out = [
    "",
    fmt(header),
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`,
    ...lines.map(fmt),
    "",
  ];
  process.stdout.write(out.join("\n") + "\n");
  if (!ROW_NAMES.every((n) => rows.some((r) => r.name === n)) && !onlyRows) {
    log("bench: WARNING some rows are missing");
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
