#!/usr/bin/env bash
# Builds the wheel from a copy of the checkout, installs it into a fresh virtual environment outside
# the checkout and runs the installed program: --version, check on a text, the demo's screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/visnyk-wheel-XXXXXX")"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src"
git ls-files -z | xargs -0 cp --parents -t "$work/src"   # what a fresh clone has, this tree's edits included
"$PYTHON" -m venv "$work/build-env"
"$work/build-env/bin/pip" install -q -U -c constraints.txt build setuptools wheel
(cd "$work/src" && "$work/build-env/bin/python" -m build --wheel --no-isolation --outdir "$work/dist" . >/dev/null)

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install -q -c constraints.txt "$work"/dist/visnyk-*.whl

# A user's machine: its own home and folders, nothing of the checkout on the path.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
       XDG_CACHE_HOME="$work/home/.cache" QT_QPA_PLATFORM=offscreen
unset VISNYK_DATA_DIR VISNYK_DATABASE_URL PYTHONPATH
mkdir -p "$HOME"
cd "$work"
bin="$work/venv/bin/visnyk"

version="$("$bin" --version)"
echo "visnyk --version: $version"

printf 'Учасники наради прийняли участь у обговоренні 20 квітня 2023року.\n' > "$work/text.txt"
set +e
"$bin" check "$work/text.txt" > "$work/check.out" 2>&1
status=$?
set -e
cat "$work/check.out"
grep -q "2023 року" "$work/check.out" || { echo "wheel: check missed the number glued to a word" >&2; exit 1; }
grep -q "калька з російської" "$work/check.out" || { echo "wheel: the style rules did not load" >&2; exit 1; }
[ "$status" -ne 2 ] || { echo "wheel: check failed as a user error" >&2; exit 1; }

"$bin" templates list | grep -q "event_report" || { echo "wheel: no templates" >&2; exit 1; }
"$bin" --demo --screenshot "$work/shot.png"
[ -s "$work/shot.png" ] || { echo "wheel: no screenshot" >&2; exit 1; }
echo "wheel check: the installed program runs (version, check, templates, demo screenshot)"
