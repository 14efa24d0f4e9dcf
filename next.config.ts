import type { NextConfig } from "next";

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
};

export default nextConfig;
