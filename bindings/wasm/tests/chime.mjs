// The package under test: the Node.js build in ../pkg, written by scripts/build-wasm.sh.
// (tests/install.test.mjs also installs it into a fresh project, as a user would.)
export * from "../pkg/node/index.js";
