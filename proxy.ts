import { NextResponse, type NextRequest } from "next/server";
import { encodeViewSegment, parseArticleView } from "@/lib/article-view";
import { exceedsBodyLimit } from "@/lib/body-limit";

/**
 * Anonymous readers are served cached pages; signed-in readers live ones.
 *
 * A GET/HEAD without an Auth.js session cookie for `/`, `/sections/x` or
 * `/articles/x` is rewritten to its ISR twin under `/cached/...` (same markup,
 * viewer = null). Any request carrying a session cookie passes through to the
 * live route and is marked `private, no-store` so no shared cache keeps it.
 */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export const CACHED_CONTROL = "public, s-maxage=300, stale-while-revalidate=31535700";

function hasSession(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name) && cookie.value !== "");
}

/** The cached twin's path for a public path, or null when the path has none. */
export function cachedPathFor(pathname: string, searchParams: URLSearchParams): string | null {
  if (pathname === "/") return "/cached/front/1";
  const section = /^\/sections\/([^/]+)\/?$/.exec(pathname);
  if (section) {
    const raw = searchParams.get("page");
    const page = raw && /^[1-9][0-9]{0,5}$/.test(raw) ? raw : "1";
    return `/cached/sections/${section[1]}/${page}`;
  }
  const article = /^\/articles\/([^/]+)\/?$/.exec(pathname);
  if (article) {
    const view = encodeViewSegment(parseArticleView(searchParams));
    return `/cached/articles/${article[1]}/${encodeURIComponent(view)}`;
  }
  return null;
}

export function proxy(request: NextRequest) {
  // Over the 1 MB server-action limit: say so before reading the body (Next itself would answer 500).
  if (exceedsBodyLimit(request.headers.get("content-length"))) {
    return new NextResponse("Request body too large: the limit is 1 MB.\n", {
      status: 413,
      headers: { "content-type": "text/plain; charset=utf-8", connection: "close" },
    });
  }
  const { pathname, searchParams } = request.nextUrl;
  const method = request.method;
  const readOnly = method === "GET" || method === "HEAD";
  if (hasSession(request)) {
    const response = NextResponse.next();
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  }
  if (!readOnly) return NextResponse.next();
  const target = cachedPathFor(pathname, searchParams);
  if (!target) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = target;
  // Keep only Next's RSC cache-buster; the view is now in the path.
  const rsc = searchParams.get("_rsc");
  url.search = rsc ? `?_rsc=${encodeURIComponent(rsc)}` : "";
  const response = NextResponse.rewrite(url);
  response.headers.set("Cache-Control", CACHED_CONTROL);
  return response;
}

export const config = {
  // Only the three public page kinds; never /cached, /_next, /api or files.
  matcher: [
    "/",
    "/sections/:section",
    "/articles/:slug",
    // Any path, but only for requests declaring a body of 1,000,000 bytes or more (checked exactly above).
    { source: "/:path*", has: [{ type: "header", key: "content-length", value: "\\d{7,}" }] },
  ],
};
