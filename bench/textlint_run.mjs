// Times textlint in one warm Node process over a list of files (one path a line).
// Usage: node textlint_run.mjs CONFIG LISTFILE  ->  JSON on stdout.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter, loadTextlintrc } from "textlint";

const here = dirname(fileURLToPath(import.meta.url));
const [configPath, listPath] = process.argv.slice(2);
const t0 = performance.now();
const descriptor = await loadTextlintrc({ configFilePath: resolve(configPath)});
const linter = createLinter({ descriptor });
const loadMs = performance.now() - t0;
const files = readFileSync(listPath, "utf8").split("\n").filter(Boolean);
const texts = files.map((f) => readFileSync(f, "utf8"));
// warm-up pass, then one timed pass
for (let i = 0; i < Math.min(5, texts.length); i++) await linter.lintText(texts[i], files[i].replace(/\.txt$/, ".txt"));
const perFile = [];
const byRule = {};
let messages = 0;
const t1 = performance.now();
for (let i = 0; i < texts.length; i++) {
  const s = performance.now();
  const r = await linter.lintText(texts[i], files[i]);
  perFile.push(performance.now() - s);
  messages += r.messages.length;
  for (const m of r.messages) byRule[m.ruleId] = (byRule[m.ruleId] || 0) + 1;
}
const totalMs = performance.now() - t1;
process.stdout.write(JSON.stringify({ load_ms: loadMs, total_ms: totalMs, per_file_ms: perFile, messages, by_rule: byRule,
  rules: Object.keys(JSON.parse(readFileSync(configPath, "utf8")).rules) }));
