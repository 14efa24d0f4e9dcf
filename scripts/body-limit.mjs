/**
 * The request-body limit, enforced on the socket for every route (issue 12,
 * finding 2). Installed in the server process before Next starts by
 * body-limit-preload.mjs (`node --import`, added by `serverNodeFlags()` in
 * server-launch.mjs, so `npm start`, the e2e, reliability and benchmark
 * servers all have it).
 *
 * Next reads request bodies in several places, each with its own idea of a
 * limit: server actions stop at `serverActions.bodySizeLimit` but answer 500;
 * route handlers such as Auth.js's read whatever they are sent; a request the
 * proxy runs for is copied in memory up to 10 MB. A chunked body declares no
 * length, so a check of Content-Length alone (proxy.ts) cannot stop it.
 *
 * Here every request that carries a body is held back from Next until the
 * body has arrived in full: its bytes are counted as the HTTP parser hands
 * them over, and the moment they pass the limit the request is answered 413
 * (`Connection: close`), the rest is discarded and Next never sees it. A body
 * within the limit is handed on unchanged, so Next reads it as usual. A
 * declared Content-Length over the limit is answered at once, before any body
 * is read. Requests without a body (GET, HEAD) pass straight through.
 *
 * Memory: at most the limit per request in flight, outside the V8 heap
 * (Buffers), which is no more than Next keeps for a server action anyway.
 */
import http from "node:http";

/** Equal to `serverActions.bodySizeLimit` in next.config.ts and lib/body-limit.ts (checked by a unit test). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Lead-image uploads (10 MB files, plus the form around them) are posted as server
 * actions to the story pages under /admin/articles/, and only there may a body
 * reach 12 MB: room for a 10 MB file's multipart framing, and for a file a
 * little over 10 MB to reach the action and be refused in the form, with a
 * sentence, rather than cut off. Equal to lib/body-limit.ts and
 * `serverActions.bodySizeLimit` (checked by a unit test).
 */
export const UPLOAD_BODY_LIMIT_BYTES = 12 * 1024 * 1024;
/** A story's admin page or its sub-pages (`/admin/articles/<slug>`, `/new`, `/<slug>/edit`): no dots, no escapes. */
export const UPLOAD_PATH = /^\/admin\/articles\/[a-z0-9-]{1,200}(\/[a-z-]{1,20})?\/?(\?[^#]*)?$/;

/** The body limit for a request URL: the upload limit on a story's admin pages, else `limit`. */
export function limitFor(url, limit = BODY_LIMIT_BYTES) {
  return typeof url === "string" && UPLOAD_PATH.test(url) ? Math.max(limit, UPLOAD_BODY_LIMIT_BYTES) : limit;
}

const INSTALLED = Symbol.for("broadsheet.bodyLimit");

/** Whether a request carries a body: chunked, or a Content-Length other than 0. */
export function hasBody(headers) {
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}

/** True when a declared Content-Length is over the limit. */
export function declaredOver(headers, limit) {
  const length = headers["content-length"];
  return length !== undefined && /^\d+$/.test(length.trim()) && Number(length.trim()) > limit;
}

/** How long a refused request's socket keeps reading (and discarding) after the answer, at most. */
const LINGER_MS = 2000;

/**
 * Closes `socket` the way a careful server does after refusing a body the
 * client is still sending: send the answer and a FIN, keep reading and
 * discarding for a moment, then close. Closing at once would make the kernel
 * answer the client's next bytes with a reset, and a client that had not yet
 * read the 413 would see "connection reset" instead (nginx's lingering close).
 * Node's server calls `destroySoon()` once a `Connection: close` answer is sent.
 */
function lingerOnClose(socket) {
  if (!socket || typeof socket.destroySoon !== "function") return;
  socket.destroySoon = function () {
    if (this.writable) this.end();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref?.();
    this.once("end", () => {
      clearTimeout(timer);
      this.destroy();
    });
    this.once("close", () => clearTimeout(timer));
  };
}

function refuse(res, limit) {
  if (res.headersSent || res.writableEnded) return;
  lingerOnClose(res.socket);
  // The wording of lib/body-limit.ts (bodyLimitMessage).
  const text =
    limit >= 1024 * 1024
      ? `Request body too large: the limit is ${limit / (1024 * 1024)} MB.\n`
      : `Request body too large: the limit is ${Math.round(limit / 1024)} KB.\n`;
  res.writeHead(413, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    connection: "close",
  });
  res.end(text);
}

/**
 * Holds `req` back until its body is complete, then calls `forward`; answers
 * 413 instead when the body passes `limit`. The body is taken from the parser
 * (which calls `req.push` for each piece and `req.push(null)` at the end) and
 * pushed into the request again, unchanged, once it is complete.
 */
export function holdUntilComplete(req, res, limit, forward) {
  if (declaredOver(req.headers, limit)) {
    refuse(res, limit);
    req.resume(); // whatever the client sends anyway is discarded until the socket closes
    return;
  }
  const push = req.push;
  const chunks = [];
  let size = req.readableLength;
  let refused = false;
  req.push = function (chunk, encoding) {
    if (refused) return true;
    if (chunk === null) {
      req.push = push;
      for (const piece of chunks) push.call(req, piece);
      push.call(req, null);
      forward();
      return false;
    }
    size += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.length;
    if (size > limit) {
      refused = true;
      chunks.length = 0;
      refuse(res, limit);
      return true;
    }
    chunks.push(chunk);
    return true;
  };
}

/** Wraps every HTTP server's "request" event with the limit (once per process). */
export function installBodyLimit(limit = BODY_LIMIT_BYTES) {
  const proto = http.Server.prototype;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === "request") {
      const [req, res] = args;
      if (hasBody(req.headers)) {
        holdUntilComplete(req, res, limitFor(req.url, limit), () => emit.call(this, event, ...args));
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
}
