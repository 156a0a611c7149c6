// The Node.js entry point (CommonJS): the WebAssembly module is loaded synchronously on import.
import { state } from "./state.js";

state.ready = true;

export * from "./api.js";
