// Builds the extension (Node, CommonJS, `vscode` provided by the host), the
// results grid's webview script (browser) and the unit tests.
import { build } from "esbuild";
import { readdirSync } from "node:fs";

const common = { bundle: true, sourcemap: true, logLevel: "warning", target: "es2022" };
const which = process.argv[2] || "all";

if (which === "all" || which === "extension") {
  await build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", platform: "node", format: "cjs", external: ["vscode"] });
  for (const [view, entry] of [["grid", "grid/view"], ["compare", "compare/view"], ["connform", "connform/view"]]) {
    await build({ ...common, entryPoints: [`src/${entry}.ts`], outfile: `dist/${view}.js`, platform: "browser", format: "iife" });
  }
}
if (which === "all" || which === "test") {
  const tests = readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => `test/${f}`);
  await build({ ...common, entryPoints: tests, outdir: "dist/test", platform: "node", format: "esm", outExtension: { ".js": ".mjs" } });
}
