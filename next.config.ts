import path from "node:path";
import type { NextConfig } from "next";
import { hstsHeader, securityHeaders } from "./lib/security-headers";
import { PRIVATE_PAGE, PUBLIC_CACHED_PAGE, SESSION_COOKIE_NAMES } from "./lib/cache-control";
import { PUBLIC_ROUTES } from "./lib/routing";

const nextConfig: NextConfig = {
  // Lets several builds (tests, benchmarks) live side by side when asked.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Next's route cache, except that a 404 page is never stored as a new entry:
  // made-up slugs and sections must not grow the cache on disk (issue 12).
  cacheHandler: path.join(process.cwd(), "cache-handler.mjs"),
  poweredByHeader: false,
  // Next hashes every HTML response in JavaScript to make an ETag: a quarter of
  // the CPU of serving a cached 100 KB article (profiled). Shared caches in front
  // go by s-maxage, and a changed page must be re-sent anyway.
  generateEtags: false,
  // A build with type errors fails, even outside `npm test`.
  typescript: { ignoreBuildErrors: false },
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3"],
  experimental: {
    // Next has one limit for every server action: the lead-image upload's 12 MB
    // (lib/body-limit.ts). The server's socket limit (scripts/body-limit.mjs) holds
    // every route but a story's admin pages to 1 MB.
    serverActions: { bodySizeLimit: "12mb" },
    // proxy.ts runs for these posts too, and Next copies a body it runs for up to this size
    // (default 10 MB, past which the action got a cut body and answered 500).
    proxyClientMaxBodySize: "12mb",
  },
  // Browsers ask for /favicon.ico whatever the page links: answer with the site icon.
  async rewrites() {
    return {
      // A reader with a session gets the live article page (see proxy.ts for the routing).
      beforeFiles: SESSION_COOKIE_NAMES.map((key) => ({
        source: PUBLIC_ROUTES.article.url,
        has: [{ type: "cookie" as const, key }],
        destination: PUBLIC_ROUTES.article.signedIn,
      })),
      afterFiles: [{ source: "/favicon.ico", destination: "/icon.svg" }],
      fallback: [],
    };
  },
  // Evaluated at build time: SITE_URL (https → HSTS) is read when `next build` runs.
  async headers() {
    const oauthOrigins = [
      ...(process.env.AUTH_GITHUB_ID ? ["https://github.com"] : []),
      ...(process.env.AUTH_GOOGLE_ID ? ["https://accounts.google.com"] : []),
    ];
    return [
      {
        source: "/:path*",
        headers: securityHeaders({
          siteUrl: process.env.SITE_URL,
          development: process.env.NODE_ENV === "development",
          formActionOrigins: oauthOrigins,
        }),
      },
      // The bare article URL without a session is served from the route cache with
      // no proxy run (see proxy.ts), so its shared-cache header is set here.
      {
        source: PUBLIC_ROUTES.article.url,
        missing: SESSION_COOKIE_NAMES.map((key) => ({ type: "cookie" as const, key })),
        headers: [{ key: "Cache-Control", value: PUBLIC_CACHED_PAGE }],
      },
      ...SESSION_COOKIE_NAMES.map((key) => ({
        source: PUBLIC_ROUTES.article.url,
        has: [{ type: "cookie" as const, key }],
        headers: [{ key: "Cache-Control", value: PRIVATE_PAGE }],
      })),
      // A story's preview is for the newsroom only: never stored by any cache, never indexed.
      {
        source: "/preview/:path*",
        headers: [
          { key: "Cache-Control", value: PRIVATE_PAGE },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
      // Behind a TLS-terminating proxy the request itself says it came over https.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [hstsHeader()],
      },
    ];
  },
};

export default nextConfig;
