// Row stage: spots rows that repeat an earlier (waba, customer, agent) triple so they are reported as
// duplicates instead of calling the API twice. A million-row file must not mean a million strings kept,
// so only a 64-bit hash of each key is stored, in flat typed arrays.
//
// Two different keys sharing a 64-bit hash would make the second one look like a duplicate. For n keys
// the odds are about n² / 2^65: roughly 3 in 100 million for a million rows.

const PARTS = 64; // a power of two: a key's part is its hash's top 6 bits
const PART_SHIFT = 32 - Math.log2(PARTS);
const INITIAL_PART_SLOTS = 16;
const MAX_LOAD = 0.7; // linear probing slows sharply past ~70% full
// A part grows by half rather than doubling, so it is 47 to 70% full after its first growth (35 to
// 70% if it doubled): 19 to 28 bytes a pair, not 19 to 37.
const GROWTH = 1.5;
const TWO_TO_32 = 2 ** 32;
const WORDS_PER_SLOT = 3; // hash hi, hash lo, row + 1 (0 marks an empty slot)
const MAX_OUTCOME = 0xff; // outcomes live in a byte per slot beside the table: 13 bytes a slot, not 16
const MAX_ROW = 0xffff_fffe;

let hashHi = 0;
let hashLo = 0;

/**
 * cyrb53 without its final truncation to 53 bits: two independently seeded multiply-xor lanes over the
 * UTF-16 code units, cross-mixed at the end so every input bit reaches both 32-bit halves.
 * Writes to module variables rather than returning a pair, to keep the hot path free of allocations.
 */
function hash64(key: string): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i += 1) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  hashHi = h2 >>> 0;
  hashLo = h1 >>> 0;
}

/**
 * One linear-probing table of hashes, rows and outcomes. The set spreads its keys over PARTS of these
 * by the hash's top bits, so that a growing part copies 1/PARTS of the set: one table would hold its
 * old and new arrays at once as it grew (41 MB for a moment at 734,000 pairs, the peak of a
 * million-row run), the parts at most 1/PARTS of that.
 */
class HashPart {
  // One interleaved array rather than three keeps a probe within one cache line.
  table = new Uint32Array(INITIAL_PART_SLOTS * WORDS_PER_SLOT);
  /** What became of each claimed triple (0 = nothing yet), by slot. */
  outcomes = new Uint8Array(INITIAL_PART_SLOTS);
  size = 0;
  #slots = INITIAL_PART_SLOTS;

  /** Word offset of the slot holding this hash, or of the empty slot where it belongs. */
  find(hi: number, lo: number): number {
    const table = this.table;
    const slots = this.#slots;
    // lo * slots / 2^32 spreads the 32-bit word over any table size (no power of two needed); it is
    // exact below 2^21 slots a part, and the wrap also catches a rounding up to `slots` beyond that.
    let slot = Math.floor((lo * slots) / TWO_TO_32);
    for (;;) {
      if (slot >= slots) slot = 0;
      const at = slot * WORDS_PER_SLOT;
      if (table[at + 2] === 0 || (table[at] === hi && table[at + 1] === lo)) return at;
      slot += 1;
    }
  }

  /** Stores a new key at `at` (from find), growing when past the load limit. */
  add(at: number, hi: number, lo: number, rowPlusOne: number): void {
    this.#write(at, hi, lo, rowPlusOne);
    this.size += 1;
    if (this.size > this.#slots * MAX_LOAD) this.#grow();
  }

  #write(at: number, hi: number, lo: number, rowPlusOne: number): void {
    this.table[at] = hi;
    this.table[at + 1] = lo;
    this.table[at + 2] = rowPlusOne;
  }

  #grow(): void {
    const old = this.table;
    const oldOutcomes = this.outcomes;
    this.#slots = Math.ceil(this.#slots * GROWTH);
    this.table = new Uint32Array(this.#slots * WORDS_PER_SLOT);
    this.outcomes = new Uint8Array(this.#slots);
    for (let at = 0; at < old.length; at += WORDS_PER_SLOT) {
      const rowPlusOne = old[at + 2] ?? 0;
      if (rowPlusOne === 0) continue;
      const hi = old[at] ?? 0;
      const lo = old[at + 1] ?? 0;
      const to = this.find(hi, lo);
      this.#write(to, hi, lo, rowPlusOne);
      this.outcomes[to / WORDS_PER_SLOT] = oldOutcomes[at / WORDS_PER_SLOT] ?? 0;
    }
  }
}

/** Remembers which (waba, customer, agent) triples were already claimed and by which data row, in bounded memory. */
export class PairSet {
  #parts = Array.from({ length: PARTS }, () => new HashPart());
  #size = 0;

  /** If `key` was claimed before, returns that first row number; otherwise records `row` as its claimant and returns undefined. */
  claim(key: string, row: number): number | undefined {
    if (!Number.isInteger(row) || row < 0 || row > MAX_ROW) throw new RangeError(`row must be an integer from 0 to ${MAX_ROW}, got ${row}`);
    const part = this.#partOf(key);
    const at = part.find(hashHi, hashLo);
    const stored = part.table[at + 2] ?? 0;
    if (stored !== 0) return stored - 1;
    part.add(at, hashHi, hashLo, row + 1);
    this.#size += 1;
    return undefined;
  }

  /** The row that claimed `key`, without claiming it; undefined when none did. */
  rowOf(key: string): number | undefined {
    const part = this.#partOf(key);
    const stored = part.table[part.find(hashHi, hashLo) + 2] ?? 0;
    return stored === 0 ? undefined : stored - 1;
  }

  /**
   * Records what became of a claimed triple when its row was sent (a small code of the caller's, not
   * 0), so a later row that named the same triple can say so instead of inheriting a success.
   */
  setOutcome(key: string, outcome: number): void {
    if (!Number.isInteger(outcome) || outcome < 1 || outcome > MAX_OUTCOME) throw new RangeError(`outcome must be an integer from 1 to ${MAX_OUTCOME}, got ${outcome}`);
    const part = this.#partOf(key);
    const at = part.find(hashHi, hashLo);
    if (part.table[at + 2] !== 0) part.outcomes[at / WORDS_PER_SLOT] = outcome;
  }

  /** The outcome recorded for a claimed triple; 0 when none yet (or never claimed). */
  outcomeOf(key: string): number {
    const part = this.#partOf(key);
    const at = part.find(hashHi, hashLo);
    return part.table[at + 2] === 0 ? 0 : (part.outcomes[at / WORDS_PER_SLOT] ?? 0);
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes held by the tables, for memory checks and progress logs. */
  get byteLength(): number {
    return this.#parts.reduce((sum, part) => sum + part.table.byteLength + part.outcomes.byteLength, 0);
  }

  /** Hashes `key` (into hashHi/hashLo) and picks its part by the hash's top bits; the slot comes from the low word. */
  #partOf(key: string): HashPart {
    hash64(key);
    return this.#parts[hashHi >>> PART_SHIFT]!;
  }
}
