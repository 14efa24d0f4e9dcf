import { describe, expect, it } from "vitest";
import {
  CacheBudget,
  decodeSearchSegment,
  encodeSearchSegment,
  MAX_SEARCH_PAGE,
  readSearchView,
  searchCachedPath,
  searchHref,
  type SearchView,
} from "./search-view";

const params = (query: string) => new URLSearchParams(query);

describe("readSearchView", () => {
  it("reads the canonical query, page and order; anything malformed falls back", () => {
    expect(readSearchView(params("q=%20National%20%20Guard&page=2&sort=date"))).toMatchObject({
      q: "National Guard",
      page: 2,
      sort: "date",
    });
    expect(readSearchView(params("q=guard&page=abc&sort=weird"))).toMatchObject({ page: 1, sort: "relevance" });
    expect(readSearchView(params("q=guard&page=02"))).toMatchObject({ page: 1 });
    expect(readSearchView(params("q=guard&page=9999"))).toMatchObject({ page: MAX_SEARCH_PAGE });
    expect(readSearchView(params("page=3&sort=date"))).toMatchObject({ q: "", page: 1, sort: "relevance" });
    expect(readSearchView(params("q=%22(")).nothingSearchable).toBe(true);
    expect(readSearchView(params("q=")).nothingSearchable).toBe(false);
  });

  it("links to views with only their non-default parts", () => {
    expect(searchHref({ q: "national guard" })).toBe("/search?q=national+guard");
    expect(searchHref({ q: '"a b"', sort: "date", page: 3 })).toBe("/search?q=%22a+b%22&sort=date&page=3");
    expect(searchHref({})).toBe("/search");
  });
});

describe("the cached twin's segment", () => {
  it("round-trips a view and refuses any other spelling", () => {
    const view: SearchView = { q: "guard* troops", page: 2, sort: "date" };
    expect(decodeSearchSegment(encodeSearchSegment(view))).toEqual(view);
    expect(decodeSearchSegment("default")).toEqual({ q: "", page: 1, sort: "relevance" });
    // Same search, other spellings: not entries of their own.
    expect(decodeSearchSegment("q=guard*+troops&page=2&sort=date")).toBeNull(); // order of parameters
    expect(decodeSearchSegment("q=guard*++troops&sort=date&page=2")).toBeNull();
    expect(decodeSearchSegment("q=guard&page=1")).toBeNull();
    expect(decodeSearchSegment("q=guard&x=1")).toBeNull();
    expect(decodeSearchSegment("q=")).toBeNull();
    expect(decodeSearchSegment("q=NEAR(")).toBeNull();
  });
});

describe("searchCachedPath: one bounded cache entry per canonical view", () => {
  const always = () => true;
  const path = (query: string, budget = new CacheBudget(100), pageHasResults: (v: SearchView) => boolean = always) =>
    searchCachedPath(params(query), { pageHasResults, budget });

  it("gives every spelling of a search the same entry", () => {
    const budget = new CacheBudget(100);
    const spellings = ["q=guard+troops", "q=%20guard%20%20troops%20", "q=guard,troops!", "q=guard+troops&page=1&x=y"];
    const paths = new Set(spellings.map((s) => path(s, budget)));
    expect([...paths]).toEqual(["/cached/search/q%3Dguard%2Btroops"]);
    expect(budget.size).toBe(1);
    expect(path("", budget)).toBe("/cached/search/default");
    expect(path("q=guard&sort=date&page=2", budget)).toBe("/cached/search/q%3Dguard%26sort%3Ddate%26page%3D2");
  });

  it("renders per request what must not get an entry", () => {
    expect(path("q=%22(")).toBeNull(); // nothing searchable
    expect(path(`q=${"guard ".repeat(50)}`)).toBeNull(); // text left out: the page says so
    expect(path("q=" + encodeURIComponent("Москва Петербург Новосибирск Екатеринбург"))).toBeNull(); // too long a file name
    expect(path("q=zzzz", new CacheBudget(100), () => false)).toBeNull(); // no results on that page
  });

  it("stops giving entries once the budget is spent, and keeps those it gave", () => {
    const budget = new CacheBudget(3);
    for (const word of ["alpha", "beta", "gamma"]) expect(path(`q=${word}`, budget)).not.toBeNull();
    expect(path("q=delta", budget)).toBeNull();
    expect(path("q=Alpha", budget)).toBeNull(); // case is kept (the page shows the query as typed)
    expect(path("q=beta", budget)).toBe("/cached/search/q%3Dbeta");
    expect(budget.size).toBe(3);
  });

  it("asks the database only for views it has not given an entry yet", () => {
    const budget = new CacheBudget(10);
    let asked = 0;
    const counting = () => {
      asked++;
      return true;
    };
    path("q=guard", budget, counting);
    path("q=guard", budget, counting);
    path("", budget, counting);
    expect(asked).toBe(1);
  });
});
