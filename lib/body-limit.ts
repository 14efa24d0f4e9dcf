/**
 * Request-body limits.
 *
 * Every route: 1 MB, the server actions' `serverActions.bodySizeLimit` in
 * next.config.ts. It is enforced on the socket, chunked bodies included, by
 * scripts/body-limit.mjs (413 while the body streams in; same number, checked
 * by a unit test), and for a declared Content-Length by proxy.ts as well, in
 * case the server was started without that preload.
 *
 * The Auth.js route: 64 KB. Its forms (email, password, CSRF token, callback
 * URL) are a few hundred bytes; app/_lib/limited-body.ts counts the bytes as
 * it reads them and answers 413 past this.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Lead-image uploads: server actions posted to a story's admin pages
 * (/admin/articles/…) may carry 12 MB, a 10 MB image and its form. Next's
 * `serverActions.bodySizeLimit` is this number, because Next has one limit for
 * every action; the socket limit (scripts/body-limit.mjs `limitFor`) keeps
 * every other route at 1 MB.
 */
export const UPLOAD_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/** A story's admin pages, where uploads are posted: the pattern of scripts/body-limit.mjs (a unit test compares them). */
export const UPLOAD_PATH = /^\/admin\/articles\/[a-z0-9-]{1,200}(\/[a-z-]{1,20})?\/?(\?[^#]*)?$/;

/** The body limit for a request path (with or without its query). */
export function bodyLimitFor(path: string): number {
  return UPLOAD_PATH.test(path) ? UPLOAD_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

/** True when a declared Content-Length is over the limit (absent or malformed: false — the streamed count applies). */
export function exceedsBodyLimit(contentLength: string | null | undefined, limit: number = BODY_LIMIT_BYTES): boolean {
  if (!contentLength || !/^\d{1,16}$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > limit;
}

/** The text of a 413 answer. */
export function bodyLimitMessage(limit: number): string {
  return limit >= 1024 * 1024
    ? `Request body too large: the limit is ${limit / (1024 * 1024)} MB.\n`
    : `Request body too large: the limit is ${Math.round(limit / 1024)} KB.\n`;
}
