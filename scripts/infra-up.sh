#!/usr/bin/env bash
# Makes Postgres (5432), RabbitMQ (5672), Redis (6379), Prometheus (9090) and Alertmanager (9093)
# answer on localhost, idempotently:
#   1. if all five already answer, it does nothing;
#   2. else, where a Docker engine runs, it starts deploy/docker/compose.infra.yml;
#   3. else, on Debian as root, it installs Debian's packages and starts them.
# It prints what it did. Ports can be moved with PGPORT / AMQP_PORT / REDIS_PORT / PROMETHEUS_PORT /
# ALERTMANAGER_PORT. Prometheus scrapes the services of `npm start` (scripts/prometheus-config.js
# writes its configuration into tmp/prometheus from the services' ports) and sends its alerts to
# Alertmanager, which posts them to the operations console (deploy/alertmanager/alertmanager.yml,
# copied into tmp/alertmanager); the data of both lives there too.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${PGPORT:-5432}
AMQP_PORT=${AMQP_PORT:-5672}
REDIS_PORT=${REDIS_PORT:-6379}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
ALERTMANAGER_PORT=${ALERTMANAGER_PORT:-9093}
PROMETHEUS_DIR=tmp/prometheus
ALERTMANAGER_DIR=tmp/alertmanager

say() { echo "infra: $*"; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_answer() { answers "$PG_PORT" && answers "$AMQP_PORT" && answers "$REDIS_PORT" && answers "$PROMETHEUS_PORT" && answers "$ALERTMANAGER_PORT"; }
# Prometheus is told where Alertmanager listens (alertmanagers/cluster.json), ALERTMANAGER_PORT included.
prometheus_config() { ALERTMANAGER_ADDRESS="127.0.0.1:$ALERTMANAGER_PORT" node scripts/prometheus-config.js "$PROMETHEUS_DIR"; }
alertmanager_config() { mkdir -p "$ALERTMANAGER_DIR"; cp deploy/alertmanager/alertmanager.yml "$ALERTMANAGER_DIR/alertmanager.yml"; }

wait_for() { # name port seconds
  local name=$1 port=$2 deadline=$((SECONDS + $3))
  until answers "$port"; do
    if ((SECONDS > deadline)); then say "$name did not answer on port $port in time"; return 1; fi
    sleep 1
  done
  say "$name answers on port $port"
}

if all_answer; then
  say "Postgres :$PG_PORT, RabbitMQ :$AMQP_PORT, Redis :$REDIS_PORT, Prometheus :$PROMETHEUS_PORT and Alertmanager :$ALERTMANAGER_PORT already answer; nothing to do"
  exit 0
fi

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  say "starting deploy/docker/compose.infra.yml with the Docker engine"
  prometheus_config
  alertmanager_config
  docker compose -f deploy/docker/compose.infra.yml up -d --wait
  exit 0
fi

if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
  say "cannot start the infrastructure here: no Docker engine, and not root on Debian."
  say "Start Postgres, RabbitMQ, Redis, Prometheus and Alertmanager yourself (or run deploy/docker/compose.infra.yml), then retry."
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
  prometheus_config
  mkdir -p tmp/logs
  say "starting Prometheus"
  # Loopback only: Prometheus' API has no authentication. Two days of data is plenty for a demo.
  nohup prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    >tmp/logs/prometheus.log 2>&1 &
  wait_for Prometheus "$PROMETHEUS_PORT" 30
fi

if ! answers "$ALERTMANAGER_PORT"; then
  install_missing prometheus-alertmanager
  alertmanager_config
  mkdir -p tmp/logs
  say "starting Alertmanager"
  # Loopback only, like Prometheus: its API silences alerts without authentication. No
  # --cluster.listen-address: a single Alertmanager needs no gossip port (it would bind 0.0.0.0).
  nohup prometheus-alertmanager --config.file="$ALERTMANAGER_DIR/alertmanager.yml" --storage.path="$ALERTMANAGER_DIR/data" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= \
    >tmp/logs/alertmanager.log 2>&1 &
  wait_for Alertmanager "$ALERTMANAGER_PORT" 30
fi

say "Postgres, RabbitMQ, Redis, Prometheus and Alertmanager answer on localhost"
