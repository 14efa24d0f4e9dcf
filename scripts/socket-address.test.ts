import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressOf, SOCKET_ADDRESS_HEADER } from "@/app/_lib/client-address";

const require = createRequire(import.meta.url);
// Patches http.Server in this test process, as `--require` does in the server's.
const preload = require("./socket-address.cjs") as { HEADER: string };

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const raw = req.rawHeaders.filter(
      (_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === SOCKET_ADDRESS_HEADER,
    );
    res.end(
      JSON.stringify({
        address: clientAddressOf(headers),
        stamped: req.headers[SOCKET_ADDRESS_HEADER],
        raw: raw.length,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(localAddress: string, headers: Record<string, string>) {
  return new Promise<{ address: string; stamped: string; raw: number }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, localAddress, headers, agent: false }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}

describe("the socket-address preload", () => {
  it("names the header the app reads", () => {
    expect(preload.HEADER).toBe(SOCKET_ADDRESS_HEADER);
  });

  it("stamps the socket's address and drops a copy the client sent", async () => {
    const answer = await get("127.0.9.7", {
      [SOCKET_ADDRESS_HEADER]: "203.0.113.5",
      "X-Broadsheet-Socket-Address": "198.51.100.1",
      "x-forwarded-for": "192.0.2.200",
    });
    expect(answer).toEqual({ address: "127.0.9.7", stamped: "127.0.9.7", raw: 1 });
  });

  it("gives each real client address its own bucket", async () => {
    expect((await get("127.0.9.8", {})).address).toBe("127.0.9.8");
  });
});
