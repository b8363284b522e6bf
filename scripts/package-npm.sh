#!/usr/bin/env bash
# Builds the npm packages of poolfix into build/npm/:
#   poolfix-VERSION.tgz                 the `poolfix` command: a launcher (npm/poolfix/bin/poolfix.js)
#                                       and @poolfix/linux-x64 as an optional dependency
#   poolfix-linux-x64-VERSION.tgz       @poolfix/linux-x64: the binary, with tree-sitter, the
#                                       grammars, PCRE2 and cJSON linked in; it needs glibc only
# The other platforms of npm/platforms.json are named for later: the launcher tells their users
# that no binary is built for them yet.
#
#   scripts/package-npm.sh        (Debian 12 with ./setup.sh's packages; about two minutes: the
#                                 binary is built twice, see scripts/build-release.sh)
#
# Where the static libraries come from: Debian's libpcre2-dev ships libpcre2-8.a. Debian ships
# no static cJSON, and no npm package ships its source, so cJSON.c is compiled from Debian's own
# source package `cjson`, of the very version of the libcjson-dev installed (the same code and
# security patches as the shared library of a default build). It is fetched with apt from the
# machine's own Debian mirrors, signature-checked by apt against Debian's archive key, and the
# upstream tarball is also checked against the sha256 pinned below. apt's system configuration
# is left alone: the deb-src lists live in build-npm/_deps/apt.
#
# Exit: 0 packages written; 1 a step failed (its output is shown).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BUILD=$REPO/build-npm
OUT=$REPO/build/npm
DEPS=$BUILD/_deps

# Upstream cJSON 1.7.15 (Debian's cjson_1.7.15.orig.tar.gz): a new upstream version must be
# reviewed and pinned here.
CJSON_UPSTREAM=1.7.15
CJSON_ORIG_SHA256=5308fd4bd90cef7aa060558514de6a1a4a0819974a26e6ed13973c5f624c24b2

say() { printf 'package-npm: %s\n' "$*"; }
fail() { printf 'package-npm: %s\n' "$*" >&2; exit 1; }

# The machine's Debian package sources, as deb-src entries, for apt-get source.
debian_source_lists() { # debian_source_lists DIR
  local file
  mkdir -p "$1"
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $file ]] && sed -n 's/^deb \(.*\)$/deb-src \1/p' "$file"
  done >"$1/from-system.list"
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] && sed 's/^Types:.*$/Types: deb-src/' "$file" >"$1/$(basename "$file")"
  done
  return 0
}

# Unpacks Debian's cjson source (patched) into $DEPS/cjson-VERSION; prints that folder.
fetch_cjson_source() {
  local version dir apt_dir apt_options
  version=$(dpkg-query -W -f='${Version}' libcjson-dev 2>/dev/null) ||
    fail "libcjson-dev is not installed: run ./setup.sh"
  [[ $version == "$CJSON_UPSTREAM"-* ]] ||
    fail "libcjson-dev is $version, not cJSON $CJSON_UPSTREAM: review the new upstream version and pin it in $0"
  dir=$DEPS/cjson-$version
  if [[ -f $dir/.verified && -f $dir/src/cJSON.c ]]; then
    echo "$dir/src"
    return
  fi
  rm -rf "$dir"
  apt_dir=$DEPS/apt
  mkdir -p "$dir" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  debian_source_lists "$apt_dir/sources"
  apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources/from-system.list" -o "Dir::Etc::SourceParts=$apt_dir/sources"
               -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
  # Sources of other repositories may have no deb-src: only the download below must succeed.
  apt-get -qq "${apt_options[@]}" update >"$dir/apt.log" 2>&1 || true
  (cd "$dir" && apt-get -q "${apt_options[@]}" source --download-only "cjson=$version") >>"$dir/apt.log" 2>&1 ||
    { tail -n 5 "$dir/apt.log" >&2; fail "apt-get source cjson=$version failed (log: $dir/apt.log)"; }
  echo "$CJSON_ORIG_SHA256  $dir/cjson_$CJSON_UPSTREAM.orig.tar.gz" | sha256sum --check --quiet >/dev/null 2>&1 ||
    fail "cjson_$CJSON_UPSTREAM.orig.tar.gz does not match its pinned sha256 $CJSON_ORIG_SHA256: refusing to build from it"
  # dpkg-source checks every file against the .dsc apt verified, and applies Debian's patches.
  (cd "$dir" && dpkg-source --no-copy -x "cjson_$version.dsc" src) >>"$dir/apt.log" 2>&1 ||
    fail "dpkg-source could not unpack cjson_$version.dsc (log: $dir/apt.log)"
  echo "$version" >"$dir/.verified"
  echo "$dir/src"
}

# The binary may load glibc's libraries and nothing else.
check_self_contained() { # check_self_contained BINARY
  local other
  other=$(ldd "$1" | grep -vE '^\s*(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|lib(c|m|pthread|dl|rt)\.so\.)' || true)
  [[ -z $other ]] || fail "$1 needs shared libraries other than glibc's: $other"
}

[[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] || fail "builds the linux-x64 package, on Linux x86-64 only"
command -v npm >/dev/null || fail "npm is needed: run ./setup.sh"

mkdir -p "$BUILD"
cjson_dir=$(fetch_cjson_source)
say "cJSON from Debian's source package: $cjson_dir"

"$REPO/scripts/build-release.sh" "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPOOLFIX_WERROR=ON -DBUILD_TESTING=OFF \
  -DPOOLFIX_STATIC_DEPS=ON -DPOOLFIX_CJSON_SOURCE_DIR="$cjson_dir" >"$BUILD/build.log" 2>&1 ||
  { tail -n 20 "$BUILD/build.log" >&2; fail "build failed (log: $BUILD/build.log)"; }
check_self_contained "$BUILD/poolfix"
version=$("$BUILD/poolfix" --version | awk '{ print $2 }')
glibc=$(objdump -T "$BUILD/poolfix" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
say "built poolfix $version (needs $glibc or newer, and no other library)"

stage=$BUILD/stage
rm -rf "$stage"
mkdir -p "$stage/poolfix/bin" "$stage/linux-x64/bin" "$OUT"
rm -f "$OUT"/*.tgz

# The platform package: the stripped binary and a package.json made from npm/platforms.json.
strip -o "$stage/linux-x64/bin/poolfix" "$BUILD/poolfix"
chmod 755 "$stage/linux-x64/bin/poolfix"
node - "$REPO/npm/platforms.json" "$version" "$glibc" "$stage/linux-x64" <<'EOF'
const fs = require('node:fs');
const [platformsFile, version, glibc, dir] = process.argv.slice(2);
const platform = JSON.parse(fs.readFileSync(platformsFile, 'utf8'))['linux-x64'];
const manifest = {
  name: platform.package,
  version,
  description: `The poolfix binary for Linux x86-64 (${glibc} or newer); installed by the poolfix package`,
  license: 'UNLICENSED',
  os: [platform.os],
  cpu: [platform.cpu],
  libc: [platform.libc],
  files: ['bin/poolfix'],
  preferUnplugged: true,
};
fs.writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(`${dir}/README.md`, `# ${platform.package}\n\nThe \`poolfix\` binary for Linux x86-64 with glibc. Install \`poolfix\`, not this package: it picks the binary for your platform.\n`);
EOF

# The launcher package, depending on the built platform packages of this version.
cp "$REPO/npm/poolfix/bin/poolfix.js" "$stage/poolfix/bin/"
cp "$REPO/npm/poolfix/README.md" "$REPO/npm/platforms.json" "$stage/poolfix/"
node - "$REPO/npm/poolfix/package.json" "$REPO/npm/platforms.json" "$version" "$stage/poolfix" <<'EOF'
const fs = require('node:fs');
const [manifestFile, platformsFile, version, dir] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const platforms = JSON.parse(fs.readFileSync(platformsFile, 'utf8'));
manifest.version = version;
manifest.optionalDependencies = Object.fromEntries(
  Object.values(platforms).filter((p) => p.built).map((p) => [p.package, version]));
fs.writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
EOF

for package in linux-x64 poolfix; do
  (cd "$stage/$package" && npm pack --pack-destination "$OUT" --loglevel=error >/dev/null) ||
    fail "npm pack failed in $stage/$package"
done
for tgz in "$OUT"/*.tgz; do say "wrote ${tgz#"$REPO"/} ($(du -k "$tgz" | cut -f1) KB)"; done
