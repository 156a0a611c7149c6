// The Node.js entry point (CommonJS): the main WebAssembly module is loaded synchronously on
// import, the review module (framework revisions and endorsements) on first use.
import { state } from "./state.js";
import type { ReviewModule } from "./state.js";

// CommonJS's own `require`, declared here so that the package needs no @types/node.
declare const require: (id: string) => unknown;

state.ready = true;
state.loadReview = () => require("./chime_standards_review.js") as ReviewModule;

export * from "./api.js";

/**
 * Loads the review module (framework revisions and endorsements). Node.js loads it by itself
 * on first use, so this is only for code shared with the web build, where it is needed.
 */
export async function initReview(): Promise<void> {
  state.review ??= state.loadReview?.();
}
