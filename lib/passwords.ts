/**
 * Password hashing with scrypt (N=2^17, r=8, p=1, 16-byte per-user salt).
 * The stored string carries its parameters, so they can be raised later
 * without invalidating existing hashes: `scrypt$<log2N>$<r>$<p>$<salt>$<hash>`.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG2_N = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/**
 * Derives a key with scrypt. The default runs on libuv's thread pool; the
 * server passes one that runs on its own hashing threads
 * (app/_lib/hashing-threads.ts). The password is already NFKC-normalised.
 */
export type DeriveKey = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) => Promise<Buffer>;

export const scryptOnThreadPool: DeriveKey = (password, salt, keyLength, options) =>
  new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** scrypt needs 128·N·r bytes; Node's default 32 MiB cap is too low for N=2^17. */
function optionsFor(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 128 * N * r * 2 };
}

export async function hashPassword(password: string, derive: DeriveKey = scryptOnThreadPool): Promise<string> {
  return hashPasswordWithCost(password, LOG2_N, derive);
}

/**
 * Same format with another cost. Only test fixtures use a lower cost (to create
 * many users quickly); verification reads the cost from the stored string.
 */
export async function hashPasswordWithCost(
  password: string,
  log2N: number,
  derive: DeriveKey = scryptOnThreadPool,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password.normalize("NFKC"), salt, KEY_LENGTH, optionsFor(log2N, R, P));
  return ["scrypt", log2N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

type Parsed = { log2N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parseHash(encoded: string): Parsed | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 20 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length === 0 || key.length === 0) return null;
  return { log2N, r, p, salt, key };
}

/** Constant-time comparison of the derived key with the stored one. */
export async function verifyPassword(
  password: string,
  encoded: string,
  derive: DeriveKey = scryptOnThreadPool,
): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(
    password.normalize("NFKC"),
    parsed.salt,
    parsed.key.length,
    optionsFor(parsed.log2N, parsed.r, parsed.p),
  );
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/**
 * A real hash of a random password nobody knows. Sign-in compares against it
 * when the email is unknown, so an unknown email costs the same time as a
 * wrong password and the response timing does not reveal which emails exist.
 */
export const DUMMY_PASSWORD_HASH = "scrypt$17$8$1$YitzaD1XEjUILo2CqihM3A$XFvOHIyJnPjJ9ECah4kBqAaftSoUMdd3hIFnhlxvnuc";

/** Verifies against the user's hash, or the dummy hash when there is none. */
export async function verifyPasswordOrDummy(
  password: string,
  encoded: string | null | undefined,
  derive: DeriveKey = scryptOnThreadPool,
): Promise<boolean> {
  const ok = await verifyPassword(password, encoded ?? DUMMY_PASSWORD_HASH, derive);
  return Boolean(encoded) && ok;
}
