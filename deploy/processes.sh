#!/bin/sh
# Runs N Broadsheet processes under systemd (deploy/broadsheet@.service) on
# ports 3001…300N: N = BROADSHEET_PROCESSES, default one per core. Prints the
# `server` lines for the upstream block of deploy/nginx.conf.
set -eu
n="${BROADSHEET_PROCESSES:-$(nproc)}"
case "$n" in '' | *[!0-9]* | 0) echo "BROADSHEET_PROCESSES must be a whole number above 0" >&2; exit 1 ;; esac
# Build once, before any process starts (the processes share the build and its route cache).
runuser -u broadsheet -- sh -c 'cd /srv/broadsheet && npm run build'
rm -rf /srv/broadsheet/.next/server/route-cache
i=1
while [ "$i" -le "$n" ]; do
  systemctl enable --now "broadsheet@$((3000 + i))"
  i=$((i + 1))
done
# Instances above N from an earlier, larger setting are stopped.
for unit in $(systemctl list-units --plain --no-legend 'broadsheet@*' | awk '{print $1}'); do
  port="${unit#broadsheet@}"; port="${port%.service}"
  if [ "$port" -gt $((3000 + n)) ]; then systemctl disable --now "$unit"; fi
done
echo "upstream lines for /etc/nginx/sites-available/broadsheet:"
i=1
while [ "$i" -le "$n" ]; do echo "    server 127.0.0.1:$((3000 + i));"; i=$((i + 1)); done
