/**
 * How a production server is launched, shared by `npm start`, the benchmark,
 * the e2e and the reliability servers, so each measures the server as deployed.
 *
 * Node flags:
 *
 * V8 sizes its old generation by the machine's memory (several GB here) and,
 * under 10–20 concurrent renders, lets it grow to 350–575 MB before collecting
 * much. The live data of a Broadsheet server is far smaller (the route cache
 * is capped by Next at 50 MB), so a cap keeps the process near its working set
 * at little CPU cost (measured: DECISIONS.md, "Speed"). An operator's own
 * NODE_OPTIONS setting for the heap wins.
 *
 * Every request body is limited to 1 MB on the socket, chunked or not, by a
 * preload (scripts/body-limit.mjs): 413 while it streams in, before Next
 * reads any of it.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const OLD_SPACE_MB = 160;

/**
 * The body-limit preload of the checkout at `root`, as a file URL (no spaces,
 * whatever the folder's name). `root` defaults to the working directory, where
 * the servers run; no `import.meta` here, as Playwright loads this file as
 * CommonJS for its config.
 */
export function bodyLimitPreload(root = process.cwd()) {
  return pathToFileURL(path.join(root, "scripts", "body-limit-preload.mjs")).href;
}

/** The flags to put before the script on the node command line (`root`: the checkout, see bodyLimitPreload). */
export function serverNodeFlags(env = process.env, root = process.cwd()) {
  const heap = /--max-old-space-size/.test(env.NODE_OPTIONS ?? "") ? [] : [`--max-old-space-size=${OLD_SPACE_MB}`];
  return [...heap, `--import=${bodyLimitPreload(root)}`];
}

/**
 * Empties Next's on-disk route cache in a build folder. Its pages were rendered
 * from whatever database the last server used (another test run, or the data
 * before a restore); a server starting on a database must not serve them.
 */
export function clearRouteCache(distDir) {
  fs.rmSync(path.join(distDir, "server", "route-cache"), { recursive: true, force: true });
}
