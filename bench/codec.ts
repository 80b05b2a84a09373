/**
 * P4 (issue 5): a typed struct encoded and decoded by our wire codec (host-runtime/wire, the descriptors the
 * generated stubs declare) against @msgpack/msgpack with one `Encoder` and `Decoder` reused for every call, as its
 * docs advise. Two structs: the cuckoo example's `Input {x, y}` and a 20-field record of mixed types. Each row is
 * one encode plus one decode of the same value; ours also checks every field against its type while decoding.
 * Each figure: median of 5 interleaved rounds of 200 ms. Goal: ≥ 2×.
 * Run with `npm run bench`, or alone with `npx tsx bench/codec.ts`.
 */
import { Decoder, Encoder } from "@msgpack/msgpack";
import { decodeValue, encodeValue, wire } from "../host-runtime/wire/index.js";
import { ns, nsPerCall, ratio, spread } from "./measure.js";
import { recordResults } from "./results.js";

const encoder = new Encoder();
const decoder = new Decoder();
const encode = (value: unknown) => encoder.encode(value);
const decode = (bytes: Uint8Array) => decoder.decode(bytes);

const $Input = wire.struct("Input", () => [
  ["x", wire.string],
  ["y", wire.string],
]);

const $Record = wire.struct("Record", () => [
  ["id", wire.u32],
  ["name", wire.string],
  ["email", wire.string],
  ["age", wire.u8],
  ["score", wire.f64],
  ["active", wire.bool],
  ["balance", wire.i32],
  ["country", wire.string],
  ["city", wire.string],
  ["zip", wire.string],
  ["tags", wire.list(wire.string)],
  ["ratings", wire.list(wire.i32)],
  ["nickname", wire.optional(wire.string)],
  ["manager", wire.optional(wire.u32)],
  ["height", wire.f32],
  ["level", wire.u16],
  ["verified", wire.bool],
  ["team", wire.string],
  ["title", wire.string],
  ["notes", wire.string],
]);

const input = { x: "shashank", y: "test" };
const record = {
  id: 123456,
  name: "Ada Lovelace",
  email: "ada@example.com",
  age: 36,
  score: 98.25,
  active: true,
  balance: -4200,
  country: "UK",
  city: "London",
  zip: "W1",
  tags: ["math", "engines"],
  ratings: [5, 4, 5],
  nickname: "Countess",
  manager: undefined,
  height: 1.5,
  level: 7,
  verified: false,
  team: "analytical",
  title: "Enchantress of Numbers",
  notes: "first programmer",
};

async function run(): Promise<void> {
  console.log("\nP4: typed struct encode + decode, ns/op (median of 5 interleaved rounds of 200 ms; msgpack Encoder/Decoder reused)");
  const rows: unknown[] = [];
  console.log(`  ${"struct".padEnd(14)}${"msgpack".padStart(10)}${"ours".padStart(10)}${"enc msgpack".padStart(13)}${"enc ours".padStart(10)}${"dec msgpack".padStart(13)}${"dec ours".padStart(10)}${"ratio".padStart(8)}`);
  for (const [label, type, value] of [["Input {x, y}", $Input, input], ["20-field", $Record, record]] as const) {
    const theirsBytes = encode(value);
    const oursBytes = encodeValue(type, value);
    const [theirs, ours, encTheirs, encOurs, decTheirs, decOurs] = await nsPerCall([
      { fn: () => decode(encode(value)) },
      { fn: () => decodeValue(type, encodeValue(type, value)) },
      { fn: () => encode(value) },
      { fn: () => encodeValue(type, value) },
      { fn: () => decode(theirsBytes) },
      { fn: () => decodeValue(type, oursBytes) },
    ]);
    console.log(
      `  ${label.padEnd(14)}${ns(theirs!.median)}${ns(ours!.median)}${ns(encTheirs!.median, 13)}${ns(encOurs!.median)}` +
        `${ns(decTheirs!.median, 13)}${ns(decOurs!.median)}${ratio(theirs!.median / ours!.median)}   ours ${spread(ours!, 0)}, msgpack ${spread(theirs!, 0)}`,
    );
    rows.push({ struct: label, msgpack: theirs, ours, encMsgpack: encTheirs, encOurs, decMsgpack: decTheirs, decOurs });
  }
  console.log("  goal: ≥ 2×");
  recordResults("codec", rows);
}

await run();
