#!/usr/bin/env node
/**
 * `npm start`: build when there is no build or the sources are newer than it,
 * then serve with `next start` on PORT (default 3000). The database is created,
 * migrated and seeded by the server on first open (db/index.ts).
 */
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clearRouteCache, serverNodeFlags } from "./server-launch.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const buildId = path.join(root, distDir, "BUILD_ID");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

const SOURCES = [
  "app",
  "components",
  "db",
  "lib",
  "public",
  "content",
  "auth.ts",
  "proxy.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".git"]);

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (SKIP.has(name)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(buildId)) return "no build found";
  const built = fs.statSync(buildId).mtimeMs;
  const changed = SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
  return changed ? "sources changed since the last build" : null;
}

const reason = needsBuild();
if (reason) {
  console.log(`Building Broadsheet (${reason})…`);
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Pages in Next's route cache were rendered from the database as it was; a
// restart may follow a restore or a new DATABASE_PATH, so serve fresh ones.
clearRouteCache(path.join(root, distDir));

const port = process.env.PORT ?? "3000";
const args = [...serverNodeFlags(process.env, root), nextBin, "start", "-p", port];
console.log(`Starting Broadsheet on http://localhost:${port}`);
const server = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
