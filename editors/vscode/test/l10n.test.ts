// Every phrase the extension shows has its Simplified Chinese translation,
// and every command and setting title its package.nls entries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const read = (f: string) => readFileSync(f, "utf8");

function phrases(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync("src", { recursive: true }) as string[]) {
    if (!f.endsWith(".ts")) continue;
    const src = read(`src/${f}`);
    for (const m of src.matchAll(/l10n\.t\(\s*"((?:[^"\\]|\\.)*)"/g)) out.add(JSON.parse(`"${m[1]}"`));
    // A webview page's phrases are listed once, as `const phrases = [...]`.
    const list = /const phrases = \[([^\]]*)\]/.exec(src);
    if (list) for (const m of list[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) out.add(JSON.parse(`"${m[1]}"`));
  }
  return out;
}

test("every l10n phrase is translated to zh-cn", () => {
  const zh = JSON.parse(read("l10n/bundle.l10n.zh-cn.json"));
  const all = phrases();
  assert.ok(all.size > 20, `found only ${all.size} phrases`);
  for (const p of all) assert.ok(zh[p], `no zh-cn translation for ${JSON.stringify(p)}`);
  for (const k of Object.keys(zh)) assert.ok(all.has(k), `zh-cn bundle has an unused phrase ${JSON.stringify(k)}`);
});

test("every %key% in package.json is in both package.nls files", () => {
  const keys = [...read("package.json").matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10);
  for (const nls of ["package.nls.json", "package.nls.zh-cn.json"]) {
    const table = JSON.parse(read(nls));
    for (const k of keys) assert.ok(table[k], `${nls} lacks ${k}`);
  }
});
