/**
 * The routing table: for each public URL, which route serves it to an
 * anonymous reader (a page every reader shares, kept in the route cache) and
 * which to a signed-in one (rendered per request, never stored).
 *
 * `proxy.ts` and `next.config.ts` build their rewrites from these patterns,
 * and `proxy.test.ts` checks every row against both, so the table cannot drift
 * from what the server does. `:name` is a path parameter; `:view` is an
 * article's comment view in one segment (lib/article-view.ts), `:page` a page
 * number (1 when absent).
 */
export type PublicRoute = {
  /** The URL readers and search engines use. */
  url: string;
  /** The query parameters that select this row (none: the bare URL). */
  query: readonly string[];
  /** The path that serves an anonymous GET (an ISR page under app/(anonymous)/). */
  anonymous: string;
  /** Who sends the anonymous reader there: nobody (it is that route), or proxy.ts. */
  anonymousBy: "itself" | "proxy.ts";
  /** The path that serves a signed-in reader (a page under app/(signed-in)/). */
  signedIn: string;
  /** Who sends the signed-in reader there: nobody, or next.config.ts's rewrite. */
  signedInBy: "itself" | "next.config.ts";
};

/** The article's comment-view parameters: any of them makes a distinct cached view. */
export const COMMENT_VIEW_PARAMS = ["sort", "after", "thread", "c"] as const;

export const PUBLIC_ROUTES = {
  front: {
    url: "/",
    query: [],
    anonymous: "/cached/front/1",
    anonymousBy: "proxy.ts",
    signedIn: "/",
    signedInBy: "itself",
  },
  section: {
    url: "/sections/:section",
    query: ["page"],
    anonymous: "/cached/sections/:section/:page",
    anonymousBy: "proxy.ts",
    signedIn: "/sections/:section",
    signedInBy: "itself",
  },
  // The hottest URL: its own ISR page, with no proxy run (DECISIONS.md, "Speed").
  article: {
    url: "/articles/:slug",
    query: [],
    anonymous: "/articles/:slug",
    anonymousBy: "itself",
    signedIn: "/live/articles/:slug",
    signedInBy: "next.config.ts",
  },
  articleCommentView: {
    url: "/articles/:slug",
    query: COMMENT_VIEW_PARAMS,
    anonymous: "/cached/articles/:slug/:view",
    anonymousBy: "proxy.ts",
    signedIn: "/live/articles/:slug",
    signedInBy: "next.config.ts",
  },
} as const satisfies Record<string, PublicRoute>;

/** Fills a route pattern's `:name` parameters. */
export function routePath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([a-z]+)/gi, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`routePath: no value for :${name} in ${pattern}`);
    return value;
  });
}
