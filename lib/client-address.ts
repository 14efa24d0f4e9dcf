/**
 * Which client a request comes from, for the per-address limits (failed
 * sign-ins, sign-ups).
 *
 * The address is the connection's peer (the socket's remote address), which a
 * client cannot choose. `X-Forwarded-For` is read only when the operator says
 * how many proxies of their own stand in front (`TRUSTED_PROXY_HOPS=N`): each
 * of those appends the address it received the request from, so the client is
 * the N-th address counted back from the socket. Entries further left were
 * written by the client and are never used.
 *
 * IPv6 clients are counted per /64: one end user is usually handed a whole
 * /64, so a per-/128 limit would be no limit.
 */
import { isIP } from "node:net";

/** More hops than this is a configuration mistake, not a network. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/** The address when the socket's is not known (the server was started without the preload). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * `TRUSTED_PROXY_HOPS` as a number of hops: unset or empty is 0 (trust no
 * proxy); anything but a whole number from 0 to MAX_TRUSTED_PROXY_HOPS is
 * `null`, which the server reports and treats as 0.
 */
export function parseTrustedProxyHops(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d{1,2}$/.test(value.trim())) return null;
  const hops = Number(value.trim());
  return hops <= MAX_TRUSTED_PROXY_HOPS ? hops : null;
}

/** Eight hextets of an IPv6 address (no zone, no embedded IPv4). */
function expandIpv6(address: string): number[] | null {
  let text = address;
  // A trailing dotted IPv4 part (::ffff:192.0.2.1, 64:ff9b::192.0.2.1) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  const values = groups.map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  return values.every((n) => Number.isInteger(n)) ? values : null;
}

/**
 * One address as it appears in a socket or a header entry, reduced to the key
 * the limits count by: an IPv4 address, or an IPv6 /64 prefix
 * (`2001:db8:1:2::/64`). IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is IPv4. A
 * port (`192.0.2.1:4711`, `[2001:db8::1]:443`) and a zone (`fe80::1%eth0`)
 * are dropped. Anything that is not an address is `null`.
 */
export function addressKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%[0-9a-z._~-]+$/i, "");
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const groups = expandIpv6(text.toLowerCase());
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  if (groups.every((g, i) => (i < 7 ? g === 0 : g === 1))) return "::1";
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

export type AddressSources = {
  /** The socket's remote address, as the server saw the connection; null when unknown. */
  socketAddress: string | null | undefined;
  /** The `X-Forwarded-For` header as received (repeated headers joined with commas). */
  forwardedFor: string | null | undefined;
  /** How many proxies of the operator's own stand in front of the server. */
  trustedHops: number;
};

/**
 * The client's address key. With `trustedHops = 0` it is the socket's and
 * `X-Forwarded-For` is ignored. With N hops it is the N-th entry counted back
 * from the socket along `X-Forwarded-For` (the last entry for one proxy); when
 * the header has fewer entries, the leftmost there is. An entry that is not an
 * address there (a proxy that is not set up as the operator said) gives the
 * socket's address: one bucket for everything behind that proxy, never one a
 * client can pick.
 */
export function clientAddress({ socketAddress, forwardedFor, trustedHops }: AddressSources): string {
  const socket = addressKey(socketAddress) ?? UNKNOWN_ADDRESS;
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const chain = forwardedFor.split(",");
  const index = Math.max(0, chain.length - trustedHops);
  return addressKey(chain[index]) ?? socket;
}
