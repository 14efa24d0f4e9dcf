import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { serverNodeFlags } from "./scripts/server-launch.mjs";
import { startTestSmtpServer } from "./e2e/support/smtp-server";

/**
 * End-to-end tests run against the production build (`next start`) on a fresh
 * database file per run. The port, build folder and database can be moved by
 * environment so several runs can share a machine.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
process.env.E2E_BASE_URL ??= `http://127.0.0.1:${port}`;
// Set once in the main process; workers inherit it, so all agree on one file.
process.env.E2E_DATABASE_PATH ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-e2e-")), "news.db");
// A fixed secret for the test server, so fixtures can mint session cookies.
process.env.E2E_AUTH_SECRET ??= "e2e-secret-not-for-production-0123456789abcdef";

// A real SMTP server for the site's mail, started once in the main process (workers inherit the env and skip it).
process.env.E2E_SMTP_PORT ??= String(port + 1025);
if (!process.env.E2E_MAIL_DIR) {
  process.env.E2E_MAIL_DIR = path.join(path.dirname(process.env.E2E_DATABASE_PATH), "received-mail");
  startTestSmtpServer({ port: Number(process.env.E2E_SMTP_PORT), folder: process.env.E2E_MAIL_DIR });
}

const systemChromium = "/usr/bin/chromium";
const launchOptions = fs.existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
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

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  // Generous: a browser, the site and real-cost password hashing share two cores, and the
  // multi-page specs (250-comment pagination, a dozen malformed searches) take 30 s on a busy machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [
    { name: "chromium", testIgnore: /(site-wide|topology)\//, use: { ...devices["Desktop Chrome"], launchOptions } },
    // Specs that change site-wide settings run alone, after everything else, one file at a
    // time: one spec's setting (pre-moderation, confirmed email only) would break another's.
    {
      name: "site-wide",
      testMatch: /site-wide\/.*\.spec\.ts/,
      dependencies: ["chromium"],
      workers: 1,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  webServer: {
    // `-H localhost`, not 127.0.0.1: the proxy's rewrite URLs say "localhost" (Next normalises
    // loopback hosts), and a rewrite to a host other than the server's own is proxied over
    // HTTP as an external one, which loses the cached pages' Cache-Control. localhost binds 127.0.0.1 here.
    // The route cache of a previous run holds pages rendered from another database: start empty.
    command: `node -e "require('node:fs').rmSync(require('node:path').join('${process.env.NEXT_DIST_DIR ?? ".next"}', 'server', 'route-cache'), { recursive: true, force: true })" && node ${serverNodeFlags()
      .map((flag) => JSON.stringify(flag))
      .join(" ")} node_modules/.bin/next start -p ${port} -H localhost`,
    url: `${process.env.E2E_BASE_URL}/robots.txt`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_PATH: process.env.E2E_DATABASE_PATH,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      // As a fresh install: no proxy trusted, the default sign-up limit. Specs that need a
      // client address of their own get one on the socket (e2e/support/client-address.ts).
      TRUSTED_PROXY_HOPS: "",
      SIGNUPS_PER_ADDRESS_PER_HOUR: "",
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      MAIL_FROM: '"Broadsheet" <news@broadsheet.test>',
    },
  },
});
