import { afterEach, describe, expect, it, vi } from "vitest";
import { createSlots, SlotsBusy } from "./slots";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("slots", () => {
  it("runs at most `concurrency` jobs at once, the next as soon as one ends", async () => {
    const slots = createSlots({ concurrency: 2, maxWaiting: 10, maxWaitMs: 10_000 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.running).toBe(2);
    expect(slots.waiting).toBe(1);
    gates[0]!.resolve();
    expect(await jobs[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(slots.running).toBe(0);
  });

  it("refuses a job that finds the queue full, at once", async () => {
    const slots = createSlots({ concurrency: 1, maxWaiting: 1, maxWaitMs: 10_000 });
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const second = slots.run(async () => "second");
    await expect(slots.run(async () => "third")).rejects.toBeInstanceOf(SlotsBusy);
    gate.resolve();
    await first;
    expect(await second).toBe("second");
  });

  it("refuses a job that waited `maxWaitMs` without a slot, and never runs it", async () => {
    vi.useFakeTimers();
    const slots = createSlots({ concurrency: 1, maxWaiting: 5, maxWaitMs: 2_000 });
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const late = vi.fn(async () => "late");
    const waiting = slots.run(late);
    const refused = expect(waiting).rejects.toBeInstanceOf(SlotsBusy);
    await vi.advanceTimersByTimeAsync(2_000);
    await refused;
    expect(slots.waiting).toBe(0);
    gate.resolve();
    await first;
    expect(late).not.toHaveBeenCalled();
    expect(slots.running).toBe(0);
  });

  it("frees the slot when a job fails", async () => {
    const slots = createSlots({ concurrency: 1, maxWaiting: 1, maxWaitMs: 1_000 });
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run(async () => "next")).toBe("next");
  });
});
