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
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

const ROUTE_CACHE_PREFIX = "/route-cache/";

/** A rendered App Router page answering 404, about to be stored as a route-cache entry. */
export function isNotFoundPage(key, data) {
  return (
    typeof key === "string" && key.startsWith(ROUTE_CACHE_PREFIX) && data?.kind === "APP_PAGE" && data.status === 404
  );
}

export default class RouteCacheHandler extends FileSystemCache {
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
