/**
 * Raw HTTP for the suite: full control over headers (Origin), bodies (invalid
 * UTF-8) and no redirect following. Talks to 127.0.0.1 only.
 */
import http from "node:http";

export type Response = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  setCookies: string[];
  /** From the response's headers to the end of its body (an answer must end, issue 17). */
  bodyMs: number;
};

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
  /** A new connection, closed afterwards (for requests the server may cut short). */
  fresh?: boolean;
  /**
   * Connect from this loopback address (any of 127.0.0.0/8 on Linux), so the
   * server sees a client of its own: the way items get separate client
   * addresses without a header the server should not believe.
   */
  localAddress?: string;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** Kept-alive connections per source address (the shared agent would reuse another's socket). */
const agentsFrom = new Map<string, http.Agent>();

function agentFor(options: RequestOptions): http.Agent | false {
  if (options.fresh) return false;
  if (!options.localAddress) return agent;
  let own = agentsFrom.get(options.localAddress);
  if (!own) {
    own = new http.Agent({ keepAlive: true, maxSockets: 64, localAddress: options.localAddress });
    agentsFrom.set(options.localAddress, own);
  }
  return own;
}

export function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const target = new URL(url);
  const body = typeof options.body === "string" ? Buffer.from(options.body, "utf8") : options.body;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...options.headers },
        agent: agentFor(options),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const headersAt = Date.now();
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            setCookies: res.headers["set-cookie"] ?? [],
            bodyMs: Date.now() - headersAt,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${options.method ?? "GET"} ${url}`)));
    req.on("error", reject);
    if (body) req.end(body);
    else req.end();
  });
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}
