/**
 * The cuckoo filter guest in AssemblyScript: the book's `check_word_exists` and `handle_input`, plus the filter's
 * own `add_word`, `delete_word` and `stats`, over the glue generated into ./module.ts (`Handlers`, `Input`, `Stats`).
 */
import { CuckooFilter } from "./cuckoo-filter";
import { Handlers, Input, Stats } from "./module";

/** 4096 buckets × 4 slots: room for 16,384 fingerprints, enough for the host app's 10,000 words. */
const BUCKET_COUNT_LOG2 = 12;
/** The words the book preloads. */
const PRELOADED = ["foo", "bar", "xylophone", "milagro"];

const filter = new CuckooFilter(BUCKET_COUNT_LOG2);
for (let i = 0; i < PRELOADED.length; i++) filter.add(PRELOADED[i]);

// The book answers the strings "true" and "false", not a bool.
Handlers.registerCheckWordExists((name: string): string => (filter.contains(name) ? "true" : "false"));

Handlers.registerHandleInput((inp: Input): string => inp.x);

Handlers.registerAddWord((word: string): bool => filter.add(word));

Handlers.registerDeleteWord((word: string): bool => filter.delete(word));

Handlers.registerStats((): Stats => {
  const s = filter.stats();
  const out = new Stats();
  out.items = s.items;
  out.capacity = s.capacity;
  out.buckets = s.buckets;
  out.loadFactor = s.loadFactor;
  out.fingerprintBits = s.fingerprintBits;
  return out;
});

export { __guest_call } from "./module";
