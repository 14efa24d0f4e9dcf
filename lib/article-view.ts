/**
 * The article page's view of its comments (sort, cursor, one thread, a
 * permalinked comment) as one value, with its two spellings:
 *  - the public query string (`/articles/x?sort=top&after=…`), and
 *  - a single path segment for the cached anonymous twin of the page
 *    (`/cached/articles/x/sort=top&after=…`), so each view is its own cache entry.
 * Unknown or malformed values fall back to the defaults, so a stray parameter
 * can never create a new cache entry of its own.
 */
export const SORTS = ["newest", "oldest", "top"] as const;
export type Sort = (typeof SORTS)[number];

export type ArticleView = {
  sort: Sort;
  /** Opaque cursor: the page starts after this position. */
  after: string | null;
  /** Show this comment with all of its replies instead of the page of threads. */
  thread: number | null;
  /** A permalinked comment: show the page that holds it. */
  c: number | null;
};

export const DEFAULT_VIEW: ArticleView = { sort: "newest", after: null, thread: null, c: null };

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: ParamSource, key: string): string | undefined {
  if (source instanceof URLSearchParams) return source.get(key) ?? undefined;
  const value = source[key];
  return Array.isArray(value) ? value[0] : value;
}

function positiveInt(value: string | undefined): number | null {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  return Number(value);
}

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,120}$/;

export function parseArticleView(source: ParamSource): ArticleView {
  const sort = read(source, "sort");
  const after = read(source, "after");
  return {
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as Sort) : "newest",
    after: after && CURSOR_PATTERN.test(after) ? after : null,
    thread: positiveInt(read(source, "thread")),
    c: positiveInt(read(source, "c")),
  };
}

/** Query string (without `?`) holding only the non-default parts, in a fixed order. */
export function articleViewQuery(view: ArticleView): string {
  const params = new URLSearchParams();
  if (view.sort !== "newest") params.set("sort", view.sort);
  if (view.after) params.set("after", view.after);
  if (view.thread) params.set("thread", String(view.thread));
  if (view.c) params.set("c", String(view.c));
  return params.toString();
}

export function articleViewHref(slug: string, view: Partial<ArticleView> = {}, hash?: string): string {
  const query = articleViewQuery({ ...DEFAULT_VIEW, ...view });
  return `/articles/${encodeURIComponent(slug)}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}

/** Path segment for the cached twin: `default` or the canonical query string. */
export function encodeViewSegment(view: ArticleView): string {
  return articleViewQuery(view) || "default";
}

export function decodeViewSegment(segment: string): ArticleView {
  const decoded = decodeURIComponent(segment);
  return decoded === "default" ? DEFAULT_VIEW : parseArticleView(new URLSearchParams(decoded));
}
