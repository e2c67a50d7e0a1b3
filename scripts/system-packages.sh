#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Visnyk needs when they are missing:
# through apt-get as root or with sudo, otherwise it prints the one line to run.
set -euo pipefail
missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Встановіть системні пакети: ${missing[*]} (apt-get тут немає)." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "Бракує системних пакетів. Виконайте:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
# Another apt or dpkg (unattended upgrades, a second set-up) may hold the package locks: wait for it,
# up to 15 minutes, instead of failing. dpkg's lock has apt's own timeout; the lists lock of
# `apt-get update` has none, so a failed attempt that names a lock is retried.
wait_for_apt() {
    local attempt log
    log="$(mktemp)"
    for attempt in $(seq 1 180); do
        if "$@" 2>"$log"; then
            rm -f "$log"
            return 0
        fi
        if ! grep -qi "lock" "$log"; then
            cat "$log" >&2
            rm -f "$log"
            return 1
        fi
        [ "$attempt" -eq 1 ] && echo "Чекаю, доки інший apt або dpkg завершить роботу…" >&2
        sleep 5
    done
    cat "$log" >&2
    rm -f "$log"
    return 1
}
echo "Встановлюю системні пакети: ${missing[*]}"
wait_for_apt $sudo apt-get -o DPkg::Lock::Timeout=900 update -qq
wait_for_apt $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
    --no-install-recommends "${missing[@]}"
