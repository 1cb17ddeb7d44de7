import { describe, expect, it } from "vitest";
import { addressGroup, deriveClientAddress } from "@/lib/abuse/client-address.mjs";

describe("the client's address, from what the server saw", () => {
  it("uses the socket's address with no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(deriveClientAddress({ socketAddress: "198.51.100.20", forwardedFor: "203.0.113.1", trustedHops: 0 })).toBe("198.51.100.20");
    expect(deriveClientAddress({ socketAddress: "198.51.100.20", forwardedFor: undefined, trustedHops: 0 })).toBe("198.51.100.20");
  });

  it("uses the entry the trusted proxy appended, not the ones the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 203.0.113.1, 203.0.113.2"; nginx appended what it saw.
    const forwardedFor = "203.0.113.1, 203.0.113.2, 192.0.2.44";
    expect(deriveClientAddress({ socketAddress: "10.0.0.2", forwardedFor, trustedHops: 1 })).toBe("192.0.2.44");
    // A load balancer, then nginx: the balancer's entry is the client, nginx's the balancer.
    expect(deriveClientAddress({ socketAddress: "10.0.0.3", forwardedFor: `${forwardedFor}, 10.0.0.9`, trustedHops: 2 })).toBe("192.0.2.44");
    // Node.js joins repeated headers into an array.
    expect(deriveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: ["203.0.113.1", "192.0.2.44"], trustedHops: 1 })).toBe("192.0.2.44");
  });

  it("falls back to the nearest trusted entry, then the socket, when fewer proxies wrote than configured", () => {
    expect(deriveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "192.0.2.44", trustedHops: 2 })).toBe("192.0.2.44");
    expect(deriveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: " , ", trustedHops: 1 })).toBe("10.0.0.2");
  });
});

describe("the group an address is counted in", () => {
  it("counts an IPv6 address by its /64, so a phone cannot take a fresh address per request", () => {
    const a = addressGroup("2001:db8:85a3:12:1:2:3:4");
    expect(a).toBe("2001:db8:85a3:12::/64");
    expect(addressGroup("2001:0DB8:85A3:0012:ffff:ffff:ffff:fffe")).toBe(a);
    expect(addressGroup("[2001:db8:85a3:12::9]:443")).toBe(a);
    expect(addressGroup("2001:db8:85a3:12::9%eth0")).toBe(a);
    expect(addressGroup("2001:db8:85a3:13::1")).not.toBe(a);
    expect(addressGroup("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(addressGroup("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressGroup("::FFFF:c000:0207")).toBe("192.0.2.7");
    expect(addressGroup("192.0.2.7:51234")).toBe("192.0.2.7");
    expect(addressGroup(" 192.0.2.7 ")).toBe("192.0.2.7");
  });

  it("keeps anything that is not an address as written, in lower case", () => {
    expect(addressGroup("Unknown")).toBe("unknown");
    expect(addressGroup("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
    expect(addressGroup("999.1.1.1")).toBe("999.1.1.1");
  });
});
