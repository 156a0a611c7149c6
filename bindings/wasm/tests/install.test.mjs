// The package as a user gets it: `npm pack` of pkg/, installed into a fresh Node project, then
// imported as the README documents (ES module, CommonJS, the web subpath), the README's `js`
// examples run there, and tests/usage.ts type-checked there through the package's exports.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const wasmDir = join(here, "..");
const tsc = join(wasmDir, "node_modules", ".bin", "tsc");
let project;

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: project, encoding: "utf8", stdio: "pipe", ...options });
}

before(() => {
  project = mkdtempSync(join(tmpdir(), "chime-standards-user-"));
  const packed = mkdtempSync(join(tmpdir(), "chime-standards-pack-"));
  run("npm", ["pack", join(wasmDir, "pkg"), "--pack-destination", packed, "--silent"]);
  const tarball = readdirSync(packed).find((name) => name.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", join(packed, tarball)]);
  rmSync(packed, { recursive: true, force: true });
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test("the tarball holds one .wasm, the builds and the README", () => {
  const root = join(project, "node_modules", "chime-standards");
  const files = (dir) => readdirSync(join(root, dir)).sort();
  assert.deepEqual(files("."), ["README.md", "node", "package.json", "schema", "web"]);
  assert.deepEqual(files("schema"), [
    "assessment.schema.json",
    "changes.schema.json",
    "cohort.schema.json",
    "comparison.schema.json",
    "endorsement.schema.json",
    "framework.schema.json",
    "keys.schema.json",
    "mapping.schema.json",
    "report.schema.json",
    "verification.schema.json",
  ]);
  assert.ok(files("web").includes("chime_standards_wasm_bg.wasm"));
  assert.ok(files("web").includes("chime_standards_review_bg.wasm"), "the second module, loaded on first use");
  assert.ok(!files("node").some((name) => name.endsWith(".wasm")), "the Node build shares the web build's .wasm");
});

test("an ES module imports it (Node's build, through the conditional exports)", () => {
  writeFileSync(
    join(project, "esm.mjs"),
    `import { score, defaultFramework, Framework, ChimeError, version } from "chime-standards";
     const resolved = import.meta.resolve("chime-standards");
     if (!resolved.endsWith("/node/index.js")) throw new Error("resolved " + resolved);
     const f = new Framework();
     let code;
     try { f.score("{") } catch (e) { if (e instanceof ChimeError) code = e.code }
     console.log(JSON.stringify({ id: defaultFramework().id, version, code, fn: typeof score }));`,
  );
  const out = JSON.parse(run("node", ["esm.mjs"]));
  assert.deepEqual(out, { id: "chime-lero", version: out.version, code: "invalid_json", fn: "function" });
});

test("the schemas are files of the package too, the same as schema() returns", () => {
  writeFileSync(
    join(project, "files.mjs"),
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     import { schema } from "chime-standards";
     const file = fileURLToPath(import.meta.resolve("chime-standards/schema/report.schema.json"));
     const same = JSON.stringify(JSON.parse(readFileSync(file, "utf8"))) === JSON.stringify(schema("report"));
     console.log(same);`,
  );
  assert.equal(run("node", ["files.mjs"]).trim(), "true");
});

test("a bundled site carries the schemas only when it calls schema()", () => {
  const esbuild = join(wasmDir, "node_modules", ".bin", "esbuild");
  const bundle = (name, source) => {
    writeFileSync(join(project, `${name}.mjs`), source);
    run(esbuild, [`${name}.mjs`, "--bundle", "--format=esm", "--platform=browser", "--minify", `--outfile=${name}.out.js`]);
    return readFileSync(join(project, `${name}.out.js`), "utf8");
  };
  const scoring = bundle(
    "scoring-site",
    `import init, { Framework } from "chime-standards";
     await init();
     console.log(new Framework().id);`,
  );
  const withSchemas = bundle(
    "schema-site",
    `import { schema } from "chime-standards";
     console.log(schema("report").$id);`,
  );
  const reviewing = bundle(
    "review-site",
    `import init, { initReview, verify } from "chime-standards";
     await init();
     await initReview();
     console.log(typeof verify);`,
  );
  // The web build declares itself free of side effects, so an import of it alone adds nothing.
  const bare = bundle("bare-site", `import "chime-standards";`);
  const marker = "urn:chime-standards:schema:report@1";
  assert.ok(scoring.includes("chime_standards_wasm_bg.wasm"), "the scoring site bundles the web build");
  assert.ok(!scoring.includes(marker), "the scoring site carries no schema");
  assert.ok(!scoring.includes("chime_standards_review_bg.wasm"), "the scoring site never loads the review module");
  assert.ok(reviewing.includes("chime_standards_review_bg.wasm"), "a reviewing site loads it");
  assert.ok(withSchemas.includes(marker), "the schema site carries the schemas");
  assert.equal(bare.trim(), "", "a bare import bundles nothing");
});

test("CommonJS requires it", () => {
  writeFileSync(
    join(project, "cjs.cjs"),
    `const { Framework, schema } = require("chime-standards");
     console.log(new Framework().id, Object.keys(schema("report")).includes("$defs"));`,
  );
  assert.equal(run("node", ["cjs.cjs"]).trim(), "chime-lero true");
});

test("the web build is there by name and needs init()", () => {
  writeFileSync(
    join(project, "web.mjs"),
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     import init, { defaultFramework } from "chime-standards/web";
     const wasm = new URL("./chime_standards_wasm_bg.wasm", import.meta.resolve("chime-standards/web"));
     let before = "";
     try { defaultFramework() } catch (e) { before = e.message }
     await init({ module_or_path: readFileSync(fileURLToPath(wasm)) });
     console.log(before.includes("init()"), defaultFramework().id);`,
  );
  assert.equal(run("node", ["web.mjs"]).trim(), "true chime-lero");
});

test("the web build's revisions and endorsements need initReview(), then work", () => {
  writeFileSync(
    join(project, "web-review.mjs"),
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     import init, { initReview, defaultFramework, diff } from "chime-standards/web";
     const here = (name) => readFileSync(fileURLToPath(new URL("./" + name, import.meta.resolve("chime-standards/web"))));
     await init({ module_or_path: here("chime_standards_wasm_bg.wasm") });
     const framework = defaultFramework();
     const next = { ...framework, version: "1.0.1" };
     let before = "";
     try { diff(framework, next) } catch (e) { before = e.message }
     await initReview({ module_or_path: here("chime_standards_review_bg.wasm") });
     await initReview({ module_or_path: here("chime_standards_review_bg.wasm") });
     const changes = diff(framework, next);
     console.log(before.includes("initReview()"), changes.from.version, changes.to.version);`,
  );
  assert.equal(run("node", ["web-review.mjs"]).trim(), "true 1.0.0 1.0.1");
});

test("every js example of the README runs", () => {
  const readme = readFileSync(join(project, "node_modules", "chime-standards", "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);
  assert.ok(blocks.length >= 2, `found ${blocks.length} js blocks`);
  blocks.forEach((code, i) => {
    writeFileSync(join(project, `readme-${i}.mjs`), code);
    run("node", [`readme-${i}.mjs`]);
  });
});

test("usage.ts type-checks against the installed types (node16 resolution)", () => {
  copyFileSync(join(here, "usage.ts"), join(project, "usage.ts"));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        lib: ["es2022"],
        types: [],
        module: "node16",
        moduleResolution: "node16",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ["usage.ts"],
    }),
  );
  run(tsc, ["-p", "."]);
});
