#!/usr/bin/env bash
# The style `npm test` enforces before any test runs (it is the `pretest` script): Biome's formatter
# and linter report nothing, warnings included, and no tracked source line is over 140 characters.
# Biome wraps code at 140 but never breaks a string, a comment or a shell line: those are checked here.
set -uo pipefail
cd "$(dirname "$0")/.."
max=140
failed=0

if ! bash scripts/node24.sh node_modules/.bin/biome ci --error-on-warnings .; then
  echo "check-style: Biome found the problems above. Run \`npx biome check --write .\` to format and apply" \
    "the safe fixes, then fix what remains by hand." >&2
  failed=1
fi

# Source: code, pages, styles, configuration, rules and shell scripts; npm writes the lockfile.
patterns=('*.ts' '*.js' '*.mjs' '*.cjs' '*.html' '*.css' '*.json' '*.jsonc' '*.sh' '*.rules' '.ci/*')
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  list() { git ls-files -z -- "${patterns[@]}" ':!:package-lock.json'; }
else
  # Not a git checkout (an unpacked archive): walk the tree, skipping what .gitignore leaves out.
  names=()
  for p in "${patterns[@]}"; do names+=(-o -path "./$p"); done
  list() {
    find . \( -name node_modules -o -name .node -o -name .git -o -name lib -o -name dist -o -name coverage \
      -o -name .emulator-data -o -name tmp \) -prune -o -type f \( -false "${names[@]}" \) ! -name package-lock.json -print0
  }
fi
# Characters, not bytes: a Cyrillic letter is one column to the reader and to Biome.
count='const max = Number(process.argv[1]);
let over = 0;
for (const file of process.argv.slice(2)) {
  require("node:fs").readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    const length = [...line].length;
    if (length > max) {
      console.log(`${file}:${i + 1}: ${length} characters`);
      over++;
    }
  });
}
process.exitCode = over > 0 ? 1 : 0;'
if ! list | xargs -0 bash scripts/node24.sh node -e "$count" "$max"; then
  echo "check-style: the lines above are over $max characters. Biome does not wrap strings, comments or shell:" \
    "split a long string into pieces joined with +, rewrap the comment, or continue the shell line with \\." >&2
  failed=1
fi
exit "$failed"
