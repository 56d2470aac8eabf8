#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster and make sure the test role and database
# exist. Prints the connection URL on stdout (and nothing else), so:
#
#   export SAMVIRKE_TEST_PG="$(.ci/start-postgres.sh)"
#   cargo test --workspace
#
# Needs the apt package `postgresql` and root (or sudo). Idempotent: safe to
# run again while the cluster is up. Progress messages go to stderr.
#
#   role      samvirke / password samvirke (LOGIN, CREATEDB for per-test databases)
#   database  samvirke_test, owned by samvirke
set -euo pipefail

PG_USER=samvirke
PG_PASSWORD=samvirke
PG_DB=samvirke_test
PG_HOST=127.0.0.1

say() { echo "start-postgres: $*" >&2; }
die() { say "error: $*"; exit 1; }

command -v pg_lsclusters >/dev/null 2>&1 ||
  die "pg_lsclusters not found; install PostgreSQL first (apt-get install postgresql)"

# Run a command as the postgres system user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    sudo -n -u postgres -- "$@"
  fi
}
# Cluster control commands are run as root (or through sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n -- "$@"; fi
}

# Pick the newest installed server version.
latest_installed() {
  ls -1 /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+(\.[0-9]+)?$' | sort -V | tail -n 1
}

# Pick a cluster: the "main" cluster of the newest version that has one,
# otherwise the newest cluster of any name.
cluster_line() {
  pg_lsclusters --no-header 2>/dev/null | sort -k1,1V | awk '
    { last = $0 } $2 == "main" { main = $0 }
    END { if (main != "") print main; else if (last != "") print last }'
}

line="$(cluster_line)"
if [ -z "$line" ]; then
  version="$(latest_installed)"
  [ -n "$version" ] || die "no PostgreSQL server installed under /usr/lib/postgresql"
  say "no cluster found; creating cluster $version/main"
  as_root pg_createcluster "$version" main >&2
  line="$(cluster_line)"
  [ -n "$line" ] || die "pg_createcluster did not create a cluster"
fi

read -r version cluster port status _ <<<"$line"
if [ "$status" != "online" ]; then
  say "starting cluster $version/$cluster (port $port)"
  as_root pg_ctlcluster "$version" "$cluster" start >&2
else
  say "cluster $version/$cluster already running on port $port"
fi

# Wait until it accepts TCP connections on the loopback address.
for _ in $(seq 1 60); do
  if pg_isready -q -h "$PG_HOST" -p "$port"; then break; fi
  sleep 0.5
done
pg_isready -q -h "$PG_HOST" -p "$port" ||
  die "cluster $version/$cluster does not accept connections on $PG_HOST:$port"

psql_admin() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

say "ensuring role $PG_USER and database $PG_DB"
psql_admin <<SQL >&2
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL

if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0" >&2
else
  psql_admin -c "ALTER DATABASE $PG_DB OWNER TO $PG_USER" >&2
fi

url="postgres://$PG_USER:$PG_PASSWORD@$PG_HOST:$port/$PG_DB"

# Prove the URL works with password authentication over TCP.
PGPASSWORD="$PG_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$port" -U "$PG_USER" -d "$PG_DB" \
  -tA -c 'SELECT 1' >/dev/null ||
  die "cannot connect as $PG_USER to $PG_HOST:$port/$PG_DB"

say "ready: $url"
echo "$url"
