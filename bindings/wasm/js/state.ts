// Whether the WebAssembly module is ready: at once in Node.js, after `init()` on the web.
export const state = { ready: false };
