import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, parseTrustedProxyHops, UNKNOWN_ADDRESS } from "./client-address";

const SOCKET = "127.0.0.1";

describe("client address: no trusted proxy (TRUSTED_PROXY_HOPS unset or 0)", () => {
  it("is the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "203.0.113.5", trustedHops: 0 })).toBe(SOCKET);
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "203.0.113.5, 198.51.100.2", trustedHops: 0 })).toBe(
      SOCKET,
    );
    expect(clientAddress({ socketAddress: "198.51.100.9", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.9");
  });

  it("gives every spoofed X-Forwarded-For value the same bucket", () => {
    const keys = new Set(
      Array.from({ length: 50 }, (_, i) =>
        clientAddress({ socketAddress: "192.0.2.44", forwardedFor: `10.0.${i}.1, 10.1.${i}.2`, trustedHops: 0 }),
      ),
    );
    expect([...keys]).toEqual(["192.0.2.44"]);
  });

  it("is 'unknown' when the socket's address is not known", () => {
    expect(clientAddress({ socketAddress: null, forwardedFor: "203.0.113.5", trustedHops: 0 })).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress({ socketAddress: "", forwardedFor: null, trustedHops: 0 })).toBe(UNKNOWN_ADDRESS);
  });
});

describe("client address: TRUSTED_PROXY_HOPS=1 (one proxy, e.g. nginx)", () => {
  it("is the last X-Forwarded-For entry, the address the proxy saw", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "203.0.113.5", trustedHops: 1 })).toBe("203.0.113.5");
  });

  it("ignores whatever the client put before it", () => {
    expect(
      clientAddress({ socketAddress: SOCKET, forwardedFor: "10.9.8.7, 1.1.1.1 , 203.0.113.5", trustedHops: 1 }),
    ).toBe("203.0.113.5");
  });

  it("is the socket's address when there is no header (a request that did not come through the proxy)", () => {
    expect(clientAddress({ socketAddress: "198.51.100.3", forwardedFor: undefined, trustedHops: 1 })).toBe(
      "198.51.100.3",
    );
    expect(clientAddress({ socketAddress: "198.51.100.3", forwardedFor: "", trustedHops: 1 })).toBe("198.51.100.3");
  });
});

describe("client address: TRUSTED_PROXY_HOPS=2 (e.g. a CDN, then nginx)", () => {
  it("is the second entry from the right", () => {
    expect(
      clientAddress({ socketAddress: SOCKET, forwardedFor: "10.0.0.1, 203.0.113.5, 198.51.100.80", trustedHops: 2 }),
    ).toBe("203.0.113.5");
  });

  it("is the leftmost entry when there are fewer entries than hops", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "203.0.113.5", trustedHops: 2 })).toBe("203.0.113.5");
  });
});

describe("client address: malformed X-Forwarded-For", () => {
  for (const forwardedFor of [
    "unknown",
    "",
    " , ",
    "not an address, ",
    "203.0.113.5, garbage",
    "999.1.1.1",
    "_hidden",
  ]) {
    it(`falls back to the socket's address for ${JSON.stringify(forwardedFor)}`, () => {
      expect(clientAddress({ socketAddress: SOCKET, forwardedFor, trustedHops: 1 })).toBe(SOCKET);
    });
  }

  it("never returns what the client wrote when the trusted entry is garbage", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "203.0.113.5, x", trustedHops: 1 })).toBe(SOCKET);
  });

  it("accepts the forms proxies write: ports, brackets, IPv4-mapped IPv6", () => {
    const at = (forwardedFor: string) => clientAddress({ socketAddress: SOCKET, forwardedFor, trustedHops: 1 });
    expect(at("203.0.113.5:51234")).toBe("203.0.113.5");
    expect(at("[2001:db8::7]:443")).toBe("2001:db8:0:0::/64");
    expect(at("::ffff:203.0.113.5")).toBe("203.0.113.5");
  });
});

describe("address keys", () => {
  it("keeps IPv4 as it is and reads IPv4-mapped IPv6 as IPv4", () => {
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::FFFF:c000:0201")).toBe("192.0.2.1");
  });

  it("counts IPv6 per /64, so one end user's addresses share a bucket", () => {
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("::1");
  });

  it("refuses what is not an address", () => {
    for (const raw of [null, undefined, "", "localhost", "1.2.3", "1.2.3.4.5", "2001:db8:::1", "[1.2.3.4", "::g"]) {
      expect(addressKey(raw)).toBeNull();
    }
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("is 0 when unset or empty", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops("")).toBe(0);
  });

  it("reads a whole number of hops", () => {
    expect(parseTrustedProxyHops("0")).toBe(0);
    expect(parseTrustedProxyHops("1")).toBe(1);
    expect(parseTrustedProxyHops(" 2 ")).toBe(2);
  });

  it("refuses anything else (the server then trusts no proxy)", () => {
    for (const value of ["-1", "1.5", "true", "yes", "11", "99", "0x1"])
      expect(parseTrustedProxyHops(value)).toBeNull();
  });
});
