import { NextResponse, type NextRequest } from "next/server";
import { commentOfArticle, renamedArticleSlug } from "@/db/queries/permalinks";
import { canonicalArticleView, encodeViewSegment, parseArticleView, type CursorComment } from "@/lib/article-view";
import { bodyLimitFor, bodyLimitMessage, exceedsBodyLimit } from "@/lib/body-limit";
import { PRIVATE_PAGE, PUBLIC_CACHED_PAGE, SESSION_COOKIE_NAMES } from "@/lib/cache-control";
import { PUBLIC_ROUTES, routePath } from "@/lib/routing";
import { storySearchPageExists } from "@/db/queries/search";
import { parseSearchQuery, toMatchExpression } from "@/lib/search-query";
import { CacheBudget, SEARCH_CACHE_ENTRIES, SEARCH_PAGE_SIZE, searchCachedPath } from "@/lib/search-view";

/**
 * Anonymous readers are served cached pages; signed-in readers live ones.
 * Which route serves which URL to whom is the table in lib/routing.ts.
 *
 * Article pages are routed without this function wherever a static rule can
 * do it (each proxy run costs CPU on the hottest URLs; see DECISIONS.md "Speed"):
 *  - `/articles/x` with no session cookie and no comment view is its own ISR
 *    page (app/(anonymous)/articles/[slug]); next.config.ts adds `public, s-maxage…`;
 *  - `/articles/x` with a session cookie is rewritten by next.config.ts to the
 *    live page, `/live/articles/x`, and marked `private, no-store` there.
 * What is left comes here (see the matcher):
 *  - `/` and `/sections/x` with a session cookie stay live at their own paths,
 *    marked `private, no-store` so no shared cache keeps them;
 *  - an anonymous GET/HEAD of `/`, `/sections/x`, or `/articles/x` with a
 *    comment view (`?sort=…`) is rewritten to its ISR twin under `/cached/...`,
 *    the view normalised into one path segment (one cache entry per view).
 */
function hasSession(request: NextRequest): boolean {
  return SESSION_COOKIE_NAMES.some((name) => Boolean(request.cookies.get(name)?.value));
}

/**
 * The cached twin's path for a public path, or null when the path has none.
 * An article's comment view is reduced to its canonical form
 * (`canonicalArticleView`: a cursor, thread or permalink must name a comment
 * of that article, and a cursor is rebuilt as the page emits it), so crafted
 * query strings add no cache entries beyond a few per existing comment.
 * Unknown slugs, sections and pages past the last render a 404, which the
 * route cache does not keep (cache-handler.mjs).
 */
export function cachedPathFor(
  pathname: string,
  searchParams: URLSearchParams,
  commentOfArticle: (slug: string, commentId: number) => CursorComment | null,
): string | null {
  if (pathname === PUBLIC_ROUTES.front.url) return PUBLIC_ROUTES.front.anonymous;
  const section = /^\/sections\/([^/]+)\/?$/.exec(pathname);
  if (section) {
    const raw = searchParams.get("page");
    const page = raw && /^[1-9][0-9]{0,5}$/.test(raw) ? raw : "1";
    return routePath(PUBLIC_ROUTES.section.anonymous, { section: section[1]!, page });
  }
  const article = /^\/articles\/([^/]+)\/?$/.exec(pathname);
  if (article) {
    let view = parseArticleView(searchParams);
    if (view.c || view.thread || view.after) {
      let slug: string;
      try {
        slug = decodeURIComponent(article[1]!);
      } catch {
        return null; // a malformed %-escape: Next answers 400 itself
      }
      view = canonicalArticleView(view, (id) => commentOfArticle(slug, id));
    }
    return routePath(PUBLIC_ROUTES.articleCommentView.anonymous, {
      slug: article[1]!,
      view: encodeURIComponent(encodeViewSegment(view)),
    });
  }
  return null;
}

/**
 * A comment permalink (`?c=`, `?thread=`, `?after=`) on a story's former slug:
 * the new URL with the same query, answered 308 before the view is reduced
 * (which would drop a comment that is not on an article of that slug). The
 * bare URL and `?sort=` views redirect from the page itself.
 */
function renamedArticleTarget(pathname: string, searchParams: URLSearchParams): string | null {
  const article = /^\/articles\/([a-z0-9-]{1,200})\/?$/.exec(pathname);
  if (!article || !(searchParams.has("c") || searchParams.has("thread") || searchParams.has("after"))) return null;
  const slug = renamedArticleSlug(article[1]!);
  return slug ? `/articles/${slug}?${searchParams.toString()}` : null;
}

/** Search views given a cache entry by this server process (see lib/search-view.ts and DECISIONS.md "Search"). */
const searchCacheBudget = new CacheBudget(SEARCH_CACHE_ENTRIES);

/** An anonymous `/search`: its cached twin when the view may have an entry, else null (rendered live). */
function searchTarget(searchParams: URLSearchParams): string | null {
  return searchCachedPath(searchParams, {
    budget: searchCacheBudget,
    pageHasResults: (view) => {
      const match = toMatchExpression(parseSearchQuery(view.q));
      return match !== null && storySearchPageExists({ match, page: view.page, perPage: SEARCH_PAGE_SIZE });
    },
  });
}

export function proxy(request: NextRequest) {
  // Over the server-action limit (1 MB; 12 MB on a story's admin pages, for lead images):
  // say so before reading the body (Next itself would answer 500).
  const limit = bodyLimitFor(request.nextUrl.pathname);
  if (exceedsBodyLimit(request.headers.get("content-length"), limit)) {
    return new NextResponse(bodyLimitMessage(limit), {
      status: 413,
      headers: { "content-type": "text/plain; charset=utf-8", connection: "close" },
    });
  }
  const { pathname, searchParams } = request.nextUrl;
  // Search twins are reached only through the rewrite below, which never runs the proxy again:
  // a hand-made /cached/search/… URL would otherwise be a cache entry outside the budget.
  if (pathname.startsWith("/cached/search/")) return new NextResponse("Not found\n", { status: 404 });
  const method = request.method;
  const readOnly = method === "GET" || method === "HEAD";
  if (hasSession(request)) {
    const response = NextResponse.next();
    response.headers.set("Cache-Control", PRIVATE_PAGE);
    return response;
  }
  if (!readOnly) return NextResponse.next();
  const renamed = renamedArticleTarget(pathname, searchParams);
  if (renamed) return NextResponse.redirect(new URL(renamed, request.url), 308);
  const target =
    pathname === "/search"
      ? searchTarget(searchParams)
      : cachedPathFor(pathname, searchParams, (slug, commentId) => commentOfArticle({ commentId, slug }));
  if (!target) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = target;
  // Keep only Next's RSC cache-buster; the view is now in the path.
  const rsc = searchParams.get("_rsc");
  url.search = rsc ? `?_rsc=${encodeURIComponent(rsc)}` : "";
  const response = NextResponse.rewrite(url);
  response.headers.set("Cache-Control", PUBLIC_CACHED_PAGE);
  return response;
}

export const config = {
  // Only the three public page kinds; never /cached, /live, /_next, /api or files.
  // `/articles/:slug` only for an anonymous comment view (the session-cookie names
  // are those of lib/cache-control.ts); these must stay literal for Next to read them.
  matcher: [
    "/",
    "/sections/:section",
    "/search",
    "/cached/search/:path*",
    {
      source: "/articles/:slug",
      has: [{ type: "query", key: "sort" }],
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
        { type: "cookie", key: "authjs.session-token.0" },
        { type: "cookie", key: "__Secure-authjs.session-token.0" },
      ],
    },
    {
      source: "/articles/:slug",
      has: [{ type: "query", key: "after" }],
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
        { type: "cookie", key: "authjs.session-token.0" },
        { type: "cookie", key: "__Secure-authjs.session-token.0" },
      ],
    },
    {
      source: "/articles/:slug",
      has: [{ type: "query", key: "thread" }],
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
        { type: "cookie", key: "authjs.session-token.0" },
        { type: "cookie", key: "__Secure-authjs.session-token.0" },
      ],
    },
    {
      source: "/articles/:slug",
      has: [{ type: "query", key: "c" }],
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
        { type: "cookie", key: "authjs.session-token.0" },
        { type: "cookie", key: "__Secure-authjs.session-token.0" },
      ],
    },
    // Any path, but only for requests declaring a body of 1,000,000 bytes or more (checked exactly above).
    { source: "/:path*", has: [{ type: "header", key: "content-length", value: "\\d{7,}" }] },
  ],
};
