import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { runUnderLease } from "@/lib/run-under-lease";

/*
 * Scheduled stories go live with nobody visiting the site: one process (the
 * lease holder, lib/run-under-lease.ts) asks every TICK_MS. Publishing must
 * expire cached pages, and Next's revalidateTag works only inside a request,
 * so the tick is a request: a POST to this same server on the loopback
 * address, carrying a secret made at start and known only to this process
 * (app/api/newsroom/publish-due/route.ts refuses anything else). The state
 * lives only in the database, so a restart loses nothing: the first tick
 * after it publishes whatever fell due meanwhile.
 */

export const STORY_SCHEDULER_LEASE = "story-scheduler";
/** A scheduled story goes live within this (plus a lease hand-over after a crash) of its time. */
export const TICK_MS = 15_000;
export const SCHEDULER_HEADER = "x-broadsheet-scheduler";

type SchedulerState = { secret: string; started: boolean };

/** On globalThis: instrumentation and the route handler are separate bundles in one process. */
function state(): SchedulerState {
  const g = globalThis as unknown as { __broadsheetScheduler?: SchedulerState };
  g.__broadsheetScheduler ??= { secret: randomBytes(32).toString("hex"), started: false };
  return g.__broadsheetScheduler;
}

/** Whether a request carries this process's scheduler secret. */
export function isSchedulerRequest(header: string | null): boolean {
  const expected = Buffer.from(state().secret);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function tick(): Promise<void> {
  const port = process.env.PORT;
  if (!port) return; // not listening yet
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/newsroom/publish-due`, {
      method: "POST",
      headers: { [SCHEDULER_HEADER]: state().secret },
      signal: AbortSignal.timeout(TICK_MS),
    });
    if (!response.ok) console.error(`[scheduler] publish-due answered ${response.status}`);
  } catch (error) {
    console.error("[scheduler] could not reach this server to publish due stories", error);
  }
}

/** Starts the scheduler in this process (once); it ticks only while this process holds the lease. */
export function startStoryScheduler(): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  runUnderLease(STORY_SCHEDULER_LEASE, (signal) => {
    const first = setTimeout(() => void tick(), 1000);
    const timer = setInterval(() => void tick(), TICK_MS);
    first.unref();
    timer.unref();
    signal.addEventListener("abort", () => {
      clearTimeout(first);
      clearInterval(timer);
    });
  });
}
