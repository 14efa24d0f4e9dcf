/**
 * Preloaded into the server process (`node --require scripts/socket-address.cjs
 * …/next start`, added by serverNodeFlags in scripts/server-launch.mjs).
 *
 * Next gives route handlers and server actions the request's headers but not
 * its socket, and fills `X-Forwarded-For` with the socket's address only when
 * the client sent none, so the app cannot tell a peer's real address from one
 * a client wrote. This stamps every incoming request with the socket's remote
 * address in `x-broadsheet-socket-address`, after removing any copy the client
 * sent. The app reads that header only when this preload marked the process
 * (see app/_lib/client-address.ts), so without the preload a client-sent copy
 * is never believed either.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with `node --require` */

const http = require("node:http");
const https = require("node:https");

const HEADER = "x-broadsheet-socket-address";
const MARK = Symbol.for("broadsheet.socket-address-preload");

function stamp(req) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (String(raw[i]).toLowerCase() === HEADER) raw.splice(i, 2);
  }
  const address = (req.socket && req.socket.remoteAddress) || "";
  // Node has already built req.headers from rawHeaders (it reads `expect` before 'request'): set both.
  req.headers[HEADER] = address;
  raw.push(HEADER, address);
}

if (!globalThis[MARK]) {
  globalThis[MARK] = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitWithSocketAddress(event, ...args) {
      if (event === "request" && args[0]) stamp(args[0]);
      return emit.call(this, event, ...args);
    };
  }
}

module.exports = { HEADER, MARK };
