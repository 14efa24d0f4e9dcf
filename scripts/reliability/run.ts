/**
 * `npm run test:reliability`: the reliability and security suite.
 *
 * Uses the existing production build ($NEXT_DIST_DIR or .next; builds
 * nothing), starts its own `next start` servers on temporary databases on
 * ports 3601–3609, runs the items in order, prints the figures of each
 * and exits non-zero if any check failed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { chromium, type Browser } from "@playwright/test";
import { authorisation } from "./authorisation";
import { badInput } from "./bad-input";
import { concurrency } from "./concurrency";
import { signinRace } from "./signin-race";
import { likeBurst } from "./like-burst";
import { spoofedAddress } from "./spoofed-address";
import { hashingLoad } from "./hashing-load";
import { cookies } from "./cookies";
import { crash } from "./crash";
import { forgery } from "./forgery";
import { headers } from "./headers";
import { locks } from "./locks";
import { backupUnderLoad } from "./backup";
import { bodyLimits } from "./body-limits";
import { cacheBound } from "./cache-bound";
import type { Context } from "./support/context";
import { Data } from "./support/data";
import { Report, reports as madeSoFar } from "./support/report";
import { distDirOrFail, startServer } from "./support/server";
import { uploads } from "./uploads";
import { editConflict } from "./edit-conflict";
import { scheduledPublish } from "./scheduled-publish";
import { mailRecovery } from "./mail-recovery";
import { xss } from "./xss";
import { concurrencyTwoProcesses, crashTwoProcesses } from "./two-processes";

const PORT = Number(process.env.RELIABILITY_PORT ?? 3601);

// The flags of playwright.config.ts: the system Chromium, which cannot sandbox here.
const CHROMIUM = "/usr/bin/chromium";
const LAUNCH = fs.existsSync(CHROMIUM)
  ? {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

type Item = { name: string; run: (ctx: Context) => Promise<Report> };

const ITEMS: Item[] = [
  { name: "xss", run: xss },
  { name: "forgery", run: forgery },
  { name: "authorisation", run: authorisation },
  { name: "bad-input", run: badInput },
  { name: "concurrency", run: concurrency },
  { name: "locks", run: locks },
  { name: "cookies", run: cookies },
  { name: "headers", run: headers },
  { name: "backup", run: backupUnderLoad },
  { name: "crash", run: crash },
  { name: "concurrency-2-processes", run: concurrencyTwoProcesses },
  { name: "crash-2-processes", run: crashTwoProcesses },
  { name: "signin-race", run: signinRace },
  { name: "like-burst", run: likeBurst },
  { name: "cache-bound", run: cacheBound },
  { name: "body-limits", run: bodyLimits },
  { name: "spoofed-address", run: spoofedAddress },
  { name: "hashing-load", run: hashingLoad },
  { name: "uploads", run: uploads },
  { name: "edit-conflict", run: editConflict },
  { name: "scheduled-publish", run: scheduledPublish },
  { name: "mail-recovery", run: mailRecovery },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const items = only.length ? ITEMS.filter((i) => only.includes(i.name)) : ITEMS;
  const distDir = distDirOrFail();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-reliability-"));
  const secret = randomBytes(32).toString("hex");
  const file = path.join(tmp, "news.db");
  const data = new Data(file, secret);
  const started = Date.now();
  console.log(`Reliability suite: build ${distDir}, database ${file}, port ${PORT}`);
  const server = await startServer({ port: PORT, databasePath: file, authSecret: secret, distDir });
  let browser: Browser | undefined;
  const ctx: Context = {
    server,
    data,
    base: server.url,
    secret,
    distDir,
    tmp,
    ports: {
      crash: PORT + 1,
      evil: PORT + 2,
      proxied: PORT + 3,
      twoA: PORT + 4,
      twoB: PORT + 5,
      redis: PORT + 6,
      smtp: PORT + 7,
    },
    browser: async () => (browser ??= await chromium.launch(LAUNCH)),
  };

  const reports: Report[] = [];
  try {
    for (const item of items) {
      const t0 = Date.now();
      let report: Report;
      const made = madeSoFar.length;
      try {
        report = await item.run(ctx);
      } catch (error) {
        // Keep what the item had found before it crashed.
        report = madeSoFar.length > made ? madeSoFar[madeSoFar.length - 1]! : new Report(item.name);
        report.check(false, `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      reports.push(report);
      console.log(`\n${report.ok ? "PASS" : "FAIL"}  ${report.title}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      for (const f of report.figures) console.log(`      ${f}`);
      for (const f of report.problems) console.log(`   ✗  ${f}`);
    }
  } finally {
    await browser?.close();
    const serverErrors = server.errorLines();
    await server.stop();
    data.close();
    if (serverErrors.length) {
      // Refused forgeries and replays are logged by Next; grouped so anything unexpected stands out.
      const grouped = new Map<string, number>();
      for (const line of serverErrors) {
        const key = line.replace(/"[0-9a-f]{40,}"/g, '"<action id>"').slice(0, 160);
        grouped.set(key, (grouped.get(key) ?? 0) + 1);
      }
      console.log(`\nServer log lines that look like errors (refused forgeries and replays are expected):`);
      for (const [line, n] of grouped) console.log(`  ${String(n).padStart(5)}× ${line}`);
    }
  }
  const failed = reports.filter((r) => !r.ok);
  console.log(
    `\n${reports.length - failed.length}/${reports.length} items passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  if (!failed.length) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`Databases kept in ${tmp}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
