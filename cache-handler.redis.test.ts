import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import RouteCacheHandler, { TAGS_KEY, applyTagExpiry, sharedTags } from "./cache-handler.mjs";
import { startRedis, type RedisHandle } from "./test/support/redis-server";

// Tag expiries shared through Redis (issue 16): what one process publishes, another applies.
const require = createRequire(import.meta.url);
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js") as { nodeFs: unknown };

type Handler = {
  set: (key: string, data: unknown, ctx: unknown) => Promise<void>;
  get: (key: string, ctx: unknown) => Promise<{ value: { status?: number } } | null>;
  revalidateTag: (tags: string | string[], durations?: { expire?: number }) => Promise<void>;
};

const ctx = { cacheControl: { revalidate: 300, expire: 31536000 }, isRoutePPREnabled: false, isFallback: false };
const getCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };
const page = (tag: string) => ({
  kind: "APP_PAGE",
  html: "<html>page</html>",
  rscData: Buffer.from("rsc"),
  headers: { "x-next-cache-tags": tag },
  status: undefined,
  postponed: undefined,
  segmentData: undefined,
});

let redis: RedisHandle;
let dir: string;
let other: Redis;
const previous = process.env.REDIS_URL;

beforeAll(async () => {
  redis = await startRedis();
  process.env.REDIS_URL = redis.url;
  other = new Redis(redis.url);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-cache-redis-"));
});
afterAll(async () => {
  await sharedTags()?.close();
  other.disconnect();
  if (previous === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = previous;
  await redis.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const newHandler = () =>
  new (RouteCacheHandler as unknown as new (ctx: object) => Handler)({
    fs: nodeFs,
    flushToDisk: true,
    serverDistDir: dir,
    revalidatedTags: [],
    maxMemoryCacheSize: 4 * 1024 * 1024,
  });

describe("route cache handler with REDIS_URL: tag expiries shared between processes", () => {
  it("publishes an expiry made here, and keeps it in the hash for processes that start later", async () => {
    const listener = new Redis(redis.url);
    const heard = new Promise<string>((resolve) => listener.on("message", (_c, message: string) => resolve(message)));
    await listener.subscribe(TAGS_KEY);
    const tag = `article:published-${Date.now()}`;
    await newHandler().revalidateTag(tag, { expire: 0 });
    expect(JSON.parse(await heard).tag).toBe(tag);
    const stored = JSON.parse((await other.hget(TAGS_KEY, tag))!) as { expired: number };
    expect(stored.expired).toBeLessThanOrEqual(Date.now());
    listener.disconnect();
  });

  it("misses a stored page once another process expires its tag", async () => {
    const tag = `article:elsewhere-${Date.now()}`;
    const handler = newHandler();
    const key = `/route-cache/APP_PAGE/0123abcd/$/articles/${tag}`;
    await handler.set(key, page(tag), ctx);
    expect(await handler.get(key, getCtx)).not.toBeNull();
    // Another process: its own connection, the same hash and channel.
    const entry = { stale: Date.now() + 5, expired: Date.now() + 5 };
    await other.hset(TAGS_KEY, tag, JSON.stringify(entry));
    await other.publish(TAGS_KEY, JSON.stringify({ tag, entry }));
    await expect.poll(() => handler.get(key, getCtx), { timeout: 2000 }).toBeNull();
  });

  it("keeps the later time when expiries arrive out of order", () => {
    const tag = `order-${Date.now()}`;
    applyTagExpiry(tag, { stale: 200, expired: 200 });
    applyTagExpiry(tag, { stale: 100, expired: 100 });
    const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js") as {
      tagsManifest: Map<string, { stale?: number; expired?: number }>;
    };
    expect(tagsManifest.get(tag)).toEqual({ stale: 200, expired: 200 });
  });
});
