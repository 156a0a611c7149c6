// What is loaded: the main WebAssembly module (at once in Node.js, after `init()` on the web)
// and the review module (on first use in Node.js, after `initReview()` on the web).
import type * as ReviewGlue from "./chime_standards_review.js";

export type ReviewModule = typeof ReviewGlue;

export const state: {
  ready: boolean;
  review: ReviewModule | undefined;
  /** How this build loads the review module synchronously, where it can (Node.js). */
  loadReview: (() => ReviewModule) | undefined;
} = { ready: false, review: undefined, loadReview: undefined };
