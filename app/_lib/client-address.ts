import "server-only";
import { clientAddress, parseTrustedProxyHops } from "@/lib/client-address";

/** Stamped by scripts/front-door.cjs, which removes any copy a client sends. */
export const SOCKET_ADDRESS_HEADER = "x-broadsheet-socket-address";
export const PRELOAD_MARK = Symbol.for("broadsheet.socket-address-preload");

/** Whether scripts/front-door.cjs runs in this process (so its headers can be believed). */
export function frontDoorLoaded(): boolean {
  return (globalThis as Record<symbol, unknown>)[PRELOAD_MARK] === true;
}

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.error(message);
}

function trustedHops(): number {
  const hops = parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
  if (hops !== null) return hops;
  warnOnce(
    `TRUSTED_PROXY_HOPS=${JSON.stringify(process.env.TRUSTED_PROXY_HOPS)} is not a number of proxies (0–10): no proxy is trusted.`,
  );
  return 0;
}

/**
 * The client's address key for the per-address limits (lib/client-address.ts):
 * the socket's, or with `TRUSTED_PROXY_HOPS=N` the address N proxies back.
 * Without the preload (a bare `next start` or `next dev`) the socket address
 * is unknown: requests it would decide share one bucket, so the limits still
 * hold and nothing a client sends moves it to another.
 */
export function clientAddressOf(headers: Headers): string {
  const preloaded = frontDoorLoaded();
  if (!preloaded) {
    warnOnce(
      "The server was started without scripts/front-door.cjs (use `npm start`): client addresses are unknown, so every client shares one sign-in and sign-up limit.",
    );
  }
  return clientAddress({
    socketAddress: preloaded ? headers.get(SOCKET_ADDRESS_HEADER) : null,
    forwardedFor: headers.get("x-forwarded-for"),
    trustedHops: trustedHops(),
  });
}
