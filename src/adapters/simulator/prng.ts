// Deterministic randomness for the simulated tenant: a string-hash seed, a small fast PRNG (sfc32),
// sub-streams derived from (seed, purpose, index, day) so any part can be regenerated lazily and alone.
// No Math.random, no clock: the same seed always gives the same tenant.

/** Four 32-bit words from a string (cyrb128). */
export function hashString(s: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** murmur3 finaliser: a well-mixed 32-bit value from a 32-bit input. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));

/** sfc32: small, fast, good enough for simulation; period ~2^128. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0 || 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Pick by weight from `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i] as T;
      a[i] = a[j] as T;
      a[j] = t;
    }
    return a;
  }

  /** A version-4-shaped GUID, lower case. */
  guid(): string {
    const x = this.u32();
    const y = this.u32();
    const z = this.u32();
    const w = this.u32();
    return (
      HEX[x >>> 24]! +
      HEX[(x >>> 16) & 255]! +
      HEX[(x >>> 8) & 255]! +
      HEX[x & 255]! +
      "-" +
      HEX[y >>> 24]! +
      HEX[(y >>> 16) & 255]! +
      "-4" +
      HEX[(y >>> 8) & 15]!.slice(1) +
      HEX[y & 255]! +
      "-" +
      HEX[0x80 | ((z >>> 24) & 0x3f)]! +
      HEX[(z >>> 16) & 255]! +
      "-" +
      HEX[(z >>> 8) & 255]! +
      HEX[z & 255]! +
      HEX[w >>> 24]! +
      HEX[(w >>> 16) & 255]! +
      HEX[(w >>> 8) & 255]! +
      HEX[w & 255]!
    );
  }

  /** `n` lowercase hex characters. */
  hex(n: number): string {
    let s = "";
    while (s.length < n) s += HEX[this.u32() & 255];
    return s.slice(0, n);
  }
}

/** The root of a tenant's randomness; `derive` makes independent sub-streams. */
export class SeedRoot {
  readonly words: readonly [number, number, number, number];

  constructor(seed: string) {
    this.words = hashString(`glidepath-simulator:${seed}`);
  }

  /** An independent stream for (purpose, i, j): e.g. ("day", userIndex, dayIndex). */
  derive(purpose: number, i = 0, j = 0): Rng {
    const [w0, w1, w2, w3] = this.words;
    const p = fmix(purpose * 0x9e3779b1 + 0x632be5ab);
    const a = fmix(w0 ^ p ^ fmix(i + 0x7f4a7c15));
    const b = fmix(w1 ^ fmix(j * 0x85ebca77 + 0x165667b1) ^ p);
    const c = fmix(w2 ^ fmix(i * 0xc2b2ae3d + j));
    const d = fmix(w3 ^ fmix(p + i * 31 + j * 131071));
    return new Rng(a, b, c, d);
  }
}

/** Purposes of derived streams; append only (changing them changes every tenant). */
export const STREAM = {
  population: 1,
  names: 2,
  ids: 3,
  devices: 4,
  registration: 5,
  audit: 6,
  config: 7,
  day: 8,
  planted: 9,
} as const;
