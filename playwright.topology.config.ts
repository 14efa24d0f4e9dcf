import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import { serverNodeFlags } from "./scripts/server-launch.mjs";
import { writeNginxConfig } from "./scripts/topology/nginx-config.mjs";

/**
 * The production topology, end to end (issue 16): nginx (deploy/nginx.conf)
 * in front of two `next start` processes of one build, sharing one SQLite
 * file and a Redis route-cache channel, the app trusting one proxy hop.
 * Playwright starts Redis, the two processes and nginx (in that order) and
 * stops them after. Runs the caching and freshness specs through nginx, with
 * the 10-second freshness bound of the shared cache, and e2e/topology/.
 *
 * nginx or redis-server missing is an error, never a skip: .ci/run installs
 * Debian's packages.
 */
const base = Number(process.env.E2E_TOPOLOGY_PORT ?? 3460);
const ports = { nginx: base, a: base + 1, b: base + 2, redis: base + 3 };
const distDir = process.env.NEXT_DIST_DIR ?? ".next";

// Set once in the main process; workers inherit the environment and skip this.
if (!process.env.E2E_TOPOLOGY_DIR) {
  const hasRedis = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
  if (!hasRedis) throw new Error("redis-server is not installed: apt-get install -y redis-server (.ci/run does this)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-topology-"));
  process.env.E2E_TOPOLOGY_DIR = dir;
  process.env.E2E_DATABASE_PATH = path.join(dir, "news.db");
  const nginx = writeNginxConfig({
    prefix: path.join(dir, "nginx"),
    port: ports.nginx,
    upstreamPorts: [ports.a, ports.b],
  });
  process.env.E2E_NGINX_COMMAND = [nginx.nginx, ...nginx.args].map((part) => JSON.stringify(part)).join(" ");
}
process.env.E2E_BASE_URL = `http://127.0.0.1:${ports.nginx}`;
process.env.E2E_PROCESS_A_URL = `http://127.0.0.1:${ports.a}`;
process.env.E2E_PROCESS_B_URL = `http://127.0.0.1:${ports.b}`;
process.env.E2E_AUTH_SECRET ??= "e2e-secret-not-for-production-0123456789abcdef";
// The freshness promise through a shared cache (lib/cache-control.ts); directly from a process it stays 2 s.
process.env.E2E_FRESH_WITHIN_MS = "10000";

const redisUrl = `redis://127.0.0.1:${ports.redis}`;
const nodeFlags = serverNodeFlags()
  .map((flag) => JSON.stringify(flag))
  .join(" ");
const appEnv = {
  DATABASE_PATH: process.env.E2E_DATABASE_PATH!,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET,
  AUTH_TRUST_HOST: "true",
  NEXT_DIST_DIR: distDir,
  REDIS_URL: redisUrl,
  TRUSTED_PROXY_HOPS: "1",
  SIGNUPS_PER_ADDRESS_PER_HOUR: "",
  SMTP_URL: "",
};
// Same flags and host as the main e2e server (see playwright.config.ts for `-H localhost`).
const appServer = (port: number) => ({
  command: `node ${nodeFlags} node_modules/.bin/next start -p ${port} -H localhost`,
  url: `http://127.0.0.1:${port}/robots.txt`,
  reuseExistingServer: false,
  timeout: 120_000,
  env: appEnv,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
});

const systemChromium = "/usr/bin/chromium";
const launchOptions = fs.existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  testMatch: [/topology\/.*\.spec\.ts/, /caching\.spec\.ts/],
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results/topology",
  use: { baseURL: process.env.E2E_BASE_URL, trace: "retain-on-failure", launchOptions },
  projects: [{ name: "topology", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: [
    {
      command: `redis-server --port ${ports.redis} --bind 127.0.0.1 --save "" --appendonly no`,
      port: ports.redis,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // The route cache of a previous run holds pages rendered from another database: start empty.
      ...appServer(ports.a),
      command: `node -e "require('node:fs').rmSync(require('node:path').join('${distDir}', 'server', 'route-cache'), { recursive: true, force: true })" && ${appServer(ports.a).command}`,
    },
    appServer(ports.b),
    {
      command: process.env.E2E_NGINX_COMMAND!,
      url: `${process.env.E2E_BASE_URL}/robots.txt`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
