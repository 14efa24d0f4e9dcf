/**
 * Next's route cache (ISR), kept on disk under `<distDir>/server/route-cache`,
 * with one rule added: a 404 page is never written to disk as a new entry.
 *
 * Next keeps a page that calls `notFound()` like any other: every made-up slug
 * (`/articles/<anything>`, `/sections/<anything>`, `?page=` past the last)
 * would add an entry of its own, on disk, for as long as the build lives —
 * anyone could fill the disk with a loop of requests (issue 12, finding 1).
 * Here such a 404 is kept in Next's in-memory cache only (an LRU bounded by
 * `cacheMaxMemorySize`, 50 MB by default), so asking for the same missing page
 * again costs no new render, and a flood of made-up ones only pushes older
 * entries out of memory (they are still on disk). A 404 replacing a stored
 * page that still answers (one that existed and was since withdrawn) is
 * written as usual, so the old page is never served stale in its place; those
 * are bounded by the pages that once existed.
 *
 * The other half of the rule, canonical comment views, is in proxy.ts and the
 * cached article page (`canonicalArticleView` in lib/article-view.ts).
 *
 * Everything else is Next's own file-system cache (the default handler), which
 * this extends: `next` is pinned to an exact version, and
 * cache-handler.test.ts checks the rule against it.
 *
 * Several processes (REDIS_URL set; DECISIONS.md "Several processes"): Next
 * keeps its tag expiries (revalidateTag/revalidatePath) in a Map of the
 * process, so a write in process A would leave process B serving the old page
 * until its 300 s revalidate. With REDIS_URL, each expiry is also written to a
 * Redis hash and published on a channel before the write's answer is sent;
 * every process applies what it hears to its own tag map, and loads the whole
 * hash when it (re)connects, before it serves its first cached page. The
 * entries themselves stay on the disk the processes share (one build folder
 * on one machine); an entry whose tag expired anywhere is a miss everywhere.
 * With no REDIS_URL nothing of this runs.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js");

const ROUTE_CACHE_PREFIX = "/route-cache/";

/** A rendered App Router page answering 404, about to be stored as a route-cache entry. */
export function isNotFoundPage(key, data) {
  return (
    typeof key === "string" && key.startsWith(ROUTE_CACHE_PREFIX) && data?.kind === "APP_PAGE" && data.status === 404
  );
}

/** Redis key of the hash of tag expiries, and the channel that announces each one. */
export const TAGS_KEY = "broadsheet:route-cache:tags";
/** How long a first cached read waits for the initial load of tag expiries before serving anyway. */
const READY_WAIT_MS = 2000;

/** Merges one tag's expiry into this process's map: the later time wins, so order of arrival does not matter. */
export function applyTagExpiry(tag, entry) {
  const current = tagsManifest.get(tag) ?? {};
  const next = { ...current };
  for (const field of ["stale", "expired"]) {
    const value = entry?.[field];
    if (typeof value === "number" && !(typeof current[field] === "number" && current[field] >= value)) {
      next[field] = value;
    }
  }
  tagsManifest.set(tag, next);
}

const SHARED = Symbol.for("broadsheet.route-cache.redis");

/**
 * The process's Redis connections (one for commands, one subscribed), made on
 * first use: Next creates a handler per request. Null without REDIS_URL.
 */
export function sharedTags(url = process.env.REDIS_URL) {
  if (!url) return null;
  const holder = globalThis;
  if (holder[SHARED]?.url === url) return holder[SHARED];
  const Redis = require("ioredis");
  // Commands fail after 5 s rather than queue forever: a write must not hang on Redis. Not less: on a
  // machine loaded far past its cores (reliability item 5b at load 20 on 2 cores) 1 s timed out, and a
  // lost expiry leaves the other processes stale until their 300 s revalidate.
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 5000, lazyConnect: false });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  const load = async () => {
    try {
      const all = await client.hgetall(TAGS_KEY);
      for (const [tag, json] of Object.entries(all)) applyTagExpiry(tag, JSON.parse(json));
    } catch (error) {
      console.error("[route-cache] could not load tag expiries from Redis", error);
    } finally {
      shared.loaded = true;
      markReady();
    }
  };
  subscriber.on("message", (_channel, message) => {
    try {
      const { tag, entry } = JSON.parse(message);
      applyTagExpiry(tag, entry);
    } catch (error) {
      console.error("[route-cache] bad tag message", error);
    }
  });
  // Subscribed first, then loaded: an expiry published in between is heard, not lost. Again after a reconnect.
  subscriber.on("ready", () => {
    subscriber.subscribe(TAGS_KEY).then(load, (error) => {
      console.error("[route-cache] could not subscribe", error);
      shared.loaded = true;
      markReady();
    });
  });
  for (const connection of [client, subscriber]) {
    connection.on("error", (error) => console.error("[route-cache] redis:", error.message));
  }
  const shared = {
    url,
    ready,
    loaded: false,
    async publish(tags) {
      const pipeline = client.multi();
      for (const tag of tags) {
        const entry = tagsManifest.get(tag) ?? {};
        const json = JSON.stringify(entry);
        pipeline.hset(TAGS_KEY, tag, json);
        pipeline.publish(TAGS_KEY, JSON.stringify({ tag, entry }));
      }
      await pipeline.exec();
    },
    async close() {
      client.disconnect();
      subscriber.disconnect();
      if (holder[SHARED] === shared) delete holder[SHARED];
    },
  };
  holder[SHARED] = shared;
  return shared;
}

async function readyOrLate(shared) {
  let timer;
  await Promise.race([shared.ready, new Promise((resolve) => (timer = setTimeout(resolve, READY_WAIT_MS)))]);
  clearTimeout(timer);
}

export default class RouteCacheHandler extends FileSystemCache {
  async get(key, ctx) {
    const shared = sharedTags();
    if (shared && !shared.loaded) await readyOrLate(shared);
    return super.get(key, ctx);
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    const shared = sharedTags();
    if (!shared) return;
    const list = typeof tags === "string" ? [tags] : tags;
    if (list.length === 0) return;
    try {
      await shared.publish(list);
    } catch (error) {
      // The write itself stands; other processes catch up at their own revalidate (300 s).
      console.error("[route-cache] could not publish tag expiry", list, error);
    }
  }

  async set(key, data, ctx) {
    if (isNotFoundPage(key, data) && !(await this.replacesPage(key, ctx))) {
      // What the base class does first, without the disk write that follows.
      FileSystemCache.memoryCache?.set(key, { value: data, lastModified: Date.now(), cacheControl: ctx?.cacheControl });
      return;
    }
    return super.set(key, data, ctx);
  }

  /** Whether a page other than a 404 is stored under `key` (one whose tags were expired reads as none). */
  async replacesPage(key, ctx) {
    try {
      const entry = await this.get(key, {
        kind: "APP_PAGE",
        isRoutePPREnabled: Boolean(ctx?.isRoutePPREnabled),
        isFallback: false,
      });
      return Boolean(entry?.value) && entry.value.status !== 404;
    } catch {
      return false;
    }
  }
}
