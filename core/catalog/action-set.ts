// A set of action ids (numbers below the catalogue's action count) as a bitset over Uint32Array
// words. Pure data structure: imports nothing.

/** A set of action ids backed by a bitset; `size` is the exclusive upper bound of ids. */
export class ActionSet {
  /** Bit i of word i >>> 5 is set when action i is in the set. */
  readonly words: Uint32Array;

  constructor(
    /** Exclusive upper bound of the ids this set can hold (the catalogue's action count). */
    readonly size: number,
    words?: Uint32Array,
  ) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`action set: invalid size \`${size}\``);
    const n = (size + 31) >>> 5;
    if (words !== undefined && words.length !== n) throw new Error(`action set: expected ${n} words, got ${words.length}`);
    this.words = words ?? new Uint32Array(n);
  }

  /** A set holding `ids`. */
  static of(size: number, ids: Iterable<number>): ActionSet {
    const s = new ActionSet(size);
    for (const id of ids) s.add(id);
    return s;
  }

  /** A set holding every id below `size`. */
  static all(size: number): ActionSet {
    const s = new ActionSet(size);
    s.words.fill(0xffffffff);
    const rest = size & 31;
    if (rest !== 0) s.words[s.words.length - 1] = (1 << rest) - 1;
    return s;
  }

  private check(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) throw new Error(`action set: id \`${id}\` out of range`);
  }

  private checkSize(other: ActionSet): void {
    if (other.size !== this.size) throw new Error(`action set: sizes differ (${this.size} and ${other.size})`);
  }

  /** Adds `id`; returns this set. */
  add(id: number): this {
    this.check(id);
    this.words[id >>> 5] = ((this.words[id >>> 5] as number) | (1 << (id & 31))) >>> 0;
    return this;
  }

  /** Removes `id`; returns this set. */
  delete(id: number): this {
    this.check(id);
    this.words[id >>> 5] = ((this.words[id >>> 5] as number) & ~(1 << (id & 31))) >>> 0;
    return this;
  }

  /** True when `id` is in the set (false for ids out of range). */
  has(id: number): boolean {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return false;
    return (((this.words[id >>> 5] as number) >>> (id & 31)) & 1) === 1;
  }

  /** A copy of this set. */
  clone(): ActionSet {
    return new ActionSet(this.size, this.words.slice());
  }

  /** A new set: this ∪ other. */
  union(other: ActionSet): ActionSet {
    return this.clone().unionWith(other);
  }

  /** A new set: this ∩ other. */
  intersect(other: ActionSet): ActionSet {
    return this.clone().intersectWith(other);
  }

  /** A new set: this ∖ other. */
  subtract(other: ActionSet): ActionSet {
    return this.clone().subtractWith(other);
  }

  /** In place: this ∪= other. */
  unionWith(other: ActionSet): this {
    this.checkSize(other);
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = ((a[i] as number) | (b[i] as number)) >>> 0;
    return this;
  }

  /** In place: this ∩= other. */
  intersectWith(other: ActionSet): this {
    this.checkSize(other);
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = ((a[i] as number) & (b[i] as number)) >>> 0;
    return this;
  }

  /** In place: this ∖= other. */
  subtractWith(other: ActionSet): this {
    this.checkSize(other);
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = ((a[i] as number) & ~(b[i] as number)) >>> 0;
    return this;
  }

  /** A new set: every id below `size` not in this set. */
  complement(): ActionSet {
    return ActionSet.all(this.size).subtractWith(this);
  }

  /** Number of ids in the set. */
  count(): number {
    let n = 0;
    for (const w of this.words) {
      // Population count of a 32-bit word (SWAR).
      let v = w - ((w >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  /** True when the set holds no id. */
  isEmpty(): boolean {
    for (const w of this.words) if (w !== 0) return false;
    return true;
  }

  /** True when both sets hold the same ids. */
  equals(other: ActionSet): boolean {
    if (other.size !== this.size) return false;
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  /** The ids in ascending order. */
  *[Symbol.iterator](): IterableIterator<number> {
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      let w = words[i] as number;
      while (w !== 0) {
        const bit = 31 - Math.clz32(w & -w);
        yield (i << 5) + bit;
        w = (w & (w - 1)) >>> 0;
      }
    }
  }

  /** The ids in ascending order, as an array. */
  toArray(): number[] {
    return [...this];
  }
}
