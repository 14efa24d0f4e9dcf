/**
 * What the server does with a request before Next sees it. Preloaded into the
 * server process (`node --require scripts/front-door.cjs …/next start`, added
 * by serverNodeFlags in scripts/server-launch.mjs).
 *
 * 1. The socket's address. Next gives route handlers and server actions the
 *    request's headers but not its socket, and fills `X-Forwarded-For` with the
 *    socket's address only when the client sent none, so the app cannot tell a
 *    peer's real address from one a client wrote. Every request is stamped with
 *    its socket's remote address in `x-broadsheet-socket-address`.
 *
 * 2. A queue for sign-in and sign-up posts (issue 12, finding 4). Each is
 *    answered with a rendered page after a slow password hash, and a refusal
 *    costs as much to render as a success: two hundred at once kept the main
 *    thread busy for seconds and readers waited. So POSTs to /signin, /signup
 *    and the credentials callback are handed to Next a few at a time, in order,
 *    before their bodies are even read; each is stamped with how long it waited
 *    (`x-broadsheet-queued-ms`), and the app answers one that waited too long
 *    "try again in a moment" at its turn. Past MAX_QUEUE waiting, a post is
 *    answered 429 at once.
 *
 * Any copy of either header a client sends is removed first. The app reads them
 * only when this preload marked the process (see app/_lib/client-address.ts),
 * so without the preload a client-sent copy is never believed either.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with `node --require` */

const http = require("node:http");
const https = require("node:https");
const os = require("node:os");

const HEADER = "x-broadsheet-socket-address";
const QUEUED_HEADER = "x-broadsheet-queued-ms";
const MARK = Symbol.for("broadsheet.socket-address-preload");

/** Paths whose POSTs wait their turn (sign-in and sign-up forms, Auth.js's credentials callback). */
const QUEUED_PATHS = new Set(["/signin", "/signup", "/api/auth/callback/credentials"]);

// As many at once as password hashes may run (app/_lib/auth-capacity.ts), plus one to answer the rest.
const limits = {
  atOnce: Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2))) + 1,
  maxQueue: 500,
};

function setHeader(req, name, value) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (String(raw[i]).toLowerCase() === name) raw.splice(i, 2);
  }
  if (value === undefined) {
    delete req.headers[name];
    return;
  }
  // Node has already built req.headers from rawHeaders (it reads `expect` before 'request'): set both.
  req.headers[name] = value;
  raw.push(name, value);
}

function queued(req) {
  if (req.method !== "POST") return false;
  const path = (req.url || "").split("?")[0].replace(/\/+$/, "");
  return QUEUED_PATHS.has(path);
}

let running = 0;
const waiting = [];

function admit(entry) {
  running++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    running--;
    next();
  };
  // 'close' comes once the answer is sent or the connection is gone, whichever is first.
  entry.res.once("close", release);
  setHeader(entry.req, QUEUED_HEADER, String(Date.now() - entry.since));
  try {
    entry.emit();
  } catch (error) {
    release();
    throw error;
  }
}

function next() {
  while (running < limits.atOnce && waiting.length) {
    const entry = waiting.shift();
    if (entry.req.socket.destroyed) continue; // the client gave up while waiting
    admit(entry);
  }
}

function onRequest(req, res, emit) {
  setHeader(req, HEADER, (req.socket && req.socket.remoteAddress) || "");
  setHeader(req, QUEUED_HEADER, undefined);
  if (!queued(req)) return emit();
  const entry = { req, res, emit, since: Date.now() };
  if (running < limits.atOnce) return admit(entry);
  if (waiting.length >= limits.maxQueue) {
    res.writeHead(429, { "content-type": "text/plain; charset=utf-8", "retry-after": "5", connection: "close" });
    res.end("Too many people are signing in right now. Try again in a moment.\n");
    return;
  }
  waiting.push(entry);
}

if (!globalThis[MARK]) {
  globalThis[MARK] = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitThroughFrontDoor(event, ...args) {
      if (event !== "request" || !args[0]) return emit.call(this, event, ...args);
      const [req, res] = args;
      onRequest(req, res, () => emit.call(this, event, ...args));
      return true;
    };
  }
}

module.exports = {
  HEADER,
  QUEUED_HEADER,
  MARK,
  /** For tests: how many are handed on at once, and how many may wait. */
  limits,
  state: () => ({ running, waiting: waiting.length }),
};
