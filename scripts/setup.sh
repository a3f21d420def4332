#!/usr/bin/env bash
# Installs everything Signet needs to build, test and run its demo on a fresh Debian 12
# machine. Idempotent: packages already present are skipped, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config python3 curl
  lld                       # links several times faster than GNU ld (CMakeLists.txt)
  libmozjs-102-dev          # the JavaScript sandbox
  libseccomp-dev            # worker syscall filter
  libgtest-dev libgmock-dev # unit tests
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev
  libcurl4-openssl-dev libssl-dev libpugixml-dev libzstd-dev libsqlite3-dev
  libcpp-httplib-dev libargon2-dev zlib1g-dev
  libbz2-dev                # the recorded Google Discovery documents in the test data are bz2
  chromium                  # the web console's browser tests (driven by playwright-core)
  libpq-dev postgresql      # the PostgreSQL store; tests start their own server (initdb in a temp folder)
  libhiredis-dev redis-server  # the Redis work queue; tests start their own redis-server
)

# scripts/setup_clang.sh adds its own here, so a fresh machine makes one apt-get run.
read -r -a extra_packages <<<"${SIGNET_EXTRA_DEBIAN_PACKAGES:-}"
DEBIAN_PACKAGES+=("${extra_packages[@]}")

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

# The AWS models are generated at build time from botocore's data: the pip-installed
# botocore when python3 has it, else Debian's older python3-botocore.
if ! python3 -c "import botocore" 2>/dev/null && [ ! -d /usr/lib/python3/dist-packages/botocore ]; then
  echo "setup: installing python3-botocore (the AWS API models)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-botocore
fi

# The tests run the AWS emulator (moto server) and compare with boto3. Neither is a Debian
# package: they come with pip (preinstalled on the project's machines).
if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c "import boto3" 2>/dev/null; then
  echo "setup: moto server or boto3 is missing; installing with pip"
  python3 -m pip install --quiet 'moto[server]' boto3 || {
    echo "setup: could not install moto; run: pip install 'moto[server]' boto3" >&2
    exit 1
  }
fi

# The web console is TypeScript built with Vite at build time, and its browser tests run with
# playwright-core: Node.js 20 or newer (playwright-core's floor; Debian 12's own nodejs is 18,
# the project's machines carry 20) and the packages pinned in web/package-lock.json.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing Node.js and npm"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js $(node --version) is too old for the web console's build and browser tests; 20 or newer is needed" >&2
  exit 1
fi
# npm ci again only when the lock file changed since the last install: the web console's
# packages, and the validators the tests run over Signet's outputs (tools/validators:
# Microsoft's SARIF multitool).
npm_install() {  # FOLDER WHAT
  local lock_hash
  lock_hash=$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)
  if [ ! -d "$1/node_modules" ] || [ "$(cat "$1/node_modules/.signet-lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
    echo "setup: installing $2"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$1/node_modules/.signet-lock-hash"
  else
    echo "setup: $2 present"
  fi
}
npm_install web "the web console's npm packages"
npm_install tools/validators "the output validators (npm)"
