import "server-only";
import { NextRequest } from "next/server";
import { bodyLimitMessage, exceedsBodyLimit } from "@/lib/body-limit";

/** A 413 answer; `Connection: close`, as the rest of the body is not read. */
export function bodyTooLarge(limit: number): Response {
  return new Response(bodyLimitMessage(limit), {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8", connection: "close" },
  });
}

/**
 * Reads a request's body while it streams in, counting bytes, and stops at
 * `limit`: over it, the stream is cancelled and a 413 answer is returned, with
 * nothing past the limit ever held. Within it, a copy of the request with the
 * body in memory, for a handler that reads it whole (Auth.js parses any
 * urlencoded body it is sent). A declared Content-Length over the limit is
 * refused before anything is read.
 */
export async function withinBodyLimit(request: NextRequest, limit: number): Promise<NextRequest | Response> {
  if (exceedsBodyLimit(request.headers.get("content-length"), limit)) return bodyTooLarge(limit);
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(size));
  return new NextRequest(request.url, { method: request.method, headers, body: Buffer.concat(chunks) });
}
