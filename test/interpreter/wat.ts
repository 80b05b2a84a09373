/** Compiles inline WebAssembly text for the interpreter tests, with the npm `wabt` package. */
import wabt from "wabt";

let tools: ReturnType<typeof wabt> | undefined;

export async function wat(source: string): Promise<Uint8Array> {
  tools ??= wabt();
  const parsed = (await tools).parseWat("inline.wat", source);
  try {
    parsed.resolveNames();
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
