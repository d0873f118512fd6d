// IPv4 / IPv6 address and CIDR parsing and matching, written by hand so the core stays dependency-free.
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match IPv4 ranges and the other way round.
// Named-location ranges: https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network#ipv4-and-ipv6-address-ranges

/** An address as 8 groups of 16 bits; IPv4 is stored IPv4-mapped (::ffff:a.b.c.d). */
export type IpAddress = readonly number[];

export interface Cidr {
  readonly addr: IpAddress;
  /** Prefix length in the 128-bit space. */
  readonly prefix: number;
  /** An IPv6 range wider than ::ffff:0:0/96 (e.g. ::/0) still never covers IPv4 addresses. */
  readonly v6Only: boolean;
}

function isV4Mapped(ip: IpAddress): boolean {
  return ip[0] === 0 && ip[1] === 0 && ip[2] === 0 && ip[3] === 0 && ip[4] === 0 && ip[5] === 0xffff;
}

function parseV4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const b: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    b.push(n);
  }
  return [((b[0] as number) << 8) | (b[1] as number), ((b[2] as number) << 8) | (b[3] as number)];
}

/** Parse an IPv4 or IPv6 address (zone ids and brackets tolerated); null when malformed. */
export function parseIp(input: string): IpAddress | null {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (s.includes(".") && !s.includes(":")) {
    const v4 = parseV4(s);
    return v4 ? [0, 0, 0, 0, 0, 0xffff, v4[0] as number, v4[1] as number] : null;
  }
  if (!s.includes(":")) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    // Embedded IPv4 (::ffff:1.2.3.4): the last two groups come from the dotted quad.
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (h: string): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0] as string);
  const rest = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!head || !rest) return null;
  const want = 8 - tail.length;
  let groups: number[];
  if (halves.length === 2) {
    const fill = want - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== want) return null;
  return [...groups, ...tail];
}

/** Parse `a.b.c.d/n` or `x::/n` (a bare address is a /32 or /128). */
export function parseCidr(input: string): Cidr | null {
  const s = input.trim();
  const slash = s.indexOf("/");
  const addrPart = slash >= 0 ? s.slice(0, slash) : s;
  const addr = parseIp(addrPart);
  if (!addr) return null;
  const isV4 = addrPart.includes(".") && !addrPart.includes(":");
  const max = isV4 ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    len = Number(p);
    if (len > max) return null;
  }
  return { addr, prefix: isV4 ? len + 96 : len, v6Only: !isV4 && len < 96 };
}

/** Is `ip` inside `cidr`? */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.v6Only && isV4Mapped(ip)) return false;
  let bits = cidr.prefix;
  for (let g = 0; g < 8 && bits > 0; g++) {
    const take = Math.min(bits, 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((cidr.addr[g] as number) & mask) !== ((ip[g] as number) & mask)) return false;
    bits -= take;
  }
  return true;
}
