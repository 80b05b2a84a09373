// polywasm 0.2 ships no types: it exports a `WebAssembly` namespace object with the JS API's shape.
declare module "polywasm" {
  export const WebAssembly: typeof globalThis.WebAssembly;
}
