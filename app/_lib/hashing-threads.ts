import "server-only";
import type { ScryptOptions } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { DeriveKey } from "@/lib/passwords";

/**
 * Password hashing on threads of its own (issue 12, finding 4), not on
 * libuv's pool, which also serves file reads and compression for pages. Each
 * thread lowers its own scheduling priority (on Linux the nice value is per
 * thread), so when the machine is short of CPU the server's main thread,
 * which answers readers, goes first and a hash waits. How many hashes run at
 * once is bounded by the caller (app/_lib/auth-capacity.ts); a thread is made
 * for each concurrent hash and kept.
 */
export const HASHING_NICE = 10;

// Plain CommonJS evaluated in the thread, so no bundled file has to be found at run time.
const THREAD_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
const os = require("node:os");
let nice = null;
try { os.setPriority(${HASHING_NICE}); nice = os.getPriority(); } catch {}
parentPort.postMessage({ ready: true, nice });
parentPort.on("message", ({ id, password, salt, keyLength, options }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), keyLength, options);
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Pending = { resolve: (key: Buffer) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; nice: Promise<number | null>; dead: boolean };

const idle: Thread[] = [];
let nextId = 1;

function startThread(): Thread {
  const worker = new Worker(THREAD_SOURCE, { eval: true });
  worker.unref();
  const pending = new Map<number, Pending>();
  let ready: (nice: number | null) => void = () => {};
  const thread: Thread = { worker, pending, nice: new Promise((r) => (ready = r)), dead: false };
  worker.on(
    "message",
    (message: { ready?: boolean; nice?: number | null; id?: number; key?: Uint8Array; error?: string }) => {
      if (message.ready) return ready(message.nice ?? null);
      const job = pending.get(message.id!);
      if (!job) return;
      pending.delete(message.id!);
      if (message.key) job.resolve(Buffer.from(message.key));
      else job.reject(new Error(message.error ?? "hashing failed"));
    },
  );
  const fail = (error: Error) => {
    thread.dead = true;
    ready(null);
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`hashing thread exited (${code})`)));
  return thread;
}

/** A derive function for lib/passwords.ts that runs scrypt on a hashing thread. */
export const scryptOnHashingThread: DeriveKey = async (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
) => {
  const thread = idle.pop() ?? startThread();
  const id = nextId++;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, password, salt: new Uint8Array(salt), keyLength, options });
    });
  } finally {
    if (!thread.dead && thread.pending.size === 0 && !idle.includes(thread)) idle.push(thread);
  }
};

/** The nice value a hashing thread runs at (null where it cannot be set), for tests. */
export async function hashingThreadNice(): Promise<number | null> {
  const thread = idle.pop() ?? startThread();
  try {
    return await thread.nice;
  } finally {
    if (!thread.dead) idle.push(thread);
  }
}
