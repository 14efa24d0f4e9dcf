import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressOf, SOCKET_ADDRESS_HEADER } from "@/app/_lib/client-address";

const require = createRequire(import.meta.url);
// Patches http.Server in this test process, as `--require` does in the server's.
const frontDoor = require("./front-door.cjs") as {
  HEADER: string;
  QUEUED_HEADER: string;
  limits: { atOnce: number; maxQueue: number };
  state: () => { running: number; waiting: number };
};
frontDoor.limits.atOnce = 2;
frontDoor.limits.maxQueue = 3;

let server: http.Server;
let port: number;
/** Requests the handler holds open until the test lets them go. */
const held: (() => void)[] = [];
let inHandler = 0;
let mostInHandler = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const raw = req.rawHeaders.filter(
      (_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase().startsWith("x-broadsheet"),
    );
    const answer = () =>
      res.end(
        JSON.stringify({
          address: clientAddressOf(headers),
          stamped: req.headers[SOCKET_ADDRESS_HEADER],
          queuedMs: req.headers[frontDoor.QUEUED_HEADER] ?? null,
          raw: raw.length,
        }),
      );
    if (req.url?.startsWith("/hold") || (req.method === "POST" && req.url === "/signin")) {
      inHandler++;
      mostInHandler = Math.max(mostInHandler, inHandler);
      held.push(() => {
        inHandler--;
        answer();
      });
    } else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; address?: string; stamped?: string; queuedMs?: string | null; raw?: number };

function send(method: string, path: string, headers: Record<string, string> = {}, localAddress = "127.0.9.1") {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, localAddress, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, ...JSON.parse(body) });
        } catch {
          resolve({ status: res.statusCode ?? 0 });
        }
      });
    });
    req.on("error", reject);
    req.end(method === "POST" ? "email=a%40example.test" : undefined);
  });
}

const tick = () => new Promise((r) => setTimeout(r, 20));

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the front door");
    await tick();
  }
}

describe("the front door: socket address", () => {
  it("names the header the app reads", () => {
    expect(frontDoor.HEADER).toBe(SOCKET_ADDRESS_HEADER);
  });

  it("stamps the socket's address and drops copies the client sent", async () => {
    const answer = await send(
      "GET",
      "/",
      {
        [SOCKET_ADDRESS_HEADER]: "203.0.113.5",
        "X-Broadsheet-Socket-Address": "198.51.100.1",
        "x-broadsheet-queued-ms": "0",
        "x-forwarded-for": "192.0.2.200",
      },
      "127.0.9.7",
    );
    expect(answer).toMatchObject({ address: "127.0.9.7", stamped: "127.0.9.7", queuedMs: null, raw: 1 });
  });

  it("gives each real client address its own bucket", async () => {
    expect((await send("GET", "/", {}, "127.0.9.8")).address).toBe("127.0.9.8");
  });
});

describe("the front door: sign-in and sign-up posts wait their turn", () => {
  it("hands at most `atOnce` on to the server, the rest in order, each stamped with its wait", async () => {
    mostInHandler = 0;
    const answers = [0, 1, 2, 3].map(() => send("POST", "/signin", { "x-broadsheet-queued-ms": "-99999" }));
    await until(() => frontDoor.state().waiting === 2);
    // From here on the last two are known to be waiting: their stamps must cover at least this long.
    const queuedBy = Date.now();
    expect(inHandler).toBe(2);
    expect(frontDoor.state()).toEqual({ running: 2, waiting: 2 });
    // Other requests are not queued behind them.
    expect((await send("GET", "/signin")).queuedMs).toBeNull();
    expect((await send("POST", "/articles/x")).queuedMs).toBeNull();
    const heldFor = Date.now() - queuedBy;
    while (held.length) {
      held.shift()!();
      await tick();
    }
    const done = await Promise.all(answers);
    expect(mostInHandler).toBe(2);
    expect(done.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const waits = done.map((a) => Number(a.queuedMs));
    expect(waits.slice(0, 2).every((w) => w >= 0 && w < 100)).toBe(true);
    expect(waits.slice(2).every((w) => w >= heldFor)).toBe(true);
    expect(frontDoor.state()).toEqual({ running: 0, waiting: 0 });
  });

  it("answers 429 at once when the queue is full, and the queue still drains", async () => {
    const answers = [0, 1, 2, 3, 4].map(() => send("POST", "/signin"));
    await until(() => frontDoor.state().waiting === 3);
    expect(frontDoor.state()).toEqual({ running: 2, waiting: 3 });
    expect((await send("POST", "/signin")).status).toBe(429);
    while (held.length || frontDoor.state().running) {
      held.shift()?.();
      await tick();
    }
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  });
});
