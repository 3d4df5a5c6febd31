#!/usr/bin/env bash
# Builds a release from a clean tree, into OUT (default target/release-artifacts):
#   zulip-roster-X.Y.Z.tar.gz  static/ (the widget, each file with its .br and .gz),
#                              nginx/ (the reference configuration), LICENSE,
#                              CHANGELOG.md, INSTALL.md
#   zulip-roster-X.Y.Z.tgz     the npm package (npm pack): the files a page loads, the
#                              words files, types and a custom-elements manifest
#   SHA256SUMS                 both checksums
#   SRI                        the Subresource Integrity hashes of the files a page loads
# X.Y.Z is Cargo's version. The archive is reproducible: file times are the commit's,
# owners and order fixed, gzip without a name or time, so the same commit built twice
# gives the same checksums.
#
#   scripts/release.sh [OUT]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
out="$(realpath -m "${1:-target/release-artifacts}")"
if [ -n "$(git status --porcelain)" ]; then
  echo "release.sh: the tree has changes git does not know (commit them, or stash them): a release is built from a commit" >&2
  git status --short >&2
  exit 2
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
name="zulip-roster-$version"
epoch=$(git log -1 --format=%ct)
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
folder="$stage/$name"
mkdir -p "$folder/nginx" "$out"

trunk build --release --offline --dist "$folder/static" >&2
# trunk's own page is the development page (the deployed one is standalone.html), and
# trunk writes its preload links in an order that changes from build to build.
rm "$folder/static/index.html"
node scripts/precompress.mjs "$folder/static"
cp deploy/nginx/README.md deploy/nginx/render.sh deploy/nginx/credentials.conf.example \
   deploy/nginx/zulip-roster-privacy.js deploy/nginx/*.template "$folder/nginx/"
cp LICENSE CHANGELOG.md "$folder/"
cp deploy/INSTALL.md "$folder/INSTALL.md"

archive="$name.tar.gz"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    --mode='u+rwX,go+rX,go-w' -C "$stage" -cf - "$name" | gzip -9n >"$out/$archive"

# What a page loads, for <script integrity>: the entry, the wasm-bindgen JS and its
# snippets, the wasm.
node --input-type=module -e '
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
const root = process.argv[1];
const files = readdirSync(root, { recursive: true }).filter((f) => /\.(js|wasm)$/.test(f) && !/^(examples|lang)\//.test(f)).sort();
for (const f of files) console.log(`sha384-${createHash("sha384").update(readFileSync(join(root, f))).digest("base64")} static/${f}`);
' "$folder/static" >"$out/SRI"
# The npm package: what a page loads (the entry, the wasm-bindgen JS and snippets, the
# wasm) and the words files, as they are (a bundler or server compresses them), with
# npm/'s types, manifest and README; its version is Cargo's.
package="$stage/npm"
mkdir -p "$package"
(
  cd "$folder/static"
  find . -path ./examples -prune -o -type f \( -name '*.js' -o -name '*.wasm' -o -path './lang/*.json' \) -print
) | while read -r file; do
  mkdir -p "$package/$(dirname "$file")"
  cp "$folder/static/$file" "$package/$file"
done
cp npm/README.md npm/zulip-roster.d.ts npm/custom-elements.json LICENSE CHANGELOG.md "$package/"
node -e '
const fs = require("node:fs");
const [file, version] = process.argv.slice(1);
const pkg = JSON.parse(fs.readFileSync("npm/package.json", "utf8"));
pkg.version = version;
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$package/package.json" "$version"
tarball=$(cd "$package" && npm pack --silent --pack-destination "$out")

(cd "$out" && sha256sum "$archive" "$tarball" >SHA256SUMS)
echo "release.sh: $out/$archive ($(wc -c <"$out/$archive") bytes), $out/$tarball ($(wc -c <"$out/$tarball") bytes), SHA256SUMS, SRI" >&2
