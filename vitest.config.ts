import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Query modules import "server-only"; under vitest they are plain server code.
      "server-only": path.resolve(__dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next*/**", "e2e/**"],
    environment: "node",
    // scrypt at N=2^17 is deliberately slow; shared CI machines make it slower still.
    testTimeout: 30_000,
    setupFiles: ["test/setup-unit.ts"],
  },
});
