// The web build's loading functions, type-checked against its .d.ts (never run).
import init, { initSync, Framework } from "chime-standards";

export async function start(bytes: ArrayBuffer, module: WebAssembly.Module): Promise<Framework> {
  await init();
  await init({ module_or_path: new URL("https://example.invalid/chime_standards_wasm_bg.wasm") });
  await init({ module_or_path: fetch("/chime_standards_wasm_bg.wasm") });
  initSync({ module: bytes });
  initSync({ module });
  return new Framework();
}
