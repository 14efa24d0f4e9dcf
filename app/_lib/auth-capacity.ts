import "server-only";
import os from "node:os";
import { frontDoorLoaded } from "@/app/_lib/client-address";
import { scryptOnHashingThread } from "@/app/_lib/hashing-threads";
import type { DeriveKey } from "@/lib/passwords";
import { createSlots, SlotsBusy, type Slots } from "@/lib/slots";

/**
 * How much of the server sign-in and sign-up may take (issue 12, finding 4).
 *
 * Hashing: scrypt at N=2^17 takes 128 MiB and most of a core for a good part
 * of a second. It ran on libuv's pool of four threads, which also serves file
 * reads, and unbounded, a burst of sign-ups and sign-ins took every core and
 * thread while cached pages waited seconds. Now it runs on hashing threads of
 * its own at a lower priority (app/_lib/hashing-threads.ts), one hash at a
 * time per two cores (at most two); a few more may wait briefly, and the rest
 * are told to try again in a moment.
 *
 * Forms: scripts/front-door.cjs hands sign-in and sign-up posts to Next a few
 * at a time and says how long each waited; one that waited longer than
 * MAX_WAIT_MS is answered "try again in a moment" without doing the work.
 */
export const HASHING_CONCURRENCY = Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2)));
const HASHING_MAX_WAITING = 4 * HASHING_CONCURRENCY;
const MAX_WAIT_MS = 3_000;

export const HASHING_BUSY_MESSAGE = "The server is busy right now — try again in a moment.";
export { SlotsBusy as HashingBusy };

/** Set by scripts/front-door.cjs on sign-in and sign-up posts. */
const QUEUED_HEADER = "x-broadsheet-queued-ms";

// One per process: Next may load this module once per route bundle.
const HASHING_KEY = Symbol.for("broadsheet.password-hashing-slots");
function hashingSlots(): Slots {
  const store = globalThis as Record<symbol, Slots | undefined>;
  return (store[HASHING_KEY] ??= createSlots({
    concurrency: HASHING_CONCURRENCY,
    maxWaiting: HASHING_MAX_WAITING,
    maxWaitMs: MAX_WAIT_MS,
  }));
}

/**
 * Runs password hashing or verification in a slot; rejects with HashingBusy
 * when none comes free in time. `work` gets the derive function to pass to
 * lib/passwords.ts, which runs scrypt on a hashing thread.
 */
export function withHashingSlot<T>(work: (derive: DeriveKey) => Promise<T>): Promise<T> {
  return hashingSlots().run(() => work(scryptOnHashingThread));
}

/**
 * True when this sign-in or sign-up post waited in the front door's queue
 * longer than a person should wait for a verdict: answer HASHING_BUSY_MESSAGE.
 * A post that did not come through the queue at all (the action posted to some
 * other page, which a browser never does) is treated the same, so the queue
 * cannot be stepped around.
 */
export function waitedTooLong(headers: Headers): boolean {
  if (!frontDoorLoaded()) return false;
  const stamp = headers.get(QUEUED_HEADER);
  if (stamp === null) return true;
  const waited = Number(stamp);
  return !Number.isFinite(waited) || waited > MAX_WAIT_MS;
}
