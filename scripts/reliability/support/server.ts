/**
 * Starts and stops `next start` servers for the reliability suite: the
 * existing production build (never builds), its own port and database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeFlags } from "../../server-launch.mjs";

export type ServerOptions = {
  port: number;
  databasePath: string;
  authSecret: string;
  distDir: string;
  /** Extra environment (e.g. SITE_URL). */
  env?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof, for diagnosis). */
  nodeFlags?: string[];
};

export type Server = {
  url: string;
  port: number;
  pid: number;
  /** Last lines of the server's output, for diagnosis. */
  log: string[];
  /** Lines that look like server errors (uncaught exceptions, 500s). */
  errorLines: () => string[];
  exited: () => boolean;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
};

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

// Servers still running when the suite ends, however it ends, are killed with it.
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => process.exit(130));
}

export function distDirOrFail(): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir} (run \`npm run build\` first; this suite never builds).`);
  }
  return distDir;
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  await waitPortFree(options.port);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...serverNodeFlags(),
      ...(options.nodeFlags ?? []),
      NEXT_BIN,
      "start",
      "-p",
      String(options.port),
      "-H",
      "localhost",
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_PATH: options.databasePath,
        AUTH_SECRET: options.authSecret,
        AUTH_TRUST_HOST: "true",
        NEXT_DIST_DIR: options.distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        // As a fresh install, unless an item says otherwise.
        TRUSTED_PROXY_HOPS: "",
        SIGNUPS_PER_ADDRESS_PER_HOUR: "",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  running.add(child);
  const log: string[] = [];
  const errors: string[] = [];
  let exited = false;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      log.push(line);
      if (log.length > 300) log.shift();
      if (/⨯|Error:|uncaught|unhandled/i.test(line)) errors.push(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exitPromise = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      running.delete(child);
      resolve();
    }),
  );

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`next start exited early:\n${log.join("\n")}`);
    try {
      const res = await fetch(`${url}/robots.txt`, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const kill = async (signal: NodeJS.Signals) => {
    if (exited) return;
    child.kill(signal);
    await exitPromise;
  };
  return {
    url,
    port: options.port,
    pid: child.pid!,
    log,
    errorLines: () => [...errors],
    exited: () => exited,
    stop: () => kill("SIGTERM"),
    kill9: () => kill("SIGKILL"),
  };
}

/** A killed server's port can linger for a moment; wait until nothing answers on it. */
async function waitPortFree(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      await res.arrayBuffer();
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Port ${port} is in use by another program.`);
}
