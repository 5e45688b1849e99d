/**
 * FNV-1a, 64 bits, over the UTF-16 code units of the strings given (for ASCII text the same value as
 * FNV-1a over its bytes). Pure JavaScript, so the analysis needs no Node module and runs in a web
 * worker too. For cache keys, not for anything an attacker must not collide: it is not a
 * cryptographic hash.
 */
export class TextHash {
  // The state as four 16-bit limbs, lowest first (offset basis 0xcbf29ce484222325).
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private length = 0;

  update(text: string): this {
    let { h0, h1, h2, h3 } = this;
    for (let i = 0; i < text.length; i++) {
      h0 ^= text.charCodeAt(i);
      // h × 0x100000001b3 mod 2^64 = h × 0x1b3 + (h << 40).
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3 + (t0 >>> 16);
      const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    Object.assign(this, { h0, h1, h2, h3 });
    this.length += text.length;
    return this;
  }

  /** The hash as 16 hexadecimal digits, then the number of code units hashed. */
  digest(): string {
    const hex = (limb: number) => limb.toString(16).padStart(4, '0');
    return `${hex(this.h3)}${hex(this.h2)}${hex(this.h1)}${hex(this.h0)}:${this.length}`;
  }
}
