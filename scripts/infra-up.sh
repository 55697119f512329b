#!/usr/bin/env bash
# Makes Postgres (5432), RabbitMQ (5672), Redis (6379) and Prometheus (9090) answer on localhost,
# idempotently:
#   1. if all four already answer, it does nothing;
#   2. else, where a Docker engine runs, it starts docker/compose.infra.yml;
#   3. else, on Debian as root, it installs Debian's packages and starts them.
# It prints what it did. Ports can be moved with PGPORT / AMQP_PORT / REDIS_PORT / PROMETHEUS_PORT.
# Prometheus scrapes the services of `npm start` (scripts/prometheus-config.js writes its
# configuration into tmp/prometheus from the services' ports); its data lives there too.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${PGPORT:-5432}
AMQP_PORT=${AMQP_PORT:-5672}
REDIS_PORT=${REDIS_PORT:-6379}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS_DIR=tmp/prometheus

say() { echo "infra: $*"; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_answer() { answers "$PG_PORT" && answers "$AMQP_PORT" && answers "$REDIS_PORT" && answers "$PROMETHEUS_PORT"; }

wait_for() { # name port seconds
  local name=$1 port=$2 deadline=$((SECONDS + $3))
  until answers "$port"; do
    if ((SECONDS > deadline)); then say "$name did not answer on port $port in time"; return 1; fi
    sleep 1
  done
  say "$name answers on port $port"
}

if all_answer; then
  say "Postgres :$PG_PORT, RabbitMQ :$AMQP_PORT, Redis :$REDIS_PORT and Prometheus :$PROMETHEUS_PORT already answer; nothing to do"
  exit 0
fi

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  say "starting docker/compose.infra.yml with the Docker engine"
  node scripts/prometheus-config.js "$PROMETHEUS_DIR"
  docker compose -f docker/compose.infra.yml up -d --wait
  exit 0
fi

if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
  say "cannot start the infrastructure here: no Docker engine, and not root on Debian."
  say "Start Postgres, RabbitMQ, Redis and Prometheus yourself (or run docker/compose.infra.yml), then retry."
  exit 1
fi

install_missing() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

if ! answers "$PG_PORT"; then
  install_missing postgresql
  version=$(ls /etc/postgresql | sort -V | tail -1)
  say "starting Postgres $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for Postgres "$PG_PORT" 60
  # The services' default admin URL is postgres:postgres@127.0.0.1; set that password so it
  # works under Debian's default password authentication as well as under trust.
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi

if ! answers "$AMQP_PORT"; then
  install_missing rabbitmq-server
  say "starting RabbitMQ"
  rabbitmq-server -detached
  wait_for RabbitMQ "$AMQP_PORT" 90
  rabbitmqctl await_startup >/dev/null 2>&1 || true
fi

if ! answers "$REDIS_PORT"; then
  install_missing redis-server
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  wait_for Redis "$REDIS_PORT" 30
fi

if ! answers "$PROMETHEUS_PORT"; then
  install_missing prometheus
  node scripts/prometheus-config.js "$PROMETHEUS_DIR"
  mkdir -p tmp/logs
  say "starting Prometheus"
  # Loopback only: Prometheus' API has no authentication. Two days of data is plenty for a demo.
  nohup prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    >tmp/logs/prometheus.log 2>&1 &
  wait_for Prometheus "$PROMETHEUS_PORT" 30
fi

say "Postgres, RabbitMQ, Redis and Prometheus answer on localhost"
