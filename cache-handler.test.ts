import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import RouteCacheHandler, { isNotFoundPage } from "./cache-handler.mjs";

// The handler extends Next's own file-system cache: run it against the real one, on a temporary build folder.
const require = createRequire(import.meta.url);
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js") as { nodeFs: unknown };

type Handler = {
  set: (key: string, data: unknown, ctx: unknown) => Promise<void>;
  get: (key: string, ctx: unknown) => Promise<{ value: { status?: number } } | null>;
};

const key = (p: string) => `/route-cache/APP_PAGE/0123abcd/$${p}`;
const page = (status?: number) => ({
  kind: "APP_PAGE",
  html: "<html>page</html>",
  rscData: Buffer.from("rsc"),
  headers: { "x-next-cache-tags": "article:x" },
  status,
  postponed: undefined,
  segmentData: undefined,
});
const ctx = { cacheControl: { revalidate: 300, expire: 31536000 }, isRoutePPREnabled: false, isFallback: false };
const getCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };

let dir: string;
let handler: Handler;
const filesUnder = (d: string): string[] =>
  fs.existsSync(d)
    ? fs
        .readdirSync(d, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-cache-"));
  handler = new (RouteCacheHandler as unknown as new (ctx: object) => Handler)({
    fs: nodeFs,
    flushToDisk: true,
    serverDistDir: dir,
    revalidatedTags: [],
    maxMemoryCacheSize: 4 * 1024 * 1024,
  });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("route cache handler: no new entry for a 404 (issue 12, finding 1)", () => {
  it("recognises a rendered 404 page by its status, and only route-cache pages", () => {
    expect(isNotFoundPage(key("/articles/made-up"), page(404))).toBe(true);
    expect(isNotFoundPage(key("/articles/real"), page(undefined))).toBe(false);
    expect(isNotFoundPage(key("/articles/real"), page(200))).toBe(false);
    expect(isNotFoundPage("/_not-found", page(404))).toBe(false);
    expect(isNotFoundPage("fetch-key", { kind: "FETCH", data: {} })).toBe(false);
  });

  it("stores pages as Next does, and writes no 404 to disk for a key with no page", async () => {
    const run = Math.random().toString(36).slice(2);
    await handler.set(key(`/articles/real-${run}`), page(undefined), ctx);
    const stored = filesUnder(dir).length;
    expect(stored).toBeGreaterThan(0);
    for (let i = 0; i < 50; i++) await handler.set(key(`/articles/made-up-${run}-${i}`), page(404), ctx);
    expect(filesUnder(dir).length).toBe(stored);
    // Kept in memory, so asking again for the same missing page renders nothing new.
    expect((await handler.get(key(`/articles/made-up-${run}-0`), getCtx))?.value.status).toBe(404);
    // A later render of the same 404 stays off the disk too.
    await handler.set(key(`/articles/made-up-${run}-0`), page(404), ctx);
    expect(filesUnder(dir).length).toBe(stored);
    expect((await handler.get(key(`/articles/real-${run}`), getCtx))?.value.status).toBeUndefined();
  });

  it("writes a 404 over a stored page that still answers, so the old page is not served stale", async () => {
    const run = Math.random().toString(36).slice(2);
    await handler.set(key(`/articles/withdrawn-${run}`), page(undefined), ctx);
    const files = filesUnder(dir).length;
    await handler.set(key(`/articles/withdrawn-${run}`), page(404), ctx);
    expect(filesUnder(dir).length).toBe(files);
    const meta = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .find((f) => f.endsWith(`withdrawn-${run}.meta`));
    expect(JSON.parse(fs.readFileSync(path.join(dir, meta!), "utf8")).status).toBe(404);
  });
});
