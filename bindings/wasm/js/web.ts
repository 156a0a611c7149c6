// The web entry point (ES module): call the default export, `init()`, once before anything
// else, and `initReview()` before framework revisions or endorsements.
import wasmInit, { initSync as wasmInitSync } from "./chime_standards_wasm.js";
import type { InitInput, SyncInitInput } from "./chime_standards_wasm.js";
import { state } from "./state.js";

export * from "./api.js";
export type { InitInput, SyncInitInput };

/**
 * Loads the WebAssembly module. By default it is fetched from beside this file
 * (`chime_standards_wasm_bg.wasm`); pass `{ module_or_path }` (a URL, a `Response`, bytes or a
 * compiled `WebAssembly.Module`) to load it from elsewhere. Safe to call more than once.
 */
export default async function init(options?: {
  module_or_path: InitInput | Promise<InitInput>;
}): Promise<void> {
  await wasmInit(options);
  state.ready = true;
}

/** Loads the WebAssembly module synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(options: { module: SyncInitInput }): void {
  wasmInitSync(options);
  state.ready = true;
}

/**
 * Loads the second WebAssembly module, which framework revisions (`diff`, `changesText`,
 * `draftMapping`, `validateMapping`, `migrate`, `compare` with a mapping) and endorsements
 * (`verify`, `signEndorsement`, `keyFromBytes`, `generateKey`, `publicKey`) need. It is apart
 * so that a page that only rates and scores never downloads it. By default it is fetched from
 * beside this file (`chime_standards_review_bg.wasm`); `{ module_or_path }` as for `init()`.
 * Safe to call more than once.
 */
export async function initReview(options?: {
  module_or_path: InitInput | Promise<InitInput>;
}): Promise<void> {
  const glue = await import("./chime_standards_review.js");
  await glue.default(options);
  state.review = glue;
}
