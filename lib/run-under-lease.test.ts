import { afterEach, describe, expect, it, vi } from "vitest";
import { runUnderLease, stopAllLeaseRuns } from "./run-under-lease";

afterEach(() => vi.useRealTimers());

describe("runUnderLease", () => {
  it("starts the work when the lease is won, aborts it when lost, and starts it again when won back", () => {
    vi.useFakeTimers();
    let free = true;
    const starts: AbortSignal[] = [];
    const released: string[] = [];
    const run = runUnderLease("job", (signal) => starts.push(signal), {
      holder: "me",
      renewMs: 1000,
      claim: () => free,
      release: ({ holder }) => released.push(holder),
    });
    expect(run.held()).toBe(true);
    expect(starts).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(starts).toHaveLength(1); // a renewal starts nothing new
    free = false;
    vi.advanceTimersByTime(1000);
    expect(run.held()).toBe(false);
    expect(starts[0]!.aborted).toBe(true);
    free = true;
    vi.advanceTimersByTime(1000);
    expect(starts).toHaveLength(2);
    run.stop();
    expect(starts[1]!.aborted).toBe(true);
    expect(released).toEqual(["me"]);
    vi.advanceTimersByTime(5000);
    expect(starts).toHaveLength(2);
  });

  it("a process that never wins never starts the work, and a database error counts as not holding", () => {
    vi.useFakeTimers();
    const start = vi.fn();
    const run = runUnderLease("job", start, {
      renewMs: 1000,
      claim: () => {
        throw new Error("database is locked");
      },
      release: () => {},
    });
    vi.advanceTimersByTime(3000);
    expect(start).not.toHaveBeenCalled();
    run.stop();
  });

  it("gives every held lease up when the process exits, and stops trying for the others", () => {
    vi.useFakeTimers();
    const released: string[] = [];
    const claims: string[] = [];
    const options = (holds: boolean) => ({
      renewMs: 1000,
      claim: ({ name }: { name: string }) => {
        claims.push(name);
        return holds;
      },
      release: ({ name }: { name: string }) => released.push(name),
    });
    const sender = runUnderLease("mail-sender", () => {}, options(true));
    const scheduler = runUnderLease("story-scheduler", () => {}, options(true));
    runUnderLease("elsewhere", () => {}, options(false));
    expect(process.listeners("exit")).toContain(stopAllLeaseRuns);
    stopAllLeaseRuns();
    expect(released.sort()).toEqual(["mail-sender", "story-scheduler"]);
    expect(sender.held() || scheduler.held()).toBe(false);
    claims.length = 0;
    vi.advanceTimersByTime(5000);
    expect(claims).toEqual([]);
  });
});
