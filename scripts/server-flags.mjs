/**
 * Node flags for the production server: `npm start` runs with them, and so
 * does `npm run bench`, which measures the server as it is deployed.
 *
 * V8 sizes its old generation by the machine's memory (several GB here) and,
 * under 10–20 concurrent renders, lets it grow to 350–575 MB before collecting
 * much. The live data of a Broadsheet server is far smaller (the route cache
 * is capped by Next at 50 MB), so a cap keeps the process near its working set
 * at little CPU cost (measured: DECISIONS.md, "Speed"). An operator's own
 * NODE_OPTIONS setting for the heap wins.
 */
export const OLD_SPACE_MB = 160;

/** The flags to put before the script on the node command line. */
export function serverNodeFlags(env = process.env) {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? "") ? [] : [`--max-old-space-size=${OLD_SPACE_MB}`];
}
