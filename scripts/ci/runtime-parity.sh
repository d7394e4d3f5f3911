#!/usr/bin/env bash
# Runtime parity: the CLI and CI run on this Node.js, the function on Node.js 24 (nodejs24.x). Dates written
# without a zone are read with the runtime's own time zone data (tzdata), so the two must publish the same
# bytes wherever their tzdata give the site's zones the same rules (the manifests' zoneRules say whether they
# do). Fetches Node.js 24 from the npm registry, prints both runtimes' versions, builds the sample site, the
# sites of tests/fixtures/runtime-parity/ and a small generated corpus with both, and compares the outputs
# (diff -r); checks that a run on Node 24 over the state this Node left publishes what a clean Node 24 build
# does; then runs the Lambda bundle's test against s3rver on Node 24. Exits 1 on any difference.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The function's runtime, pinned: raise it with nodejs24.x (https://nodejs.org/en/about/previous-releases).
NODE24_VERSION=24.22.3
started=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/feedpub-parity.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "runtime-parity: no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
if ! (cd "$tmp" && npm pack --loglevel=error "node-linux-$arch@$NODE24_VERSION" >/dev/null && tar -xzf node-linux-*.tgz && rm node-linux-*.tgz); then
  echo "runtime-parity: could not fetch node-linux-$arch@$NODE24_VERSION from the npm registry (npm's error above)" >&2
  exit 1
fi
ci_node=$(command -v node)
node24="$tmp/package/bin/node"

versions='const v = process.versions; console.log(`node ${v.node}  tz ${v.tz}  icu ${v.icu}  unicode ${v.unicode}  ada ${v.ada}`)'
echo "runtime-parity: CI      $("$ci_node" -e "$versions")"
echo "runtime-parity: Node 24 $("$node24" -e "$versions")"

[ -f dist/cli.mjs ] || node scripts/build.mjs

# The zone rules a state's manifest recorded (the second line of its head is JSON with zoneRules).
zone_rules() {
  node -e 'const t = require("node:zlib").gunzipSync(require("node:fs").readFileSync(process.argv[1])).toString();
    const r = JSON.parse(t.slice(t.indexOf("\n") + 1)).zoneRules ?? {};
    console.log(Object.keys(r).sort().map((z) => `${z}=${r[z]}`).join(" "))' "$1/manifest.json.gz"
}

failed=0
# compare NAME SITE_DIR MUST_AGREE: fails on other bytes where the runtimes' rules for the site's zones agree, and,
# with MUST_AGREE=1, on other bytes where they do not (other rules at times no date of the site falls in are fine).
compare() {
  local name=$1 site=$2 must_agree=$3 out="$tmp/$1"
  "$ci_node" bin/feedpub.js build "$site" --out "$out/ci" --state "$out/ci-state" -q
  "$node24" bin/feedpub.js build "$site" --out "$out/24" --state "$out/24-state" -q
  local ci_rules rules24
  ci_rules=$(zone_rules "$out/ci-state")
  rules24=$(zone_rules "$out/24-state")
  if diff -r "$out/ci" "$out/24" >"$out/diff"; then
    if [ "$ci_rules" = "$rules24" ]; then
      echo "runtime-parity: $name: same bytes ($(find "$out/ci" -type f | wc -l) files; zones $ci_rules)"
    else
      echo "runtime-parity: $name: same bytes, though the runtimes' tzdata give its zones other rules (CI: $ci_rules; Node 24: $rules24), at times no date of it falls in"
    fi
  elif [ "$ci_rules" = "$rules24" ]; then
    echo "runtime-parity: $name: DIFFERENT bytes with the same zone rules:" >&2
    head -40 "$out/diff" >&2
    failed=1
  elif [ "$must_agree" = 1 ]; then
    echo "runtime-parity: $name: the runtimes' tzdata give its zones other rules (CI: $ci_rules; Node 24: $rules24), and its dates differ:" >&2
    head -20 "$out/diff" >&2
    echo "  the function would publish other dates than CI; run CI on the function's Node.js (or, for a fixture, use zones both agree on)" >&2
    failed=1
  else
    echo "runtime-parity: $name: other zone rules on the two runtimes (CI: $ci_rules; Node 24: $rules24) and other dates, as expected"
  fi
  # Node 24 over the state CI's Node left (a CLI build, then the function): what a clean Node 24 build publishes.
  cp -r "$out/ci" "$out/mix"
  cp -r "$out/ci-state" "$out/mix-state"
  "$node24" bin/feedpub.js build "$site" --out "$out/mix" --state "$out/mix-state" -q
  if ! diff -r "$out/mix" "$out/24" >"$out/mix-diff"; then
    echo "runtime-parity: $name: a Node 24 run over the CI's state differs from a clean Node 24 build:" >&2
    head -40 "$out/mix-diff" >&2
    failed=1
  fi
}

node scripts/bench/gen-corpus.mjs "$tmp/corpus-300" --articles 300 >/dev/null
compare sample . 1
compare zones tests/fixtures/runtime-parity/zones 1
compare corpus-300 "$tmp/corpus-300" 1
compare vancouver tests/fixtures/runtime-parity/vancouver 0

# The Lambda bundle in a Node 24 process against s3rver (the test spawns the bundle with the node running it).
if ! "$node24" node_modules/vitest/vitest.mjs run tests/integration/handler-s3.test.ts >"$tmp/handler.log" 2>&1; then
  echo "runtime-parity: tests/integration/handler-s3.test.ts failed on Node 24:" >&2
  tail -40 "$tmp/handler.log" >&2
  failed=1
else
  echo "runtime-parity: tests/integration/handler-s3.test.ts passed on Node 24"
fi

echo "runtime-parity: $((SECONDS - started)) s"
exit "$failed"
