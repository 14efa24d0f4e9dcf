/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof DIR`): self
 * time by function and by package, so what bounds a row is visible at a glance.
 * Usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [top=25]
 */
import fs from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: profile-summary FILE.cpuprofile [top]\n");
  process.exit(1);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function packageOf(url: string): string {
  if (!url) return "(native/V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (name === "next") return `next/${rest.slice(1, 4).join("/")}`;
    return name;
  }
  if (url.startsWith("node:")) return url;
  const built = url.match(/\.next[^/]*\/server\/(.*)$/);
  return built ? `build: ${built[1]!.slice(0, 60)}` : url.slice(-60);
}

const fn = new Map<string, number>();
const pkg = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  total += us;
  const key = `${functionName || "(anonymous)"}  ${packageOf(url)}:${lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const p = packageOf(url);
  pkg.set(p, (pkg.get(p) ?? 0) + us);
}

function print(title: string, map: Map<string, number>) {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}\n`,
    );
  }
}
process.stdout.write(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
print("self time by package/file", pkg);
print("self time by function", fn);
