// The "static limit": the smallest node:http server that can send the same
// bytes as the anonymous article page. Run as its own process so its CPU is
// measured exactly like the Next server's.
// Usage: node static-server.mjs <file> <port>; prints "listening <port>".
import fs from "node:fs";
import http from "node:http";

const [file, portArg] = process.argv.slice(2);
const body = fs.readFileSync(file);
const headers = {
  "content-type": "text/html; charset=utf-8",
  "content-length": String(body.length),
  "cache-control": "public, s-maxage=60, stale-while-revalidate=31536000",
};

const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : portArg}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
