#!/usr/bin/env bash
# Fetches Debian 13 (trixie)'s nginx into DIR, for the route service's nginx engine on a Debian 12 machine, whose own
# nginx (1.22) is older than the engine's minimum (1.23: older nginx reads only the first line of a repeated header).
# Nothing on the system changes: apt reads a private source list and keeps its lists and cache under DIR, and the
# package is unpacked there, not installed. The binary runs on Debian 12's libraries (the t64 rename of libssl3 is
# only a name on 64-bit machines); those it lacks are installed from Debian 12 when run as root.
# Usage: scripts/fetch-nginx.sh DIR   then   PATH="DIR/usr/sbin:$PATH"
set -euo pipefail
dir=${1:?usage: scripts/fetch-nginx.sh DIR}
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial"
dir=$(cd "$dir" && pwd)
echo 'deb http://deb.debian.org/debian trixie main' >"$dir/apt/sources.list"
apt_private=(
  -o "Dir::Etc::SourceList=$dir/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache" -o APT::Sandbox::User=root
)
apt-get -qq "${apt_private[@]}" update
(cd "$dir/apt" && apt-get -qq "${apt_private[@]}" download nginx)
dpkg-deb -x "$dir"/apt/nginx_*.deb "$dir"

missing=$(ldd "$dir/usr/sbin/nginx" | awk '/not found/ {print $1}')
if [ -n "$missing" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "nginx needs libraries this machine lacks: $missing (install libssl3 libpcre2-8-0 zlib1g libcrypt1)" >&2; exit 1; }
  apt-get -qq update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl3 libpcre2-8-0 zlib1g libcrypt1 >/dev/null
fi
"$dir/usr/sbin/nginx" -v
