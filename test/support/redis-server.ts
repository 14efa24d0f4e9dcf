import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";

/**
 * A throwaway redis-server (no persistence, 127.0.0.1 only) for tests and the
 * topology harness. Missing redis-server fails loudly: CI installs Debian's
 * package (.ci/run), and a test that needs it must never pass without it.
 */
export function requireRedisServer(): string {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("redis-server is not installed: apt-get install -y redis-server (.ci/run does this)");
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RedisHandle = { url: string; port: number; stop(): Promise<void>; process: ChildProcess };

export async function startRedis(port?: number): Promise<RedisHandle> {
  const bin = requireRedisServer();
  const p = port ?? (await freePort());
  const child = spawn(
    bin,
    ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
