#!/usr/bin/env node
// A tiny static file server for the built self-assessment page (bindings/wasm/site/), for
// trying it locally and for the browser test. Any static server will do, as long as it sends
// .wasm files as application/wasm.
//
//   node bindings/wasm/demo/serve.mjs [DIR] [--port N]     (default: the site, port 8080)
//
// It listens on 127.0.0.1 only.

import { createReadStream, promises as fs } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The Content-Security-Policy of the page, read from its index.html meta tag (the one place it
 * is written), with what only a header can say added: no framing by other sites.
 */
export async function policy(root) {
  const html = await fs.readFile(path.join(root, "index.html"), "utf8").catch(() => "");
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  return meta ? `${meta}; frame-ancestors 'none'` : null;
}

/** Serves `root` on host:port (port 0: any free port); resolves to { server, url }. */
export async function serve(root, { port = 0, host = "127.0.0.1" } = {}) {
  const base = path.resolve(root);
  const csp = await policy(base);
  const server = http.createServer(async (request, response) => {
    const send = (status, text) => {
      response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(text);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed\n");
    let file;
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      file = path.resolve(base, `.${pathname}`);
    } catch {
      return send(400, "bad request\n");
    }
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, "forbidden\n");
    try {
      let stat = await fs.stat(file);
      if (stat.isDirectory()) {
        file = path.join(file, "index.html");
        stat = await fs.stat(file);
      }
      response.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        ...(csp ? { "Content-Security-Policy": csp } : {}),
      });
      if (request.method === "HEAD") return response.end();
      createReadStream(file).pipe(response);
    } catch {
      send(404, "not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--port");
  const port = at >= 0 ? Number(args.splice(at, 2)[1]) : 8080;
  const root = args[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "site");
  try {
    await fs.access(path.join(root, "index.html"));
  } catch {
    console.error(`serve: no index.html in ${root}; build the site first: bash scripts/build-site.sh`);
    process.exit(2);
  }
  const { url } = await serve(root, { port });
  console.log(`Serving ${path.resolve(root)} at ${url} (Ctrl+C stops)`);
}
