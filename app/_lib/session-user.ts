import "server-only";
import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import { resolveAuthSecret } from "@/app/_lib/auth-secret";
import { SESSION_COOKIE_NAMES } from "@/lib/cache-control";

type CookieReader = { get(name: string): { value: string } | undefined };
type Decoded = { userId: string; sessionVersion: number; expiresAtMs: number };
/** Who a session cookie names, and the account's session version when it was issued. */
export type SessionClaim = { userId: string; sessionVersion: number };

/**
 * The cookie Auth.js sets: `__Secure-…` over https, the plain name over http
 * (each name is also the token's key-derivation salt). Over https the plain
 * name is never read: a sibling subdomain can plant it, and a planted session
 * would sign the reader in as someone else (issue 12, finding 8).
 */
const SECURE_NAME = "__Secure-authjs.session-token";
const PLAIN_NAME = "authjs.session-token";
if (!SESSION_COOKIE_NAMES.includes(SECURE_NAME) || !SESSION_COOKIE_NAMES.includes(PLAIN_NAME)) {
  throw new Error("lib/cache-control.ts must list both session cookie names");
}

/**
 * Decoded tokens by their exact text. A token is authenticated encryption, so
 * equal text means an equal, genuine payload; only the expiry is re-checked.
 * Deriving the key and decrypting on every request cost ~5 ms of CPU per
 * signed-in page (measured; see DECISIONS.md "Speed"). Bounded: cleared when full.
 */
const decodedTokens = new Map<string, Decoded>();
const MAX_CACHED_TOKENS = 10_000;

/** The cookie's value, joining Auth.js's `name.0`, `name.1`, … chunks when the token was split. */
function readToken(jar: CookieReader, name: string): string | null {
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  let joined = "";
  for (let i = 0; ; i++) {
    const chunk = jar.get(`${name}.${i}`)?.value;
    if (!chunk) break;
    joined += chunk;
  }
  return joined || null;
}

async function decodeToken(token: string, salt: string, secret: string, nowMs: number): Promise<Decoded | null> {
  const key = `${salt}\n${token}`;
  const known = decodedTokens.get(key);
  if (known) return known.expiresAtMs > nowMs ? known : null;
  let payload: { sub?: unknown; exp?: unknown; sv?: unknown } | null;
  try {
    payload = await decode({ token, secret, salt });
  } catch {
    return null; // tampered, expired, or from another secret: signed out
  }
  if (!payload || typeof payload.sub !== "string" || typeof payload.exp !== "number") return null;
  // Tokens issued before session versions existed carry none: version 0, the column's default.
  const sessionVersion = typeof payload.sv === "number" && Number.isInteger(payload.sv) ? payload.sv : 0;
  const decoded = { userId: payload.sub, sessionVersion, expiresAtMs: payload.exp * 1000 };
  if (decodedTokens.size >= MAX_CACHED_TOKENS) decodedTokens.clear();
  decodedTokens.set(key, decoded);
  return decoded;
}

/** The user id and session version in an Auth.js session cookie, or null. */
export async function sessionClaimFrom(
  jar: CookieReader,
  secret: string,
  nowMs = Date.now(),
  { secure = false }: { secure?: boolean } = {},
): Promise<SessionClaim | null> {
  const name = secure ? SECURE_NAME : PLAIN_NAME;
  const token = readToken(jar, name);
  if (!token) return null;
  const decoded = await decodeToken(token, name, secret, nowMs);
  return decoded ? { userId: decoded.userId, sessionVersion: decoded.sessionVersion } : null;
}

/**
 * The user id in an Auth.js session cookie, or null. This is what `auth()`
 * returns for our JWT sessions (the token holds only `sub`), without building
 * a Request, running the callbacks and re-encrypting the token on each call.
 */
export async function sessionUserIdFrom(
  jar: CookieReader,
  secret: string,
  nowMs = Date.now(),
  { secure = false }: { secure?: boolean } = {},
): Promise<string | null> {
  return (await sessionClaimFrom(jar, secret, nowMs, { secure }))?.userId ?? null;
}

/** Whether the request reached the site over https (directly, or as a TLS-terminating proxy says). */
export function isHttpsRequest(forwardedProto: string | null): boolean {
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The current request's session (user id and session version), or null. */
export async function sessionClaim(): Promise<SessionClaim | null> {
  const secure = isHttpsRequest((await headers()).get("x-forwarded-proto"));
  return sessionClaimFrom(await cookies(), resolveAuthSecret(), Date.now(), { secure });
}
