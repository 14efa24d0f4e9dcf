import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import {
  getRewrittenUrl,
  isRewrite,
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import nextConfig from "./next.config";
import { cachedPathFor, config, proxy } from "./proxy";
import type { CursorComment } from "./lib/article-view";
import { PRIVATE_PAGE, PUBLIC_CACHED_PAGE, SESSION_COOKIE_NAMES } from "./lib/cache-control";
import { COMMENT_VIEW_PARAMS, PUBLIC_ROUTES, routePath, type PublicRoute } from "./lib/routing";

/** Comments by article slug and id: top-level unless a parent is given. */
type Known = Record<string, Record<number, Partial<CursorComment>>>;
const lookup = (known: Known) => (slug: string, id: number) => {
  const c = known[slug]?.[id];
  return c ? { parentId: null, createdAt: 1_700_000_000_000 + id, likeCount: 0, ...c } : null;
};
const path = (url: string, known: Known = {}) => {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  return cachedPathFor(pathname, searchParams, lookup(known));
};
const twin = (view: string) => `/cached/articles/x/${encodeURIComponent(view)}`;

describe("cachedPathFor: anonymous pages and their cached twins", () => {
  it("routes the front, section and article views to one entry each", () => {
    expect(path("/")).toBe("/cached/front/1");
    expect(path("/sections/local?page=2")).toBe("/cached/sections/local/2");
    expect(path("/articles/x?sort=top")).toBe("/cached/articles/x/sort%3Dtop");
    expect(path("/account")).toBeNull();
  });

  it("gives a permalink view its own entry only for a comment on that article, and nothing else in it", () => {
    const known = { x: { 7: {} } };
    expect(path("/articles/x?c=7", known)).toBe("/cached/articles/x/c%3D7");
    // Sort, cursor and thread beside a permalink never multiply its entries.
    expect(path("/articles/x?c=7&sort=top&after=abc&thread=3", known)).toBe("/cached/articles/x/c%3D7");
    // A made-up id, or a comment of another article, gets the article's default view.
    expect(path("/articles/x?c=8", known)).toBe("/cached/articles/x/default");
    expect(path("/articles/y?c=7", known)).toBe("/cached/articles/y/default");
  });
});

describe("cachedPathFor: the cache-key rule for cursors and threads (issue 12, finding 1)", () => {
  const known: Known = {
    x: {
      7: { createdAt: 1000, likeCount: 4 },
      9: { createdAt: 2000, likeCount: 0 },
      12: { parentId: 7, createdAt: 3000 },
      13: { parentId: 9, createdAt: 4000 },
    },
  };

  it("keeps a cursor exactly as the page emits it, for a top-level comment of the article", () => {
    expect(path("/articles/x?after=1000_7", known)).toBe(twin("after=1000_7"));
    expect(path("/articles/x?sort=oldest&after=2000_9", known)).toBe(twin("sort=oldest&after=2000_9"));
    expect(path("/articles/x?sort=top&after=4_1000_7", known)).toBe(twin("sort=top&after=4_1000_7"));
  });

  it("drops a cursor that names no comment of the article: the view's first page", () => {
    for (const after of ["abc", "1000_8", "1700000000000_123456", "x_7", "1000_7_", "0_0", "_7"]) {
      expect(path(`/articles/x?after=${after}`, known)).toBe(twin("default"));
      expect(path(`/articles/x?sort=top&after=${after}`, known)).toBe(twin("sort=top"));
    }
    // Another article's comment, or a made-up slug.
    expect(path("/articles/y?after=1000_7", known)).toBe("/cached/articles/y/default");
  });

  it("rebuilds a forged or stale cursor of a real comment: one entry per comment and sort", () => {
    // Another time, or a like count from before the last like: the comment's own cursor.
    expect(path("/articles/x?after=999999_7", known)).toBe(twin("after=1000_7"));
    expect(path("/articles/x?after=-5_7", known)).toBe(twin("after=1000_7"));
    expect(path("/articles/x?sort=top&after=3_1000_7", known)).toBe(twin("sort=top&after=4_1000_7"));
    expect(path("/articles/x?sort=top&after=1000_7", known)).toBe(twin("sort=top&after=4_1000_7"));
    const distinct = new Set(
      Array.from({ length: 500 }, (_, i) => path(`/articles/x?sort=top&after=${i}_${i * 7}_7`, known)),
    );
    expect([...distinct]).toEqual([twin("sort=top&after=4_1000_7")]);
  });

  it("a page of threads ends with a top-level comment; a reply's cursor starts nothing there", () => {
    expect(path("/articles/x?after=3000_12", known)).toBe(twin("default"));
  });

  it("keeps a thread only for a comment of the article, and its cursor only for a direct reply", () => {
    expect(path("/articles/x?thread=7", known)).toBe(twin("thread=7"));
    expect(path("/articles/x?thread=7&after=3000_12", known)).toBe(twin("after=3000_12&thread=7"));
    // The reply of another thread, a top-level comment, a made-up id: the thread's first page.
    expect(path("/articles/x?thread=7&after=4000_13", known)).toBe(twin("thread=7"));
    expect(path("/articles/x?thread=7&after=2000_9", known)).toBe(twin("thread=7"));
    expect(path("/articles/x?thread=7&after=anything", known)).toBe(twin("thread=7"));
    // A made-up thread: the default view, and a reply cursor does not survive without its thread.
    expect(path("/articles/x?thread=99", known)).toBe(twin("default"));
    expect(path("/articles/x?thread=99&after=3000_12", known)).toBe(twin("default"));
    expect(path("/articles/y?thread=7", known)).toBe("/cached/articles/y/default");
  });

  it("bounds the entries of crafted URLs by the article's comments", () => {
    const targets = new Set<string | null>();
    for (let i = 0; i < 2000; i++) {
      const id = i % 20;
      for (const query of [
        `after=${i}_${id}`,
        `after=${i.toString(36)}`,
        `sort=top&after=${i}_${i}_${id}`,
        `thread=${id}&after=${i}_${id}`,
        `thread=${i}`,
        `c=${i}`,
        `sort=${["newest", "oldest", "top", "best"][i % 4]}&after=${i}_${id}`,
      ]) {
        targets.add(path(`/articles/x?${query}`, known));
      }
    }
    // 4 comments: at most 3 sorts x (1 + 4 cursors + 4 threads + their reply cursors) + 4 permalinks.
    expect(targets.size).toBeLessThanOrEqual(3 * (1 + 4 + 4 + 2) + 4);
  });
});

describe("the routing table (lib/routing.ts) is what the server does", () => {
  const origin = "http://localhost";
  const example = {
    front: { url: "/", params: {} },
    section: { url: "/sections/science?page=2", params: { section: "science", page: "2" } },
    article: { url: "/articles/x", params: { slug: "x" } },
    articleCommentView: { url: "/articles/x?sort=top", params: { slug: "x", view: "sort%3Dtop" } },
  } satisfies Record<keyof typeof PUBLIC_ROUTES, { url: string; params: Record<string, string> }>;

  it("has an example for every row", () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(PUBLIC_ROUTES).sort());
  });

  for (const [name, route] of Object.entries(PUBLIC_ROUTES) as [keyof typeof PUBLIC_ROUTES, PublicRoute][]) {
    const { url, params } = example[name];

    it(`${name}: an anonymous reader of ${url} is served ${route.anonymous} (by ${route.anonymousBy})`, async () => {
      const configResponse = await unstable_getResponseFromNextConfig({ url: origin + url, nextConfig });
      expect(isRewrite(configResponse)).toBe(false);
      const proxyRuns = unstable_doesMiddlewareMatch({ config, url, nextConfig });
      expect(proxyRuns).toBe(route.anonymousBy === "proxy.ts");
      if (proxyRuns) {
        const response = proxy(new NextRequest(origin + url));
        expect(getRewrittenUrl(response)).toBe(origin + routePath(route.anonymous, params));
        expect(response.headers.get("cache-control")).toBe(PUBLIC_CACHED_PAGE);
      } else {
        expect(routePath(route.anonymous, params)).toBe(new URL(url, origin).pathname);
      }
    });

    for (const cookie of SESSION_COOKIE_NAMES) {
      it(`${name}: a reader signed in with ${cookie} is served ${route.signedIn} (by ${route.signedInBy})`, async () => {
        const cookies = { [cookie]: "a-session" };
        const configResponse = await unstable_getResponseFromNextConfig({ url: origin + url, nextConfig, cookies });
        const signedInPath = routePath(route.signedIn, params);
        if (route.signedInBy === "next.config.ts") {
          // The live page reads the comment view from the query string, which the rewrite keeps.
          expect(new URL(getRewrittenUrl(configResponse) ?? "", origin).pathname).toBe(signedInPath);
        } else {
          expect(isRewrite(configResponse)).toBe(false);
          expect(signedInPath).toBe(new URL(url, origin).pathname);
        }
        if (unstable_doesMiddlewareMatch({ config, url, nextConfig, cookies })) {
          const response = proxy(new NextRequest(origin + url, { headers: { cookie: `${cookie}=a-session` } }));
          expect(isRewrite(response)).toBe(false);
          expect(response.headers.get("cache-control")).toBe(PRIVATE_PAGE);
        }
      });
    }
  }

  it("the proxy's matcher names exactly the session cookies and comment-view parameters the code uses", () => {
    const articleMatchers = config.matcher.filter(
      (m): m is Exclude<(typeof config.matcher)[number], string> =>
        typeof m !== "string" && m.source === PUBLIC_ROUTES.articleCommentView.url,
    );
    expect(articleMatchers.map((m) => m.has?.[0]?.key).sort()).toEqual([...COMMENT_VIEW_PARAMS].sort());
    for (const matcher of articleMatchers) {
      expect(matcher.missing?.map((m) => m.key).sort()).toEqual([...SESSION_COOKIE_NAMES].sort());
    }
  });
});
