import { describe, expect, it } from "vitest";
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  hashPasswordWithCost,
  verifyPassword,
  verifyPasswordOrDummy,
} from "./passwords";

describe("password hashing", () => {
  it("stores scrypt with N=2^17, r=8, p=1 and a per-user salt in the encoded string", async () => {
    const a = await hashPassword("a long enough passphrase");
    const b = await hashPassword("a long enough passphrase");
    expect(a).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("reads the cost from the stored string", async () => {
    const cheap = await hashPasswordWithCost("fixture password 1", 10);
    expect(cheap.startsWith("scrypt$10$8$1$")).toBe(true);
    expect(await verifyPassword("fixture password 1", cheap)).toBe(true);
  });

  it("refuses malformed or tampered hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "scrypt$40$8$1$abc$def")).toBe(false);
  });

  it("compares against the dummy hash for unknown users and still says no", async () => {
    expect(DUMMY_PASSWORD_HASH.startsWith("scrypt$17$8$1$")).toBe(true);
    expect(await verifyPasswordOrDummy("anything at all", null)).toBe(false);
    expect(await verifyPasswordOrDummy("anything at all", undefined)).toBe(false);
    const hash = await hashPasswordWithCost("right password", 10);
    expect(await verifyPasswordOrDummy("right password", hash)).toBe(true);
  });

  it("takes about as long for an unknown email as for a wrong password", async () => {
    const hash = await hashPassword("the real password");
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const wrong = await time(() => verifyPasswordOrDummy("a wrong password", hash));
    const unknown = await time(() => verifyPasswordOrDummy("a wrong password", null));
    expect(unknown).toBeGreaterThan(wrong * 0.4);
    expect(unknown).toBeLessThan(wrong * 2.5);
  });
});
