/**
 * The largest request body the site accepts: server actions are limited to
 * 1 MB in next.config.ts (`serverActions.bodySizeLimit`). Next answers a body
 * over that limit with a 500 once it has read it; the proxy uses this check to
 * answer 413 from the Content-Length header before reading anything.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** True when a declared Content-Length is over the limit (absent or malformed: false — Next's own limit applies). */
export function exceedsBodyLimit(contentLength: string | null | undefined, limit: number = BODY_LIMIT_BYTES): boolean {
  if (!contentLength || !/^\d{1,16}$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > limit;
}
