import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { claimLease, releaseLease } from "@/db/queries/leases";

/*
 * Background work that must happen once across the server processes sharing
 * a database (the mail sender; any later timer) runs under a lease: every
 * process tries to claim it, one holds it and renews it, and when the holder
 * dies (kill -9 included) it stops renewing and another process takes over
 * within LEASE_TTL_MS. One process (`npm start`) simply holds it. A process
 * that exits cleanly (SIGTERM or SIGINT: Next calls process.exit) gives its
 * leases up as it goes, so the next holder starts at once instead of after
 * the TTL; better-sqlite3 is synchronous, so this works in an `exit` handler.
 */

export const LEASE_TTL_MS = 30_000;
/** Renewed three times per lease period, so one slow tick does not lose it. */
export const LEASE_RENEW_MS = 10_000;

/** This process, as a lease holder: readable in the table, unique per start. */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type LeaseRun = {
  /** Whether this process holds the lease now. */
  held(): boolean;
  /** Stops trying, aborts the work and gives the lease up. */
  stop(): void;
};

type Options = {
  holder?: string;
  ttlMs?: number;
  renewMs?: number;
  claim?: (args: { name: string; holder: string; ttlMs: number }) => boolean;
  release?: (args: { name: string; holder: string }) => void;
};

/** Every lease run of this process not yet stopped: given up when the process exits. */
const active = new Set<LeaseRun>();
let releasesOnExit = false;

/** Stops every lease run of this process and gives its leases up (the `exit` handler; tests). */
export function stopAllLeaseRuns(): void {
  for (const run of [...active]) run.stop();
}

/**
 * Calls `start(signal)` each time this process gains the lease `name`; the
 * signal aborts when it loses the lease (a renewal that found another holder,
 * or a database error) or on `stop()`. `start` must stop its work when the
 * signal aborts; the next holder starts its own.
 */
export function runUnderLease(
  name: string,
  start: (signal: AbortSignal) => void,
  {
    holder = PROCESS_HOLDER,
    ttlMs = LEASE_TTL_MS,
    renewMs = LEASE_RENEW_MS,
    claim = claimLease,
    release = releaseLease,
  }: Options = {},
): LeaseRun {
  let controller: AbortController | null = null;
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    let won = false;
    try {
      won = claim({ name, holder, ttlMs });
    } catch (error) {
      console.error(`[lease] could not claim ${name}`, error);
    }
    if (won && !controller) {
      controller = new AbortController();
      start(controller.signal);
    } else if (!won && controller) {
      controller.abort();
      controller = null;
    }
  };

  tick();
  const timer = setInterval(tick, renewMs);
  timer.unref();

  const run: LeaseRun = {
    held: () => controller !== null,
    stop() {
      active.delete(run);
      stopped = true;
      clearInterval(timer);
      if (controller) {
        controller.abort();
        controller = null;
        try {
          release({ name, holder });
        } catch (error) {
          console.error(`[lease] could not release ${name}`, error);
        }
      }
    },
  };
  active.add(run);
  if (!releasesOnExit) {
    releasesOnExit = true;
    process.once("exit", stopAllLeaseRuns);
  }
  return run;
}
