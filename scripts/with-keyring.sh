#!/bin/sh
# Runs a command with an unlocked Secret Service on a private D-Bus session
# (gnome-keyring), so keychain tests use a real but throwaway keychain and
# never the developer's own. Where dbus-run-session or gnome-keyring-daemon
# is missing (macOS, Windows, a bare Linux), the command runs as is.
if [ -n "$QWANYX_KEYRING_READY" ] || ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec "$@"
fi
exec dbus-run-session -- sh -c 'printf "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; QWANYX_KEYRING_READY=1 exec "$@"' sh "$@"
