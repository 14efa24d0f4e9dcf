import os from "node:os";
import { describe, expect, it } from "vitest";
import { hashPasswordWithCost, scryptOnThreadPool, verifyPassword } from "@/lib/passwords";
import { HASHING_NICE, hashingThreadNice, scryptOnHashingThread } from "./hashing-threads";

describe("hashing threads", () => {
  it("derive the same keys as scrypt on the thread pool", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const options = { N: 2 ** 10, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
    const [here, there] = await Promise.all([
      scryptOnThreadPool("pässword", salt, 32, options),
      scryptOnHashingThread("pässword", salt, 32, options),
    ]);
    expect(there.equals(here)).toBe(true);
  });

  it("hash and verify passwords, several at once", async () => {
    const hashes = await Promise.all(
      ["one password", "two passwords", "three"].map((p) => hashPasswordWithCost(p, 10, scryptOnHashingThread)),
    );
    expect(await verifyPassword("two passwords", hashes[1]!, scryptOnHashingThread)).toBe(true);
    expect(await verifyPassword("two passwords", hashes[0]!)).toBe(false);
    expect(await verifyPassword("three", hashes[2]!)).toBe(true);
  });

  it("run at a lower priority, without lowering the thread that answers requests", async () => {
    const before = os.getPriority();
    const nice = await hashingThreadNice();
    if (os.platform() === "linux") expect(nice).toBe(Math.max(HASHING_NICE, before));
    expect(os.getPriority()).toBe(before);
  });
});
