#!/usr/bin/env bash
# Builds the npm package `chime-standards` into bindings/wasm/pkg/ (not committed):
#
#   pkg/package.json   conditional exports: Node.js gets node/, everything else web/
#   pkg/web/           ES module; call the default export `init()` before anything else, and
#                      `initReview()` before framework revisions and endorsements
#   pkg/node/          CommonJS; loads the main .wasm on import, the review .wasm on first use
#   pkg/web/*.wasm     the two modules: chime_standards_wasm_bg.wasm (frameworks, validation,
#                      scoring, rendering, merge, cohort) and chime_standards_review_bg.wasm
#   pkg/schema/        the JSON Schemas (also in web/ and node/ as schemas.js, for schema())
#   pkg/README.md      bindings/wasm/README.md
#
# Needs: the wasm32-unknown-unknown Rust target, the `wasm-bindgen` CLI of exactly the version
# pinned in Cargo.toml, and `npm ci` run in bindings/wasm (for wasm-opt and tsc).
# scripts/test-wasm.sh installs all three when they are missing, then calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
wasm_dir=bindings/wasm
pkg=$wasm_dir/pkg
stage=target/wasm-pkg-stage
bin=$wasm_dir/node_modules/.bin

pinned=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$installed" != "$pinned" ]; then
  echo "build-wasm: need wasm-bindgen $pinned, found '${installed:-none}'; run scripts/test-wasm.sh (it installs it)" >&2
  exit 2
fi
if [ ! -x "$bin/wasm-opt" ] || [ ! -x "$bin/tsc" ]; then
  echo "build-wasm: run 'npm ci' in $wasm_dir first (wasm-opt and tsc)" >&2
  exit 2
fi

rm -rf "$stage" "$pkg"
mkdir -p "$stage/web" "$stage/node" "$pkg"
version=$(cargo metadata --locked --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="chime-standards-wasm");process.stdout.write(p.version)})')
# Respect a CARGO_TARGET_DIR set by the caller, as cargo does.
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/chime_standards_wasm.wasm

# Two modules from one crate (bindings/wasm/src/lib.rs says why): `engine`, the main one, and
# `review`, loaded on first use. Each is built with its feature alone, so that each holds only
# the code its exports reach.
for module in engine review; do
  name=chime_standards_wasm
  [ $module = review ] && name=chime_standards_review
  echo "build-wasm: cargo build $module (profile wasm-release)"
  cargo build --locked -p chime-standards-wasm --target wasm32-unknown-unknown --profile wasm-release \
    --no-default-features --features $module
  echo "build-wasm: wasm-bindgen $pinned (web and nodejs) for $name"
  wasm-bindgen --target web --out-dir "$stage/web" --out-name $name "$raw"
  wasm-bindgen --target nodejs --out-dir "$stage/node" --out-name $name "$raw"
  # The module is the same for both targets (checked); optimise it once. -O2 rather than -Oz:
  # after opt-level 2 it is the smaller gzipped, and it keeps binaryen's speed passes
  # (bindings/wasm/README.md, "Size and speed").
  cmp -s "$stage/web/${name}_bg.wasm" "$stage/node/${name}_bg.wasm" ||
    { echo "build-wasm: the web and nodejs modules of $name differ; ship both" >&2; exit 1; }
  echo "build-wasm: wasm-opt -O2 $name"
  "$bin/wasm-opt" -O2 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-multivalue --enable-reference-types \
    "$stage/web/${name}_bg.wasm" -o "$stage/${name}_bg.wasm"
done

# wasm-bindgen declares `[Symbol.dispose]` on its (internal) Engine class, which only compiles
# with TypeScript's esnext.disposable lib; drop that line so the shipped types need no new lib.
for target in web node; do
  sed -i '/^ *\[Symbol\.dispose\]()/d' "$stage/$target"/chime_standards_{wasm,review}.d.ts
done

echo "build-wasm: tsc (the JavaScript wrapper and its .d.ts)"
for target in web node; do
  dir=$stage/$target
  cp $wasm_dir/js/api.ts $wasm_dir/js/state.ts "$dir/"
  cp $wasm_dir/js/$target.ts "$dir/index.ts"
  printf '// Written by scripts/build-wasm.sh.\nexport const VERSION = "%s";\n' "$version" >"$dir/version.ts"
  # The JSON Schemas as JavaScript text for schema(): not in the .wasm, which every page loads,
  # but in a module that bundlers drop from sites that never ask for a schema.
  node - "$dir/schemas.ts" schema <<'EOF'
const fs = require("fs");
const [out, dir] = process.argv.slice(2);
const entries = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith(".schema.json"))
  .sort()
  .map((file) => {
    const minified = JSON.stringify(JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8")));
    return `  ${file.replace(".schema.json", "")}: ${JSON.stringify(minified)},\n`;
  });
fs.writeFileSync(
  out,
  "// Written by scripts/build-wasm.sh from schema/*.schema.json: each JSON Schema as text.\n" +
    `export const SCHEMAS: Readonly<Record<string, string>> = {\n${entries.join("")}};\n`,
);
EOF
  if [ $target = web ]; then module=es2020; resolution=bundler; else module=commonjs; resolution=node10; fi
  cat >"$dir/tsconfig.json" <<EOF
{
  "extends": "$root/$wasm_dir/tsconfig.build.json",
  "compilerOptions": {
    "rootDir": ".",
    "outDir": "$root/$pkg/$target",
    "module": "$module",
    "moduleResolution": "$resolution"
  },
  "files": ["index.ts"]
}
EOF
  "$bin/tsc" --project "$dir/tsconfig.json"
  # The wasm-bindgen glue, as generated.
  cp "$dir"/chime_standards_{wasm,review}.js "$dir"/chime_standards_{wasm,review}.d.ts "$pkg/$target/"
done
# Each .wasm once in the package: the Node.js glue reads the web build's.
for name in chime_standards_wasm chime_standards_review; do
  cp "$stage/${name}_bg.wasm" "$pkg/web/"
  node_glue=$pkg/node/$name.js
  from="\${__dirname}/${name}_bg.wasm"
  to="\${__dirname}/../web/${name}_bg.wasm"
  grep -qF "$from" "$node_glue" || { echo "build-wasm: the nodejs glue no longer reads $from; update this script" >&2; exit 1; }
  sed -i "s#$from#$to#" "$node_glue"
done
# Bundlers read `sideEffects` from the nearest package.json: the web build does nothing on
# import, so a site may drop whatever of it (the schemas, say) it does not use. The Node.js
# build loads the module on import, so it says nothing.
printf '{ "type": "module", "sideEffects": false }\n' >"$pkg/web/package.json"
printf '{ "type": "commonjs" }\n' >"$pkg/node/package.json"

cp $wasm_dir/README.md "$pkg/README.md"
mkdir -p "$pkg/schema"
cp schema/*.schema.json "$pkg/schema/"
node - "$pkg/package.json" "$version" <<'EOF'
const [file, version] = process.argv.slice(2);
const entry = (dir) => ({ types: `./${dir}/index.d.ts`, default: `./${dir}/index.js` });
const manifest = {
  name: "chime-standards",
  version,
  description:
    "CHIME recovery standards for Lived Experience Recovery Organisations: validate and score self-assessments, explain every number (WebAssembly)",
  license: "MIT OR Apache-2.0",
  keywords: ["chime", "recovery", "standards", "self-assessment", "lero", "webassembly"],
  type: "module",
  exports: {
    ".": { node: entry("node"), default: entry("web") },
    "./web": entry("web"),
    "./node": entry("node"),
    "./schema/*": "./schema/*",
    "./package.json": "./package.json",
  },
  main: "./node/index.js",
  module: "./web/index.js",
  types: "./node/index.d.ts",
  files: ["web/", "node/", "schema/", "README.md"],
  engines: { node: ">=18" },
};
require("fs").writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
EOF

echo "build-wasm: wrote $pkg (version $version)"
for name in chime_standards_wasm chime_standards_review; do
  bytes=$(wc -c <"$pkg/web/${name}_bg.wasm")
  gz=$(gzip -9c "$pkg/web/${name}_bg.wasm" | wc -c)
  echo "build-wasm: ${name}_bg.wasm is $bytes bytes, $gz bytes gzipped (gzip -9)"
done
