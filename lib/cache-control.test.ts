import { describe, expect, it } from "vitest";
import { MAX_SHARED_STALE_SECONDS, PUBLIC_CACHED_PAGE } from "./cache-control";

describe("the shared-cache header of anonymous pages", () => {
  it("bounds how long any shared cache may serve a removed comment: 30 s (DECISIONS.md)", () => {
    expect(MAX_SHARED_STALE_SECONDS).toBe(30);
    expect(PUBLIC_CACHED_PAGE).toBe("public, s-maxage=5, stale-while-revalidate=25");
  });
});
