/**
 * A client address of the test's own, the way the server sees addresses: on
 * the socket. The e2e server trusts no proxy (TRUSTED_PROXY_HOPS unset, as a
 * fresh install), so a header cannot give a test its own address; instead the
 * test's browser context talks to the server through a small forward proxy
 * that connects from a loopback source address of its own (any address in
 * 127.0.0.0/8 is this machine's on Linux). Traffic still goes only to the e2e
 * server on 127.0.0.1.
 *
 * Playwright sends loopback traffic through a context's proxy ("<-loopback>"
 * is added to Chromium's bypass list), so every request of the page, its
 * assets and its server actions included, arrives from the test's address.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ClientAddress = {
  /** The proxy's URL, for Playwright's `proxy` option. */
  proxyServer: string;
  /** The address the server sees now. */
  readonly address: string;
  /** Moves the test to a fresh address (new connections to the server); returns it. */
  renew: () => string;
  close: () => Promise<void>;
};

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "proxy-authenticate",
  "te",
  "trailer",
  "upgrade",
]);

/** A random address in 127.0.0.0/8 other than 127.0.0.1, which the other specs share. */
export function randomLoopbackAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  for (;;) {
    const address = `127.${octet()}.${octet()}.${octet()}`;
    if (address !== "127.0.0.1") return address;
  }
}

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Starts a forward proxy to `target` (the e2e server's origin) only. */
export async function startClientAddress(target: string): Promise<ClientAddress> {
  const origin = new URL(target);
  let address = randomLoopbackAddress();
  const proxy = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "", target);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.host !== origin.host) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`This test proxy only reaches ${origin.host}.\n`);
      return;
    }
    const upstream = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        method: req.method,
        path: url.pathname + url.search,
        headers: forwardHeaders(req.headers),
        localAddress: address,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardHeaders(answer.headers));
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.on("aborted", () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    proxyServer: `http://127.0.0.1:${port}`,
    get address() {
      return address;
    },
    renew: () => (address = randomLoopbackAddress()),
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
