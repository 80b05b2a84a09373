/**
 * The typed host app: loads a cuckoo filter guest through the stubs generated from schema.widl
 * (generated/cuckoo.ts) and calls it with plain TypeScript values, no msgpack in sight.
 *
 *   node --import tsx host.ts build/cuckoo-as.wasm
 *
 * It prints the book's checks, then measures the filter's false-positive rate: 10,000 words go in, 10,000 words
 * that were never added are probed, and every "true" among those is a false positive.
 */
import { Cuckoo } from "./generated/cuckoo.js";

const WORDS = 10_000;
const guestPath = process.argv[2] ?? "build/cuckoo-as.wasm";
const cuckoo = await Cuckoo.load(guestPath);

console.log(`guest: ${guestPath}`);
console.log(`check_word_exists foo → ${cuckoo.checkWordExists("foo")}`);
console.log(`check_word_exists test → ${cuckoo.checkWordExists("test")}`);
console.log(`handle_input {"x":"shashank","y":"test"} → ${cuckoo.handleInput({ x: "shashank", y: "test" })}`);

let rejected = 0;
for (let i = 0; i < WORDS; i++) if (!cuckoo.addWord(`word-${i}`)) rejected++;
let missing = 0;
for (let i = 0; i < WORDS; i++) if (cuckoo.checkWordExists(`word-${i}`) !== "true") missing++;
let falsePositives = 0;
for (let i = 0; i < WORDS; i++) if (cuckoo.checkWordExists(`absent-${i}`) === "true") falsePositives++;

const stats = cuckoo.stats();
// With b slots per bucket and f-bit fingerprints, a lookup compares against 2b fingerprints, each matching by
// chance with probability 2^-f; at load factor α that is about 2bα / 2^f.
const expected = (2 * 4 * stats.loadFactor) / 2 ** stats.fingerprintBits;
console.log(
  `filter: ${stats.items} items in ${stats.buckets} buckets × 4 (${stats.capacity} slots), load factor ` +
    `${stats.loadFactor.toFixed(3)}, ${stats.fingerprintBits}-bit fingerprints`,
);
console.log(`added ${WORDS} words: ${rejected} rejected (filter full), ${missing} not found afterwards (false negatives)`);
console.log(
  `false positives: ${falsePositives} of ${WORDS} absent words = ${((100 * falsePositives) / WORDS).toFixed(2)}% ` +
    `(expected about ${(100 * expected).toFixed(2)}%)`,
);
console.log(`delete_word foo → ${cuckoo.deleteWord("foo")}; check_word_exists foo → ${cuckoo.checkWordExists("foo")}`);
