// The engine's revision and endorsement functions (spec 9 and 10), in one place.
//
// The package is being split so that these live in a second WebAssembly module, loaded only
// when someone uses them; on the web build that module needs `await initReview()` first. The
// page calls `reviewReady()` before every call to them, and imports them only from here.

export { migrate, validateMapping, verify } from "../chime/index.js";

/** Resolves once the review functions can be called. */
export async function reviewReady(): Promise<void> {
  // The lead replaces this with: await initReview();
}
