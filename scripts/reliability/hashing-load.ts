/**
 * Password hashing under attack (issue 12, finding 4): 200 sign-up and sign-in
 * attempts sent at once, each from a client address of its own (so the
 * per-address limits do not decide: this is many clients, not one), while
 * anonymous readers load the cached article at a steady 100 requests a second.
 * scrypt at N=2^17 costs 128 MiB and a core for a good fraction of a second,
 * so unbounded hashing would starve the readers. The readers' p99 is reported
 * against a 250 ms target and must stay under 3 s (it was 36 s before hashing
 * was bounded), and nothing may fail with a 5xx. Attempts the server cannot
 * hash in time are told to try again in a moment, in the form's alert, with
 * what the reader typed kept.
 */
import fs from "node:fs";
import os from "node:os";
import type { Context } from "./support/context";
import { formWithButton, parseForms, submitForm, type Form } from "./support/forms";
import { request, type Response } from "./support/http";
import { Report, range } from "./support/report";
import { formAlert, getPage } from "./support/site";

const SIGNUPS = 100;
const SIGNINS = 100;
const READ_RATE = 100; // anonymous article requests a second
/** The target, reported as a figure: a latency on a shared 2-core machine is a measurement, not a verdict. */
const P99_TARGET_MS = 250;
/** What fails the item: readers starved by hashing (before the fix, p99 was 36 s). */
const P99_STARVED_MS = 3_000;
const WRONG = "Email or password is incorrect.";
const BUSY = /try again in a moment/i;

type Reading = { startedAt: number; ms: number; status: number; error?: string };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Readers at a steady rate until `stop()`: every answer's start time, latency and status. */
function readers(url: string) {
  const readings: Reading[] = [];
  const pending = new Set<Promise<void>>();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    const startedAt = Date.now();
    const one = request(url, { headers: { accept: "text/html" }, timeoutMs: 30_000 })
      .then(
        (res) => void readings.push({ startedAt, ms: Date.now() - startedAt, status: res.status }),
        (e: unknown) =>
          void readings.push({ startedAt, ms: Date.now() - startedAt, status: 0, error: (e as Error).message }),
      )
      .finally(() => pending.delete(one));
    pending.add(one);
  }, 1000 / READ_RATE);
  return {
    readings,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
}

function summarise(readings: Reading[]) {
  const ms = readings.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: ms.length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? NaN,
    failed: readings.filter((r) => r.status === 0 || r.status >= 500).length,
    why: [
      ...new Set(readings.filter((r) => r.status === 0 || r.status >= 500).map((r) => r.error ?? `status ${r.status}`)),
    ],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How busy the machine is (Linux): the 1-minute load average and the share of time tasks waited for a CPU. */
function machineLoad(): string {
  try {
    const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0];
    const pressure = /avg10=([\d.]+)/.exec(fs.readFileSync("/proc/pressure/cpu", "utf8"))?.[1];
    return `load ${load}${pressure ? `, CPU pressure ${pressure}%` : ""}`;
  } catch {
    return "load unknown";
  }
}

/** The value attribute of the input named `name` in `form`, as the server rendered it. */
function inputValue(form: Form | undefined, name: string): string | undefined {
  return form?.fields.find((f) => f.name === name)?.value as string | undefined;
}

export async function hashingLoad(ctx: Context): Promise<Report> {
  const report = new Report(
    `Hashing under load: ${SIGNUPS + SIGNINS} sign-ups and sign-ins at once while readers load the article`,
  );
  const article = ctx.data.raw
    .prepare("SELECT slug FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1")
    .get() as { slug: string } | undefined;
  if (!report.check(article !== undefined, "no published article")) return report;
  const articleUrl = `${ctx.base}/articles/${article!.slug}`;
  const signupPage = await getPage(`${ctx.base}/signup`);
  const signinPage = await getPage(`${ctx.base}/signin`);
  const signupForm = formWithButton(signupPage.forms, "Create account");
  const signinForm = formWithButton(signinPage.forms, "Sign in");
  if (!report.check(signupForm !== undefined && signinForm !== undefined, "no sign-up or sign-in form")) return report;
  const target = await ctx.data.createUser({ name: "Hashing target", realPasswordCost: true });

  // Warm the cache and the sign-in and sign-up paths (a server that has been up a while
  // has compiled them), then the readers alone for 3 s.
  for (let i = 0; i < 20; i++) await request(articleUrl);
  const warm = Date.now().toString(36);
  for (let i = 0; i < 3; i++) {
    await submitForm(`${ctx.base}/signin`, signinForm!, {
      set: { email: `warm-${warm}-${i}@example.test`, password: "not the password" },
      localAddress: "127.0.13.254",
    });
    await submitForm(`${ctx.base}/signup`, signupForm!, {
      set: { name: `Warm reader ${i}`, email: `warm-${warm}-${i}@example.test`, password: `a fine passphrase ${i}` },
      localAddress: "127.0.13.254",
    });
  }
  const quiet = readers(articleUrl);
  await sleep(3_000);
  await quiet.stop();
  const before = summarise(quiet.readings);

  const load = readers(articleUrl);
  await sleep(500);
  const loadBefore = machineLoad();
  const run = Date.now().toString(36);
  const burstStart = Date.now();
  type Answer = { kind: "signup" | "signin"; i: number; at: number; res?: Response; error?: string };
  const attempts: Promise<Answer>[] = [
    ...range(SIGNUPS).map((i) =>
      submitForm(`${ctx.base}/signup`, signupForm!, {
        set: { name: `Load reader ${i}`, email: `load-${run}-${i}@example.test`, password: `a fine passphrase ${i}` },
        localAddress: `127.0.13.${i + 1}`,
      }).then(
        (res): Answer => ({ kind: "signup", i, at: Date.now(), res }),
        (e: unknown): Answer => ({ kind: "signup", i, at: Date.now(), error: String(e) }),
      ),
    ),
    ...range(SIGNINS).map((i) =>
      submitForm(`${ctx.base}/signin`, signinForm!, {
        // Half against a real account (real-cost hash), half unknown emails (the dummy hash, same cost).
        set: { email: i % 2 ? target.email : `nobody-${run}-${i}@example.test`, password: "not the password" },
        localAddress: `127.0.14.${i + 1}`,
      }).then(
        (res): Answer => ({ kind: "signin", i, at: Date.now(), res }),
        (e: unknown): Answer => ({ kind: "signin", i, at: Date.now(), error: String(e) }),
      ),
    ),
  ];
  const answers = await Promise.all(attempts);
  const burstEnd = Date.now();
  const loadAfter = machineLoad();
  await sleep(500);
  await load.stop();
  const during = summarise(load.readings.filter((r) => r.startedAt >= burstStart && r.startedAt <= burstEnd));

  if (process.env.HASHING_LOAD_TIMELINE) {
    // Diagnosis: per second since the burst began, reader requests started, their worst latency, attempts answered.
    const answeredAt = answers.map((a) => a.at);
    for (let t = 0; t * 1000 <= burstEnd - burstStart + 500; t++) {
      const from = burstStart + t * 1000;
      const rs = load.readings.filter((r) => r.startedAt >= from && r.startedAt < from + 1000);
      const done = answeredAt.filter((x) => x >= from && x < from + 1000).length;
      console.log(
        `  t=${t}s readers ${rs.length} worst ${Math.max(0, ...rs.map((r) => r.ms))} ms; attempts answered ${done}`,
      );
    }
  }
  const outcome = new Map<string, number>();
  const count = (key: string) => outcome.set(key, (outcome.get(key) ?? 0) + 1);
  const unexpected: string[] = [];
  let fiveHundreds = 0;
  let busyKeptValues = 0;
  let busySignups = 0;
  for (const a of answers) {
    if (!a.res) {
      count(`${a.kind}: request failed`);
      unexpected.push(`${a.kind} ${a.i}: ${a.error}`);
      continue;
    }
    const { status, body } = a.res;
    if (status >= 500) fiveHundreds++;
    if (status === 303) {
      count(a.kind === "signup" ? "sign-up: account created" : "sign-in: signed in");
      continue;
    }
    const alert = formAlert(body, a.kind === "signup" ? "Create account" : "Sign in");
    if (status === 200 && alert && BUSY.test(alert)) {
      count(`${a.kind === "signup" ? "sign-up" : "sign-in"}: try again in a moment`);
      if (a.kind === "signup") {
        busySignups++;
        const form = formWithButton(parseForms(body), "Create account");
        if (
          inputValue(form, "name") === `Load reader ${a.i}` &&
          inputValue(form, "email") === `load-${run}-${a.i}@example.test`
        )
          busyKeptValues++;
      }
    } else if (status === 200 && a.kind === "signin" && alert === WRONG) count("sign-in: wrong password");
    else if (status === 200 && alert?.startsWith("Too many attempts")) count(`${a.kind}: too many attempts`);
    else {
      count(`${a.kind}: other (${status})`);
      unexpected.push(`${a.kind} ${a.i}: ${status} ${alert ?? body.slice(0, 120)}`);
    }
  }

  report.figure(
    `anonymous article, readers alone (${READ_RATE}/s): p50 ${before.p50} ms, p99 ${before.p99} ms, max ${before.max} ms (${before.n} requests)`,
  );
  report.figure(
    `anonymous article during the ${SIGNUPS + SIGNINS} attempts (${((burstEnd - burstStart) / 1000).toFixed(1)} s): p50 ${during.p50} ms, p99 ${during.p99} ms, max ${during.max} ms (${during.n} requests, ${during.failed} failed or 5xx)`,
  );
  report.figure(
    `machine (${os.availableParallelism()} cores, shared with other work): ${loadBefore} when the attempts began, ${loadAfter} when the last was answered`,
  );
  report.figure(
    `answers: ${[...outcome.entries()]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}; ${fiveHundreds} with a 5xx`,
  );
  report.figure(
    `readers' p99 target ${P99_TARGET_MS} ms: ${during.p99 < P99_TARGET_MS ? "met" : "missed"} (${during.p99} ms; machine load above)`,
  );
  report.check(
    during.p99 < P99_STARVED_MS,
    `the anonymous article's p99 was ${during.p99} ms during the attempts: readers starved (limit ${P99_STARVED_MS} ms)`,
  );
  report.check(during.n > 0, "no reader request ran during the attempts");
  report.check(during.failed === 0, `${during.failed} reader requests failed or got a 5xx: ${during.why.join(" | ")}`);
  report.check(fiveHundreds === 0, `${fiveHundreds} attempts were answered with a 5xx`);
  report.check(unexpected.length === 0, `unexpected answers: ${unexpected.slice(0, 3).join(" | ")}`);
  report.check(
    busyKeptValues === busySignups,
    `${busySignups - busyKeptValues} of ${busySignups} "try again" sign-up answers lost what was typed`,
  );
  // The queue cannot be stepped around: the sign-in action posted to another page is not checked.
  const around = await ctx.data.createUser({ name: "Around the queue" });
  const aside = await submitForm(`${ctx.base}/`, signinForm!, {
    set: { email: around.email, password: "not the password" },
    localAddress: "127.0.13.253",
  });
  const checked = (
    ctx.data.raw.prepare("SELECT count(*) AS n FROM signin_attempts WHERE email = ?").get(around.email) as {
      n: number;
    }
  ).n;
  report.figure(
    `the sign-in action posted to / instead of /signin: status ${aside.status}, ${checked} password checks recorded`,
  );
  report.check(aside.status < 500 && checked === 0, `a sign-in posted to / was checked outside the queue`);
  ctx.data.raw.prepare("DELETE FROM signin_attempts WHERE ip LIKE '127.0.13.%' OR ip LIKE '127.0.14.%'").run();
  return report;
}
