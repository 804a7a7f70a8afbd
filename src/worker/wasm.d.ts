/** A .wasm file imported by the Worker: the build hands it over compiled (CompiledWasm module rule). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
