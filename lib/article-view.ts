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

// ---------------------------------------------------------------------------
// Cursors: `<created ms>_<id>` (newest, oldest, a thread's replies) or
// `<likes>_<created ms>_<id>` (top), the position of the last comment shown.

export type CursorPosition = { ts: number; id: number };
export type TopCursorPosition = CursorPosition & { likes: number };

export function encodeCursor(sort: Sort, item: { createdAt: Date | number; id: number; likeCount: number }): string {
  const t = `${typeof item.createdAt === "number" ? item.createdAt : item.createdAt.getTime()}_${item.id}`;
  return sort === "top" ? `${item.likeCount}_${t}` : t;
}

export function parseCursor(sort: Sort, raw: string | null | undefined): CursorPosition | TopCursorPosition | null {
  if (!raw) return null;
  const parts = raw.split("_");
  if (!parts.every((p) => /^-?\d{1,16}$/.test(p))) return null;
  const n = parts.map(Number);
  if (sort === "top") return n.length === 3 ? { likes: n[0]!, ts: n[1]!, id: n[2]! } : null;
  return n.length === 2 ? { ts: n[0]!, id: n[1]! } : null;
}

/** What the cache-key rule needs to know about a comment of the article being viewed. */
export type CursorComment = { parentId: number | null; createdAt: number; likeCount: number };

/**
 * The canonical form of an anonymous view: the only views that may have a
 * route-cache entry of their own (see DECISIONS.md, "Security notes"). Each
 * part must name something that exists on this article, else it is dropped:
 *  - `c`: a comment of the article (the view is then that comment alone);
 *  - `thread`: a comment of the article;
 *  - `after`: the comment its id names must be one a page of this view ends
 *    with — a top-level comment on a page of threads, a direct reply of the
 *    thread in a thread view — and the cursor is rebuilt from that comment as
 *    the page would emit it now (a Top cursor with an old like count, or any
 *    other spelling of the same comment, becomes the current one).
 * So an article has at most 3 sorts x (1 + its comments x 2) + its comments
 * canonical views, whatever URLs are asked for. `commentOnArticle` answers
 * null for a comment that does not exist or belongs to another article.
 */
export function canonicalArticleView(
  view: ArticleView,
  commentOnArticle: (commentId: number) => CursorComment | null,
): ArticleView {
  if (view.c) return commentOnArticle(view.c) ? { ...DEFAULT_VIEW, c: view.c } : DEFAULT_VIEW;
  const thread = view.thread && commentOnArticle(view.thread) ? view.thread : null;
  let after: string | null = null;
  const id = view.after ? cursorCommentId(view.after) : null;
  if (id) {
    const comment = commentOnArticle(id);
    if (comment && comment.parentId === thread) {
      after = encodeCursor(thread ? "oldest" : view.sort, { ...comment, id });
    }
  }
  return { sort: view.sort, after, thread, c: null };
}

/** The comment id a cursor ends with, whatever the sort (null when it is no cursor at all). */
function cursorCommentId(cursor: string): number | null {
  const m = /^(?:-?\d{1,16}_){1,2}([1-9]\d{0,15})$/.exec(cursor);
  return m ? Number(m[1]) : null;
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
