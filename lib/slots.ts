/**
 * A bounded number of jobs running at once, with a short, bounded queue:
 * a job that cannot start within `maxWaitMs`, or finds `maxWaiting` jobs
 * already waiting, is refused with `SlotsBusy` instead of piling up. Used to
 * keep password hashing from taking every core and every libuv thread.
 */
export class SlotsBusy extends Error {
  constructor() {
    super("busy: no slot free in time");
    this.name = "SlotsBusy";
  }
}

export type SlotsOptions = {
  /** Jobs running at once (at least 1). */
  concurrency: number;
  /** Jobs allowed to wait for a slot; more are refused at once. */
  maxWaiting: number;
  /** How long a job may wait for a slot before it is refused. */
  maxWaitMs: number;
};

export type Slots = {
  /** Runs `job` in a slot; rejects with SlotsBusy when none comes free in time. */
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

type Waiter = { start: () => void; timer: ReturnType<typeof setTimeout> };

export function createSlots({ concurrency, maxWaiting, maxWaitMs }: SlotsOptions): Slots {
  const limit = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const queue: Waiter[] = [];

  function release(): void {
    running--;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      running++;
      next.start();
    }
  }

  function acquire(): Promise<void> {
    if (running < limit) {
      running++;
      return Promise.resolve();
    }
    if (queue.length >= maxWaiting) return Promise.reject(new SlotsBusy());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(new SlotsBusy());
        }, maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await job();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
