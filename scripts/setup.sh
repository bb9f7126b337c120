#!/usr/bin/env bash
# Set up everything the app and the tests need: Debian packages, then .venv.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
packages=()
"$PYTHON" -c "import ensurepip" 2>/dev/null || packages+=(python3-venv)
# Qt's own system libraries (the list lives in trainer/ui/system_libs.py)
mapfile -t qt_packages < <("$PYTHON" -m trainer.ui.shell.system_libs)
packages+=("${qt_packages[@]}")
for extra in "$@"; do
  dpkg -s "$extra" >/dev/null 2>&1 || packages+=("$extra")
done
packages=($(printf '%s\n' "${packages[@]}" | sed '/^$/d' | sort -u))

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
# what ./run checks to skip all of this next time (written only when everything above worked)
scripts/quick-setup.sh --stamp
