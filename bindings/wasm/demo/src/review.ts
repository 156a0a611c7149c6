// The engine's revision and endorsement functions (spec 9 and 10), in one place.
//
// They live in the package's second WebAssembly module, which the page fetches only when
// someone first opens a new framework version or an endorsement (most visitors never do); on
// the web build that module needs `await initReview()` first. The page calls `reviewReady()`
// before every call to them, and imports them only from here.

import { initReview } from "../chime/index.js";

export { migrate, validateMapping, verify } from "../chime/index.js";

/** What the page says when the second module cannot be fetched. */
export const NOT_LOADED =
  "This step needs a part of the page that is not on this device yet. Connect to the internet once and try again; after that it works offline too.";

let loading: Promise<boolean> | undefined;

/**
 * Whether the review functions can be called: fetches their module the first time. False
 * when it cannot be fetched (offline before its first use); the next call tries again.
 */
export function reviewReady(): Promise<boolean> {
  loading ??= initReview().then(
    () => true,
    () => {
      loading = undefined;
      return false;
    },
  );
  return loading;
}
