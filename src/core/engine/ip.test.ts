import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrContains, parseCidr, parseIp } from "./ip.js";

const inside = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseIp(ip)!);

describe("ip", () => {
  it("matches IPv4 ranges at their edges", () => {
    assert.equal(inside("203.0.113.0/24", "203.0.113.255"), true);
    assert.equal(inside("203.0.113.0/24", "203.0.114.0"), false);
    assert.equal(inside("10.0.0.0/8", "10.255.1.1"), true);
    assert.equal(inside("0.0.0.0/0", "8.8.8.8"), true);
    assert.equal(inside("192.0.2.7", "192.0.2.7"), true);
    assert.equal(inside("192.0.2.7/32", "192.0.2.8"), false);
  });
  it("matches IPv6 ranges, compressed forms and IPv4-mapped addresses", () => {
    assert.equal(inside("2001:db8::/32", "2001:0db8:ffff::1"), true);
    assert.equal(inside("2001:db8::/33", "2001:db8:8000::1"), false);
    assert.equal(inside("10.0.0.0/8", "::ffff:10.1.2.3"), true);
    assert.equal(inside("::ffff:0:0/96", "1.2.3.4"), true);
    assert.equal(inside("::/0", "1.2.3.4"), false, "an IPv6 catch-all does not cover IPv4");
    assert.deepEqual(parseIp("fe80::1%eth0"), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  });
  it("rejects malformed input without throwing", () => {
    for (const bad of [
      "",
      "1.2.3",
      "256.1.1.1",
      "1:2:3:4:5:6:7:8:9",
      "::1::2",
      "x",
      "1.2.3.4/33",
      "2001:db8::/129",
      "1.2.3.4/",
    ]) {
      assert.equal(bad.includes("/") ? parseCidr(bad) : parseIp(bad), null, bad);
    }
  });
});
