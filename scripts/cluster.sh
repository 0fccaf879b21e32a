#!/usr/bin/env bash
# A local Playfield cluster to try: redis-server, PostgreSQL (or DATABASE_URL), three Playfield
# processes and HAProxy in front (sticky by cookie, WebSockets and long-polling), each on a free
# port, everything under one temporary folder. Prints the URL; Ctrl-C stops it all.
#   npm run cluster                      # everything local
#   DATABASE_URL=postgres://… npm run cluster
#   PROCESSES=5 PORT=8080 npm run cluster
set -euo pipefail
cd "$(dirname "$0")/.."

count="${PROCESSES:-3}"
work="$(mktemp -d /tmp/playfield-cluster.XXXXXX)"
pids=()
pg_data=""

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

stop() {
  trap - EXIT
  echo
  echo "Stopping the cluster…"
  # Playfield first (they store their sessions on SIGTERM), then the balancer and Redis.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_data" ]; then as_postgres "'$pg_bin/pg_ctl' -D '$pg_data' -m fast stop" >/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is missing: apt-get install -y $2" >&2
    exit 1
  fi
}
need redis-server redis-server
need haproxy haproxy

if [ ! -f dist/client/index.html ]; then
  echo "== building (dist/ is missing)"
  npm run build
else
  # The server bundle takes a second: always from the sources, so it has the cluster code.
  node scripts/buildServer.mjs
fi

echo "== redis-server"
redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --logfile "$work/redis.log" &
pids+=("$!")
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
export REDIS_URL="redis://127.0.0.1:$redis_port"

if [ -z "${DATABASE_URL:-}" ]; then
  echo "== PostgreSQL (a throwaway one; set DATABASE_URL to use yours)"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  pg_port="$(free_port)"
  pg_data="$work/pg"
  mkdir -p "$pg_data"
  if [ "$(id -u)" = 0 ]; then chown postgres "$work" "$pg_data"; fi
  as_postgres "'$pg_bin/initdb' -D '$pg_data' -A trust -U postgres >/dev/null"
  as_postgres "'$pg_bin/pg_ctl' -D '$pg_data' -l '$pg_data/server.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1\" start >/dev/null"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
fi

lb_port="${PORT:-$(free_port)}"
lan="$(hostname -I 2>/dev/null | awk '{print $1}')"
public_url="${PUBLIC_URL:-http://${lan:-localhost}:$lb_port}"

echo "== $count Playfield processes"
servers=""
for i in $(seq 1 "$count"); do
  port="$(free_port)"
  PORT="$port" HOST=127.0.0.1 PUBLIC_URL="$public_url" TRUST_PROXY=1 QUIET=1 \
    node --enable-source-maps server/dist/main.js >"$work/playfield-$i.log" 2>&1 &
  pids+=("$!")
  servers+="  server p$i 127.0.0.1:$port check cookie p$i"$'\n'
  echo "   p$i: http://127.0.0.1:$port (pid $!, log $work/playfield-$i.log)"
done
for i in $(seq 1 "$count"); do
  until grep -q "Playfield is running" "$work/playfield-$i.log" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      cat "$work/playfield-$i.log" >&2
      exit 1
    fi
    sleep 0.2
  done
done

echo "== HAProxy"
# Sticky by cookie: socket.io's long-polling needs every request of a connection on one
# process; WebSockets are upgraded in place and kept open as tunnels. A process that dies
# is taken out by the health check and its clients are sent to another (redispatch).
cat >"$work/haproxy.cfg" <<EOF
global
  log stderr format short local0 notice
defaults
  mode http
  option http-server-close
  option redispatch
  retries 2
  timeout connect 3s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
frontend playfield
  bind 0.0.0.0:$lb_port
  default_backend processes
backend processes
  balance roundrobin
  cookie PLAYFIELD_PROCESS insert indirect nocache httponly
  option httpchk GET /healthz
  http-check send hdr Host localhost
  default-server inter 1s fall 2 rise 2
$servers
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
haproxy_pid="$!"
pids+=("$haproxy_pid")
until curl -fs "http://127.0.0.1:$lb_port/healthz" >/dev/null 2>&1; do
  if ! kill -0 "$haproxy_pid" 2>/dev/null; then
    cat "$work/haproxy.log" >&2
    exit 1
  fi
  sleep 0.2
done

echo
echo "Playfield cluster at http://localhost:$lb_port (phones: $public_url)"
echo "Redis $REDIS_URL, PostgreSQL $DATABASE_URL; logs in $work. Ctrl-C stops everything."
wait -n "${pids[@]}" || true
echo "A process of the cluster stopped: see the logs above." >&2
