import type { NextConfig } from "next";
import { hstsHeader, securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Lets several builds (tests, benchmarks) live side by side when asked.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` on its own; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
  // Browsers ask for /favicon.ico whatever the page links: answer with the site icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
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
