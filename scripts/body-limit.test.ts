import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { BODY_LIMIT_BYTES as PROXY_LIMIT } from "@/lib/body-limit";
import {
  BODY_LIMIT_BYTES,
  declaredOver,
  hasBody,
  holdUntilComplete,
  limitFor,
  UPLOAD_BODY_LIMIT_BYTES,
} from "./body-limit.mjs";
import { bodyLimitFor, UPLOAD_BODY_LIMIT_BYTES as LIB_UPLOAD_LIMIT } from "@/lib/body-limit";
import { bodyLimitPreload, frontDoorPreload, serverNodeFlags } from "./server-launch.mjs";

const BODY_LIMIT_PRELOAD = bodyLimitPreload(path.resolve(__dirname, ".."));

type Answer = { status: number; body: string; sent: number };

/** POSTs `total` bytes chunked (or with a Content-Length), stopping as soon as an answer arrives. */
function post(port: number, total: number, { chunked = true, chunk = 16 * 1024 } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        agent: false,
        headers: chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(total) },
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), sent }));
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const piece = Buffer.alloc(chunk, "b");
    const next = () => {
      while (!answered && sent < total) {
        const part = piece.subarray(0, Math.min(chunk, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", next);
      }
      if (!answered) req.end();
    };
    next();
  });
}

/** What the application behind the limit saw: how many bytes, and their hash. */
function echo(req: http.IncomingMessage, res: http.ServerResponse, seen: string[]) {
  const hash = createHash("sha256");
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    hash.update(c);
  });
  req.on("end", () => {
    seen.push(req.url ?? "");
    res.end(`${size} ${hash.digest("hex").slice(0, 16)}`);
  });
}

const expected = (n: number) => `${n} ${createHash("sha256").update(Buffer.alloc(n, "b")).digest("hex").slice(0, 16)}`;

describe("the body limit's rules", () => {
  it("holds back only requests with a body", () => {
    expect(hasBody({})).toBe(false);
    expect(hasBody({ "content-length": "0" })).toBe(false);
    expect(hasBody({ "content-length": "12" })).toBe(true);
    expect(hasBody({ "transfer-encoding": "chunked" })).toBe(true);
  });

  it("refuses a declared length over the limit at once", () => {
    expect(declaredOver({ "content-length": String(BODY_LIMIT_BYTES) }, BODY_LIMIT_BYTES)).toBe(false);
    expect(declaredOver({ "content-length": String(BODY_LIMIT_BYTES + 1) }, BODY_LIMIT_BYTES)).toBe(true);
    expect(declaredOver({ "transfer-encoding": "chunked" }, BODY_LIMIT_BYTES)).toBe(false);
  });

  it("is the server actions' limit and the proxy's", () => {
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
    expect(PROXY_LIMIT).toBe(BODY_LIMIT_BYTES);
    expect(UPLOAD_BODY_LIMIT_BYTES).toBe(LIB_UPLOAD_LIMIT);
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(`${UPLOAD_BODY_LIMIT_BYTES / (1024 * 1024)}mb`);
  });

  it("is on the command line of every server the launcher starts", () => {
    expect(BODY_LIMIT_PRELOAD).toMatch(/^file:\/\/.*\/scripts\/body-limit-preload\.mjs$/);
    expect(serverNodeFlags({} as NodeJS.ProcessEnv, path.resolve(__dirname, ".."))).toContain(
      `--import=${BODY_LIMIT_PRELOAD}`,
    );
    expect(
      serverNodeFlags(
        { NODE_OPTIONS: "--max-old-space-size=512" } as unknown as NodeJS.ProcessEnv,
        path.resolve(__dirname, ".."),
      ),
    ).toEqual([`--require=${frontDoorPreload(path.resolve(__dirname, ".."))}`, `--import=${BODY_LIMIT_PRELOAD}`]);
  });
});

describe("holdUntilComplete: counting the body as it streams in", () => {
  const LIMIT = 100_000;
  const seen: string[] = [];
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!hasBody(req.headers)) return echo(req, res, seen);
      holdUntilComplete(req, res, LIMIT, () => echo(req, res, seen));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("hands a body within the limit on unchanged, chunked or not", async () => {
    expect(await post(port, LIMIT)).toMatchObject({ status: 200, body: expected(LIMIT) });
    expect(await post(port, LIMIT, { chunked: false })).toMatchObject({ status: 200, body: expected(LIMIT) });
    expect(await post(port, 1, { chunk: 1 })).toMatchObject({ status: 200, body: expected(1) });
  });

  it("answers 413 one byte over the limit, chunked, and the application never sees it", async () => {
    const before = seen.length;
    const answer = await post(port, LIMIT + 1);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/too large/);
    expect(seen.length).toBe(before);
  });

  it("answers a long chunked body while it streams, not after it", async () => {
    const before = seen.length;
    const answer = await post(port, 500 * LIMIT);
    expect(answer.status).toBe(413);
    // Written by the client before the answer reached it: the limit plus what the sockets' buffers hold.
    expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
    expect(seen.length).toBe(before);
  });

  it("answers a declared length over the limit before any body is sent", async () => {
    const answer = await new Promise<number>((resolve) => {
      const req = http.request(
        { host: "127.0.0.1", port, method: "POST", agent: false, headers: { "content-length": String(LIMIT + 1) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", () => undefined);
      req.flushHeaders();
    });
    expect(answer).toBe(413);
  });

  it("keeps serving after refusing", async () => {
    await post(port, 3 * LIMIT);
    expect(await post(port, 10)).toMatchObject({ status: 200, body: expected(10) });
  });
});

describe("the preload in a server process (node --import)", () => {
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    const app = `
      const http = require("node:http");
      const server = http.createServer((req, res) => {
        let size = 0;
        req.on("data", (c) => (size += c.length));
        req.on("end", () => res.end(String(size)));
      });
      server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
    child = spawn(process.execPath, ["--max-old-space-size=64", `--import=${BODY_LIMIT_PRELOAD}`, "-e", app], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    port = await new Promise<number>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(Number(d))));
  });
  afterAll(() => {
    child.kill();
  });

  it("passes 1 MB and refuses 1 MB + 1 byte and 300 MB, chunked, with 413; the process stays up", async () => {
    expect(await post(port, BODY_LIMIT_BYTES)).toMatchObject({ status: 200, body: String(BODY_LIMIT_BYTES) });
    expect((await post(port, BODY_LIMIT_BYTES + 1)).status).toBe(413);
    const big = await post(port, 300 * 1024 * 1024, { chunk: 64 * 1024 });
    expect(big.status).toBe(413);
    expect(big.sent).toBeLessThan(32 * 1024 * 1024);
    expect(child.exitCode).toBeNull();
    expect(await post(port, 5)).toMatchObject({ status: 200, body: "5" });
  });
});

describe("limitFor", () => {
  it("gives 12 MB to a story's admin pages only, 1 MB to everything else", () => {
    expect(limitFor("/admin/articles/harbour-ferry")).toBe(UPLOAD_BODY_LIMIT_BYTES);
    expect(limitFor("/admin/articles/harbour-ferry/edit?x=1")).toBe(UPLOAD_BODY_LIMIT_BYTES);
    expect(limitFor("/admin/articles/new")).toBe(UPLOAD_BODY_LIMIT_BYTES);
    for (const url of [
      "/",
      "/articles/harbour-ferry",
      "/admin/articles",
      "/admin/articles/../../articles/x",
      "/admin/articles/%2e%2e/x",
      "/admin/settings",
      "/signin",
      undefined,
    ]) {
      expect(limitFor(url)).toBe(BODY_LIMIT_BYTES);
    }
  });

  it("is the proxy's rule too", () => {
    for (const url of [
      "/admin/articles/x",
      "/admin/articles/x/edit",
      "/admin/articles",
      "/",
      "/admin/articles/%2e%2e",
    ]) {
      expect(bodyLimitFor(url)).toBe(limitFor(url));
    }
  });
});
