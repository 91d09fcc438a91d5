#!/bin/sh
# Start the local PostgreSQL 15 cluster (Debian's postgresql-15, cluster 15/main) if it is
# installed, make sure the test role and database exist, and print their URL.
# Prints nothing (and the PostgreSQL tests are skipped with the reason) where that cannot be
# done: no cluster, or not allowed to start it.
set -u
ROLE=tracker_test
DB=tracker_test
PORT=${TRACKER_TEST_PGPORT:-5432}

command -v pg_ctlcluster >/dev/null 2>&1 || exit 0
[ -d /etc/postgresql/15/main ] || exit 0
if ! pg_lsclusters -h 2>/dev/null | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster --skip-systemctl-redirect 15 main start >&2 || exit 0
fi
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}
as_postgres psql -p "$PORT" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$ROLE'" 2>/dev/null \
    | grep -q 1 \
    || as_postgres psql -p "$PORT" -qc "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'" >&2 \
    || exit 0
as_postgres psql -p "$PORT" -qtAc "SELECT 1 FROM pg_database WHERE datname='$DB'" 2>/dev/null \
    | grep -q 1 \
    || as_postgres createdb -p "$PORT" -O "$ROLE" "$DB" >&2 \
    || exit 0
echo "postgresql+psycopg://$ROLE:$ROLE@127.0.0.1:$PORT/$DB"
