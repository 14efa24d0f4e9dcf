/**
 * CPU time and memory of a server process and every process under it, read
 * from /proc (Linux). CPU is the kernel's own accounting (utime + stime, plus
 * the cutime/cstime of children that already exited), so the figure is the
 * server's work alone — not the load generator's, which runs in this process.
 */
import fs from "node:fs";
import { execFileSync } from "node:child_process";

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // getconf missing: Linux has used 100 ticks a second on every common platform.
}

function readStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces or parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    const num = (field: number) => Number(fields[field - 3]);
    return { ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) };
  } catch {
    return null;
  }
}

/** The process and all of its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(entry));
    children.set(stat.ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Total CPU milliseconds used so far by the process tree. */
export function treeCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += readStat(pid)?.ticks ?? 0;
  return (ticks * 1000) / clockTicks;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the tree now, in MB. */
export function treeRssMb(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0) / 1024;
}

/** The kernel's high-water mark of resident memory (per process, summed), in MB. */
export function treeHwmMb(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + statusKb(pid, "VmHWM"), 0) / 1024;
}

/**
 * Polls the tree's resident memory every `intervalMs` and keeps the peak since
 * the last `reset()`, so each benchmark row reports the memory it drove the server to.
 */
export class RssSampler {
  private timer: NodeJS.Timeout;
  private peak = 0;
  overallPeak = 0;

  constructor(
    private pids: () => number[],
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const rss = treeRssMb(this.pids());
    this.peak = Math.max(this.peak, rss);
    this.overallPeak = Math.max(this.overallPeak, rss);
  }

  reset(): void {
    this.sample();
    this.peak = treeRssMb(this.pids());
  }

  peakMb(): number {
    this.sample();
    return this.peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
