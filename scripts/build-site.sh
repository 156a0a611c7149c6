#!/usr/bin/env bash
# Builds the self-assessment web page into bindings/wasm/site/ (not committed): a static site
# with no external resources that any static file server can serve, and that works offline
# once loaded (service worker).
#
#   site/index.html, boot.js, style.css, icon.svg, manifest.webmanifest   from bindings/wasm/demo/
#   site/app/main.js     the page (bindings/wasm/demo/src/*.ts, type-checked by tsc) and the
#                        npm package's web build (pkg/web/), bundled by esbuild
#   site/app/*.wasm      the package's two WebAssembly modules: the main one, loaded at once,
#                        and the review one (migration, endorsements), loaded on first use
#   site/sw.js           the service worker, listing every file above with a hash of them all
#
# Builds bindings/wasm/pkg/ first when it is missing (scripts/build-wasm.sh; it needs the tools
# scripts/test-wasm.sh installs). Try it:  node bindings/wasm/demo/serve.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
wasm_dir=bindings/wasm
demo=$wasm_dir/demo
site=$wasm_dir/site
stage=target/site-stage
bin=$wasm_dir/node_modules/.bin

if [ ! -x "$bin/tsc" ] || [ ! -x "$bin/esbuild" ]; then
  echo "build-site: npm ci in $wasm_dir (for tsc and esbuild)"
  (cd $wasm_dir && npm ci --no-audit --no-fund --prefer-offline)
fi
if [ ! -f $wasm_dir/pkg/web/index.js ] || [ ! -f $wasm_dir/pkg/web/chime_standards_wasm_bg.wasm ]; then
  echo "build-site: $wasm_dir/pkg/ is missing; building it"
  bash scripts/build-wasm.sh
fi

echo "build-site: tsc (the page, type-checked against the package's .d.ts)"
rm -rf "$stage" "$site"
mkdir -p "$stage/src" "$stage/chime" "$site/app"
cp $demo/tsconfig.json "$stage/"
cp $demo/src/*.ts "$stage/src/"
cp $wasm_dir/pkg/web/*.d.ts $wasm_dir/pkg/web/*.js "$stage/chime/"
"$bin/tsc" --project "$stage/tsconfig.json" --noEmit

echo "build-site: esbuild (the page and the package's web build, as one file)"
# One request instead of a dozen on a slow connection, and only the package code the page
# uses: the JSON Schemas, for one, stay out. ES2020 is the oldest target that keeps
# import.meta, which the web build uses to find its .wasm.
"$bin/esbuild" "$stage/src/main.ts" --bundle --format=esm --target=es2020 --minify \
  --log-level=warning --outfile="$site/app/main.js"
# The web build fetches the .wasm from beside itself, which is now beside the bundle; the
# review module (migration and endorsements) only when the page first needs it.
cp $wasm_dir/pkg/web/chime_standards_wasm_bg.wasm $wasm_dir/pkg/web/chime_standards_review_bg.wasm "$site/app/"

cp $demo/index.html $demo/boot.js $demo/style.css $demo/icon.svg $demo/manifest.webmanifest "$site/"

echo "build-site: service worker"
node - "$site" "$demo/sw.js" <<'EOF'
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const [site, template] = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) walk(full);
    else files.push(path.relative(site, full).split(path.sep).join("/"));
  }
})(site);
const hash = crypto.createHash("sha256");
for (const file of files) hash.update(file).update("\0").update(fs.readFileSync(path.join(site, file)));
const version = hash.digest("hex").slice(0, 16);
// The review module is cached when first used, not on install: most visitors never need it,
// and on a phone it would double what the page downloads.
const onDemand = (file) => file.endsWith("/chime_standards_review_bg.wasm");
const list = ["./", ...files.filter((file) => !onDemand(file))];
const text = fs
  .readFileSync(template, "utf8")
  .replace('"__VERSION__"', JSON.stringify(version))
  .replace("__FILES__", JSON.stringify(list, null, 2));
if (text.includes("__VERSION__") || text.includes("__FILES__")) throw new Error("sw.js template not filled in");
fs.writeFileSync(path.join(site, "sw.js"), text);
console.log(`build-site: sw.js caches ${list.length} entries, version ${version}`);
EOF

total=$(find "$site" -type f -exec cat {} + | wc -c)
wasm=$site/app/chime_standards_wasm_bg.wasm
wasm_gz=$(gzip -9c "$wasm" | wc -c)
review=$site/app/chime_standards_review_bg.wasm
review_gz=$(gzip -9c "$review" | wc -c)
rest_gz=$(find "$site" -type f ! -name '*.wasm' -exec cat {} + | gzip -9c | wc -c)
echo "build-site: wrote $site: $(find "$site" -type f | wc -l) files, $total bytes"
echo "build-site: the main .wasm is $(wc -c <"$wasm") bytes, $wasm_gz gzipped; everything else $rest_gz bytes gzipped"
echo "build-site: the review .wasm, loaded on first use, is $(wc -c <"$review") bytes, $review_gz gzipped"
