import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionClaimFrom, sessionUserIdFrom } from "./session-user";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

function jar(values: Record<string, string>) {
  return { get: (name: string) => (name in values ? { value: values[name]! } : undefined) };
}

function token(sub: string, salt = "authjs.session-token", maxAge = 3600, secret = SECRET) {
  return encode({ token: { sub }, secret, salt, maxAge });
}

describe("sessionUserIdFrom", () => {
  it("reads the user id from an Auth.js session cookie", async () => {
    expect(await sessionUserIdFrom(jar({ "authjs.session-token": await token("u1") }), SECRET)).toBe("u1");
  });

  it("reads the __Secure- cookie, whose name is also its salt", async () => {
    const value = await token("u2", "__Secure-authjs.session-token");
    const https = { secure: true };
    expect(await sessionUserIdFrom(jar({ "__Secure-authjs.session-token": value }), SECRET, Date.now(), https)).toBe(
      "u2",
    );
    // The same token under the other name was made with another salt: refused.
    expect(await sessionUserIdFrom(jar({ "authjs.session-token": value }), SECRET)).toBeNull();
  });

  it("joins a token split into chunks", async () => {
    const value = await token("u3");
    const cut = Math.floor(value.length / 2);
    const chunks = jar({ "authjs.session-token.0": value.slice(0, cut), "authjs.session-token.1": value.slice(cut) });
    expect(await sessionUserIdFrom(chunks, SECRET)).toBe("u3");
  });

  it("is null without a cookie, for a tampered token, or for another secret", async () => {
    const value = await token("u4");
    expect(await sessionUserIdFrom(jar({}), SECRET)).toBeNull();
    const flipped = value.slice(0, -3) + (value.at(-3) === "A" ? "B" : "A") + value.slice(-2);
    expect(await sessionUserIdFrom(jar({ "authjs.session-token": flipped }), SECRET)).toBeNull();
    expect(
      await sessionUserIdFrom(
        jar({
          "authjs.session-token": await token("u4", undefined, 3600, "another-secret-also-long-enough-0123456789"),
        }),
        SECRET,
      ),
    ).toBeNull();
  });

  it("stops accepting a token once it expires, even after it was decoded and remembered", async () => {
    const value = await token("u5", undefined, 60);
    const cookies = jar({ "authjs.session-token": value });
    expect(await sessionUserIdFrom(cookies, SECRET)).toBe("u5");
    expect(await sessionUserIdFrom(cookies, SECRET, Date.now() + 120_000)).toBeNull();
  });
});

describe("over https only the __Secure- cookie counts (issue 12, finding 8)", () => {
  it("ignores a plain session cookie planted beside the secure one, and one planted alone", async () => {
    const planted = await token("someone-else"); // e.g. set by a sibling subdomain over http
    const own = await token("me", "__Secure-authjs.session-token");
    const both = jar({ "authjs.session-token": planted, "__Secure-authjs.session-token": own });
    expect(await sessionUserIdFrom(both, SECRET, Date.now(), { secure: true })).toBe("me");
    expect(
      await sessionUserIdFrom(jar({ "authjs.session-token": planted }), SECRET, Date.now(), { secure: true }),
    ).toBeNull();
    // Over plain http the site itself sets the plain name.
    expect(
      await sessionUserIdFrom(jar({ "authjs.session-token": planted }), SECRET, Date.now(), { secure: false }),
    ).toBe("someone-else");
  });

  it("reads the session version, 0 for a token that has none", async () => {
    const withVersion = await encode({ token: { sub: "u7", sv: 3 }, secret: SECRET, salt: "authjs.session-token" });
    expect(await sessionClaimFrom(jar({ "authjs.session-token": withVersion }), SECRET)).toEqual({
      userId: "u7",
      sessionVersion: 3,
    });
    expect(await sessionClaimFrom(jar({ "authjs.session-token": await token("u8") }), SECRET)).toEqual({
      userId: "u8",
      sessionVersion: 0,
    });
  });
});
