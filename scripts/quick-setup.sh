#!/usr/bin/env bash
# ./run's fast path: skip scripts/setup.sh (half a second of dpkg and pip checks) when
# nothing it depends on changed since it last finished.
#   scripts/quick-setup.sh [ARGS]   run scripts/setup.sh ARGS unless .venv/bin/trainer exists
#                                   and the stamp matches pyproject.toml and scripts/setup.sh
#   scripts/quick-setup.sh --stamp  write the stamp (the last step of scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.setup-stamp

fingerprint() {
  cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1
}

if [ "${1:-}" = "--stamp" ]; then
  fingerprint >"$stamp"
  exit 0
fi
if [ -x .venv/bin/trainer ] && [ -f "$stamp" ] && [ "$(<"$stamp")" = "$(fingerprint)" ]; then
  exit 0
fi
exec scripts/setup.sh "$@"
