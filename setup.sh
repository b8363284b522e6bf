#!/usr/bin/env bash
# Installs every dependency (Debian packages, clang and its libFuzzer runtime for the fuzz
# targets included; the tree-sitter core and the TypeScript grammar come from npm during the
# build), builds poolfix into build/ (scripts/build-release.sh), and shows what it would
# change in the bundled example app. Run as root on Debian 12: ./setup.sh
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake pkg-config git ca-certificates
          libpcre2-dev libcjson-dev libcmocka-dev
          clang libclang-rt-14-dev
          postgresql-15 mariadb-server-core mariadb-client-core util-linux time python3-yaml)
# Node.js and npm: keep a newer one the machine already has (Prisma 7 needs Node 20).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Built twice, the first time to measure poolfix's own runs: profile-guided optimisation.
scripts/build-release.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "setup: built build/poolfix ($(build/poolfix --version))"
echo "setup: poolfix diff examples/next-prisma-app"
echo
build/poolfix diff examples/next-prisma-app
