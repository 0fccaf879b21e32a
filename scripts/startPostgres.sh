#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests and prints its URL.
# Used by .ci/run; Debian's postgresql package provides the binaries.
set -euo pipefail
port="${PG_TEST_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
data="$(mktemp -d /tmp/playfield-pg.XXXXXX)"
chown postgres "$data"
su postgres -s /bin/sh -c "'$bin/initdb' -D '$data' -A trust -U postgres >/dev/null"
su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
echo "postgres://postgres@127.0.0.1:$port/postgres"
