import { describe, expect, it } from "vitest";
import { cachedPathFor } from "./proxy";

const exists = (known: Record<string, number[]>) => (slug: string, id: number) => known[slug]?.includes(id) ?? false;
const path = (url: string, known: Record<string, number[]> = {}) => {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  return cachedPathFor(pathname, searchParams, exists(known));
};

describe("cachedPathFor: anonymous pages and their cached twins", () => {
  it("routes the front, section and article views to one entry each", () => {
    expect(path("/")).toBe("/cached/front/1");
    expect(path("/sections/local?page=2")).toBe("/cached/sections/local/2");
    expect(path("/articles/x?sort=top")).toBe("/cached/articles/x/sort%3Dtop");
    expect(path("/account")).toBeNull();
  });

  it("gives a permalink view its own entry only for a comment on that article, and nothing else in it", () => {
    const known = { x: [7] };
    expect(path("/articles/x?c=7", known)).toBe("/cached/articles/x/c%3D7");
    // Sort, cursor and thread beside a permalink never multiply its entries.
    expect(path("/articles/x?c=7&sort=top&after=abc&thread=3", known)).toBe("/cached/articles/x/c%3D7");
    // A made-up id, or a comment of another article, gets the article's default view.
    expect(path("/articles/x?c=8", known)).toBe("/cached/articles/x/default");
    expect(path("/articles/y?c=7", known)).toBe("/cached/articles/y/default");
  });
});
