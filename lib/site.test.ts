import { describe, expect, it } from "vitest";
import { absoluteUrl, siteUrl } from "./site";

describe("site URL", () => {
  it("defaults to localhost:3000", () => {
    expect(siteUrl({})).toBe("http://localhost:3000");
  });

  it("uses SITE_URL without a trailing slash", () => {
    expect(siteUrl({ SITE_URL: "https://news.example/" })).toBe("https://news.example");
    expect(absoluteUrl("/articles/x", { SITE_URL: "https://news.example/" })).toBe("https://news.example/articles/x");
    expect(absoluteUrl("feed.xml", {})).toBe("http://localhost:3000/feed.xml");
  });
});
