#!/usr/bin/env bash
# End-to-end check of poolfix on examples/next-prisma-app, against a real PostgreSQL 15 and
# Prisma 7: rewrite a copy of the app, then call every route handler of both copies on the same
# data and compare responses, connections held at once, and round trips.
#
#   tests/e2e/run.sh [PATH/TO/poolfix]        (default: build/poolfix)
#
#   POOLFIX_E2E_CACHE  npm packages, kept while package.json/package-lock.json are unchanged
#                      (default build/e2e-cache); the last run's diff and records go to last-run/
#   PG_BIN             PostgreSQL server programs (default /usr/lib/postgresql/15/bin)
#
# Exit: 0 every assertion passed, 1 some assertion failed (each printed as FAIL with its
# reason), 2 the harness itself could not run (a missing tool, npm packages that could not be
# installed).
#
# Built for a busy machine (CI shares two cores): setup steps get generous timeouts and are
# retried; the incident's tight pool settings apply only to the pool under test, after its
# connections are open (driver.ts); and every part runs and reports even when an earlier one
# failed, so the summary always counts every check: a check whose input is missing fails and
# says why, it is never skipped.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$REPO/tests/e2e
APP_SRC=$REPO/examples/next-prisma-app
POOLFIX=$(realpath -m "${1:-$REPO/build/poolfix}")
CACHE=$(realpath -m "${POOLFIX_E2E_CACHE:-$REPO/build/e2e-cache}")
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

TAKE=10         # poolfix's default --take
BATCH_SIZE=4    # poolfix's default --batch-size
HOLD_MS=25      # each query keeps its connection this long, so that parallel queries overlap
# The incident: a pool no larger than a batch, a short wait for a connection, slow queries.
INCIDENT_POOL_MAX=$BATCH_SIZE INCIDENT_TIMEOUT_MS=100 INCIDENT_HOLD_MS=150
# Setup is not what is measured: a slow machine may take its time.
SETUP_TIMEOUT_MS=60000 # to open a connection (seed, warm-up, measuring runs)
NPM_TIMEOUT_S=300      # one npm ci; then killed 5 s later at the latest
DRIVER_TIMEOUT_S=600   # one run of the driver
ATTEMPTS=3             # of each setup step that can fail for a passing reason

# The reports count months back from "today": pin it so that the seed and the handlers agree.
export POOLFIX_NOW=2025-10-10T12:00:00Z
# No Prisma update check or engine download: neither host is reachable here.
export CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
# psql waits forever for a connection by default.
export PGCONNECT_TIMEOUT=$((SETUP_TIMEOUT_MS / 1000))

START_NS=$(date +%s%N)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/poolfix-e2e.XXXXXX")
PGDATA=$WORK/pgdata
ASSERTIONS=$WORK/assertions.txt
: >"$ASSERTIONS"
TSC_PIDS=()
PGPORT=0            # until PostgreSQL is started
CLIENT_PROBLEM=""   # why the app copies have no generated Prisma client, if they have none
DATABASE_PROBLEM="" # why there is no seeded database, if there is none

# --- output --------------------------------------------------------------------------------

elapsed() {
  local ms=$((($(date +%s%N) - START_NS) / 1000000))
  printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
}

note() { printf '[%7s] %s\n' "$(elapsed)" "$*"; }

# The harness cannot go on: say why in one line, with the end of the step's log.
die() {
  printf 'e2e: %s\n' "$1" >&2
  if [[ -n ${2:-} && -s $2 ]]; then tail -n 15 "$2" | sed 's/^/  | /' >&2; fi
  exit 2
}

check() { # check PASSED MESSAGE
  local line
  if [[ $1 == 1 ]]; then line="PASS  $2"; else line="FAIL  $2"; fi
  echo "$line" | tee -a "$ASSERTIONS"
}

# Runs a setup step up to $ATTEMPTS times, a little longer apart each time: on a busy machine a
# first connect or start may time out where a second one succeeds.
retry() { # retry WHAT COMMAND...
  local what=$1 attempt
  shift
  for ((attempt = 1; ; attempt++)); do
    "$@" && return 0
    ((attempt < ATTEMPTS)) || return 1
    note "$what failed (attempt $attempt of $ATTEMPTS), trying again" >&2
    sleep $((attempt * 2))
  done
}

# --- cleanup: always, whatever failed ------------------------------------------------------

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
  [[ -f $PGDATA/postmaster.pid ]] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 20 stop >/dev/null 2>&1 ||
    kill -KILL "$(head -1 "$PGDATA/postmaster.pid")" 2>/dev/null || true
}

cleanup() {
  # Type checks still running when a later step failed
  if ((${#TSC_PIDS[@]})); then kill "${TSC_PIDS[@]}" 2>/dev/null || true; fi
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- npm packages --------------------------------------------------------------------------

# A lost registry must fail, not hang: fetch timeouts and `timeout`, because npm waits on a
# silent registry far longer than its fetch timeout (it fetches in waves). The limit is
# generous: a cold install on a busy machine takes minutes.
# --ignore-scripts: the client is generated below, and Prisma's install scripts would try to
# download engines.
npm_ci() {
  timeout -k 5 "$NPM_TIMEOUT_S" npm ci --ignore-scripts --no-audit --no-fund --prefer-offline \
    --cache "$CACHE/npm" --fetch-timeout=15000 --fetch-retries=1 --fetch-retry-mintimeout=2000 \
    --fetch-retry-maxtimeout=5000 --loglevel=error
}

npm_ci_in() { # npm_ci_in DIR LOG
  find "$1" -mindepth 1 -maxdepth 1 -name node_modules -exec rm -rf {} +
  (cd "$1" && npm_ci) >"$2" 2>&1
}

# One node_modules per package.json + package-lock.json, shared by every copy of the app
# through a symlink.
install_packages() {
  mkdir -p "$CACHE"
  local key log=$CACHE/npm-ci.log
  key=$(cat "$APP_SRC/package.json" "$APP_SRC/package-lock.json" | sha256sum | cut -c1-16)
  DEPS=$CACHE/deps-$key
  exec 9>"$CACHE/.lock"
  flock 9 # another run may be installing into the same cache
  if [[ -f $DEPS/.installed ]]; then
    exec 9>&-
    note "npm packages: reusing $DEPS"
    return
  fi

  local started=$SECONDS
  rm -rf "$DEPS"
  mkdir -p "$DEPS"
  cp "$APP_SRC/package.json" "$APP_SRC/package-lock.json" "$DEPS/"
  if ! retry "npm ci" npm_ci_in "$DEPS" "$log"; then
    local reason
    reason=$(grep -m1 -E 'npm error (code|errno) ' "$log" || echo 'timed out')
    die "npm ci failed $ATTEMPTS times, after $((SECONDS - started))s ($reason): is the npm registry reachable? Log: $log"
  fi
  touch "$DEPS/.installed"
  # Packages for older lockfiles are never used again.
  find "$CACHE" -mindepth 1 -maxdepth 1 -name 'deps-*' ! -path "$DEPS" -exec rm -rf {} +
  exec 9>&-
  note "npm packages: installed into $DEPS in $((SECONDS - started))s"
}

# --- PostgreSQL ----------------------------------------------------------------------------

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# A throwaway cluster on 127.0.0.1 only. Durability is off: the data is rebuilt every run.
# Sets DATABASE_PROBLEM when there is none after every attempt.
start_postgres() {
  local log=$WORK/postgres.log
  chmod 711 "$WORK" # the postgres user must reach its data folder
  if [[ $EUID -eq 0 ]]; then install -d -o postgres -g postgres -m 700 "$PGDATA"; else mkdir -m 700 "$PGDATA"; fi
  if ! retry initdb init_cluster "$log"; then
    DATABASE_PROBLEM="initdb failed: $(tail -n 1 "$log")"
    return 1
  fi
  # Another process may take the free port before the server binds it: try again.
  if ! retry "starting PostgreSQL" pg_start "$log"; then
    DATABASE_PROBLEM="PostgreSQL did not start: $(tail -n 1 "$PGDATA/server.log" 2>/dev/null)"
    return 1
  fi
  note "PostgreSQL started on 127.0.0.1:$PGPORT"
}

init_cluster() { # init_cluster LOG
  rm -rf "${PGDATA:?}"/*
  as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$1" 2>&1
}

pg_start() { # pg_start LOG: sets PGPORT
  PGPORT=$(free_port)
  as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA -c autovacuum=off -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >>"$1" 2>&1
}

sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }

database_url() { echo "postgresql://postgres@127.0.0.1:$PGPORT/$1"; }

# The schema and seed data live in app_template; every run of the driver gets its own copy,
# so that each app starts from the same rows (a DELETE handler changes them). Sets
# DATABASE_PROBLEM when it could not be built after every attempt.
create_template() {
  local log=$WORK/seed.log
  if ! retry "seeding the database" seed_template "$log"; then
    DATABASE_PROBLEM="the database could not be seeded: $(grep -m1 -iE 'error|failed' "$log" || tail -n 1 "$log")"
    return 1
  fi
  note "database: init.sql applied, $(grep -m1 '^seeded' "$log")"
}

seed_template() { # seed_template LOG: from scratch, each attempt
  sql -d postgres -c 'DROP DATABASE IF EXISTS app_template' >"$1" 2>&1 &&
    sql -d postgres -c 'CREATE DATABASE app_template' >>"$1" 2>&1 &&
    sql -d app_template -f "$WORK/original/init.sql" >>"$1" 2>&1 &&
    (cd "$WORK/original" && DATABASE_URL=$(database_url app_template) DB_CONNECT_TIMEOUT_MS=$SETUP_TIMEOUT_MS \
      "$DEPS/node_modules/.bin/tsx" seed.ts) >>"$1" 2>&1 &&
    sql -d app_template -c 'ANALYZE' >>"$1" 2>&1
}

# A copy of app_template for one run; its URL on stdout. CREATE DATABASE ... TEMPLATE fails
# while the template still has a connection (a client that is slow to go away): retried.
fresh_database() {
  retry "CREATE DATABASE $1" copy_template "$1" || return 1
  database_url "$1"
}

copy_template() { sql -d postgres -c "CREATE DATABASE $1 TEMPLATE app_template" >>"$WORK/databases.log" 2>&1; }

# --- copies of the app ---------------------------------------------------------------------

copy_app() { # copy_app DEST: the sources only, as poolfix would see a checkout
  mkdir -p "$1"
  tar -C "$APP_SRC" --exclude=./node_modules --exclude=./generated -cf - . | tar -C "$1" -xf -
}

run_poolfix() { # run_poolfix COPY [OPTIONS...]: rewrites the copy in place
  local copy=$1 log=$WORK/poolfix-$1.log
  shift
  if [[ ! -x $POOLFIX ]]; then
    check 0 "poolfix binary not found at $POOLFIX: the \"$copy\" app is an unmodified copy"
    return
  fi
  if "$POOLFIX" apply --allow-dirty "$@" "$WORK/$copy" >"$log" 2>&1; then
    check 1 "poolfix apply --allow-dirty $* exits 0"
  else
    check 0 "poolfix apply --allow-dirty $* exits $? ($(tail -n 1 "$log"))"
  fi
  (cd "$WORK" && diff -ruN original "$copy" >"$copy.diff") || true
  note "poolfix $* changed $(grep -c '^+++ ' "$WORK/$copy.diff") files: +$(grep -c '^+[^+]' "$WORK/$copy.diff") -$(grep -c '^-[^-]' "$WORK/$copy.diff") lines (diff kept in $CACHE/last-run/$copy.diff)"
}

# `take` on a to-one relation is a type error (and a runtime error): if tsc accepts this
# copy, the type check below proves nothing.
inject_take_on_to_one() {
  local route=$WORK/take-on-to-one/app/api/rbac/users/route.ts
  sed -i '0,/pilot_school: {/s//pilot_school: { take: 5,/' "$route"
  [[ $(grep -c 'pilot_school: { take: 5,' "$route") == 1 ]] ||
    check 0 "could not inject take on the to-one pilot_school include of $route: the negative control below is void"
}

# Generated once, copied into every copy: the schema is the same in all of them. Sets
# CLIENT_PROBLEM when the client could not be generated.
prepare_copies() {
  local log=$WORK/generate.log copy
  for copy in original rewritten rewritten-sql rewritten-take take-on-to-one; do
    ln -s "$DEPS/node_modules" "$WORK/$copy/node_modules"
  done
  if ! retry "prisma generate" generate_client "$log"; then
    CLIENT_PROBLEM="prisma generate failed: $(grep -m1 -i 'error' "$log" || tail -n 1 "$log")"
    check 0 "$CLIENT_PROBLEM"
    return 1
  fi
  for copy in rewritten rewritten-sql rewritten-take take-on-to-one; do cp -r "$WORK/original/generated" "$WORK/$copy/"; done
}

generate_client() { # generate_client LOG
  (cd "$WORK/original" && DATABASE_URL=$(database_url app_template) "$DEPS/node_modules/.bin/prisma" generate) >"$1" 2>&1
}

typecheck() { # typecheck COPY &: always in the background, where tsc replaces the subshell
  cd "$WORK/$1" && exec "$DEPS/node_modules/.bin/tsc" --noEmit -p . >"$WORK/tsc-$1.log" 2>&1
}

tsc_errors() { # tsc_errors COPY: "N errors, the first: ..."
  echo "$(grep -c 'error TS' "$WORK/tsc-$1.log") errors, the first: $(grep -m1 'error TS' "$WORK/tsc-$1.log")"
}

# The checks run at once, and while the database is seeded: tsc spends seconds on the
# generated client's types.
start_typechecks() {
  local copy
  for copy in original rewritten rewritten-sql rewritten-take take-on-to-one; do
    typecheck "$copy" &
    TSC_PIDS+=($!)
  done
}

finish_typechecks() {
  if wait "${TSC_PIDS[0]}"; then check 1 "tsc --noEmit passes on the original app"; else check 0 "tsc --noEmit fails on the original app ($(tsc_errors original))"; fi
  if wait "${TSC_PIDS[1]}"; then check 1 "tsc --noEmit passes on the rewritten app"; else check 0 "tsc --noEmit fails on the rewritten app ($(tsc_errors rewritten))"; fi
  if wait "${TSC_PIDS[2]}"; then check 1 "tsc --noEmit passes on the app rewritten with --aggregate sql"; else check 0 "tsc --noEmit fails on the app rewritten with --aggregate sql ($(tsc_errors rewritten-sql))"; fi
  if wait "${TSC_PIDS[3]}"; then check 1 "tsc --noEmit passes on the app rewritten with --pass take"; else check 0 "tsc --noEmit fails on the app rewritten with --pass take ($(tsc_errors rewritten-take))"; fi
  if wait "${TSC_PIDS[4]}"; then
    check 0 "negative control: tsc accepted take: 5 on a to-one include (the type check is not live)"
  elif grep -q "TS2353.*'take' does not exist" "$WORK/tsc-take-on-to-one.log"; then
    check 1 "negative control: tsc rejects take: 5 on a to-one include (TS2353)"
  else
    check 0 "negative control: tsc failed for another reason than take on a to-one include ($(tsc_errors take-on-to-one))"
  fi
  TSC_PIDS=()
  note "type checks done"
}

# --- driving the handlers ------------------------------------------------------------------

# drive COPY RECORD POOL_MAX TIMEOUT_MS DRIVER-ARGS...: writes $WORK/RECORD.json, or says in
# $WORK/RECORD.json.failed why there is none (verdict.ts then fails every check that needs it).
# A driver that fails before it made its calls is a harness failure: tried again on a fresh
# database. TIMEOUT_MS is the pool's wait for a free connection once warmed up; connections
# are opened under the generous setup timeout.
drive() {
  local copy=$1 record=$2 pool_max=$3 timeout_ms=$4 attempt url why=""
  shift 4
  if [[ -n $CLIENT_PROBLEM || -n $DATABASE_PROBLEM ]]; then
    echo "not run: ${CLIENT_PROBLEM:-$DATABASE_PROBLEM}" >"$WORK/$record.json.failed"
    return
  fi
  for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
    if ! url=$(fresh_database "${record//-/_}_$attempt"); then
      why="no database for it (CREATE DATABASE ... TEMPLATE failed $ATTEMPTS times)"
      break
    fi
    if (cd "$HERE" && DATABASE_URL=$url DB_POOL_MAX=$pool_max DB_CONNECT_TIMEOUT_MS=$SETUP_TIMEOUT_MS \
      timeout -k 10 "$DRIVER_TIMEOUT_S" "$DEPS/node_modules/.bin/tsx" driver.ts --app "$WORK/$copy" \
      --out "$WORK/$record.json" --connect-timeout-ms "$timeout_ms" "$@") >"$WORK/$record.log" 2>&1; then
      return
    fi
    why="the driver failed on the $copy app: $(grep -m1 '^driver:' "$WORK/$record.log" || tail -n 1 "$WORK/$record.log")"
    note "$record: $why (attempt $attempt of $ATTEMPTS)"
  done
  rm -f "$WORK/$record.json"
  echo "$why" >"$WORK/$record.json.failed"
}

drive_all() {
  # A pool larger than any fan-out, so that the peaks show what the code asks for.
  drive original measure-original 20 "$SETUP_TIMEOUT_MS" --hold-ms "$HOLD_MS"
  drive rewritten measure-rewritten 20 "$SETUP_TIMEOUT_MS" --hold-ms "$HOLD_MS"
  drive rewritten-sql measure-rewritten-sql 20 "$SETUP_TIMEOUT_MS" --hold-ms "$HOLD_MS"
  drive rewritten-take measure-rewritten-take 20 "$SETUP_TIMEOUT_MS" --hold-ms "$HOLD_MS"
  note "handlers called: original, rewritten, rewritten with --aggregate sql, rewritten with --pass take; $HOLD_MS ms per query"
  # Both apps at the same time, so under the same load: the verdict compares them, not times.
  drive original incident-original "$INCIDENT_POOL_MAX" "$INCIDENT_TIMEOUT_MS" --hold-ms "$INCIDENT_HOLD_MS" --incident &
  local original_pid=$!
  drive rewritten incident-rewritten "$INCIDENT_POOL_MAX" "$INCIDENT_TIMEOUT_MS" --hold-ms "$INCIDENT_HOLD_MS" --incident
  wait "$original_pid" || true
  note "incident replayed on both apps at once: pool max $INCIDENT_POOL_MAX, ${INCIDENT_TIMEOUT_MS} ms wait for a connection, $INCIDENT_HOLD_MS ms per query"
}

# The seed's own SQL suggestion, run as written: the suite must be able to see its mistakes.
judge_seed_sql() {
  local url line args=(--not-run "${CLIENT_PROBLEM:-$DATABASE_PROBLEM}")
  if [[ -z $CLIENT_PROBLEM && -z $DATABASE_PROBLEM ]]; then
    if url=$(fresh_database seed_sql); then args=(--app "$WORK/original"); else args=(--not-run "no database for it"); fi
  fi
  (cd "$HERE" && DATABASE_URL=${url:-} DB_CONNECT_TIMEOUT_MS=$SETUP_TIMEOUT_MS "$DEPS/node_modules/.bin/tsx" seed-sql.ts "${args[@]}") >"$WORK/seed-sql.log" 2>&1 || true
  grep -qE '^(PASS|FAIL)' "$WORK/seed-sql.log" || check 0 "seed-sql.ts did not run: $(tail -n 1 "$WORK/seed-sql.log")"
  while IFS= read -r line; do
    check "$([[ $line == PASS* ]] && echo 1 || echo 0)" "${line:6}"
  done < <(grep -E '^(PASS|FAIL)' "$WORK/seed-sql.log")
}

judge() {
  echo
  (cd "$HERE" && "$DEPS/node_modules/.bin/tsx" verdict.ts \
    --original "$WORK/measure-original.json" --rewritten "$WORK/measure-rewritten.json" \
    --incident-original "$WORK/incident-original.json" --incident-rewritten "$WORK/incident-rewritten.json" \
    --take "$TAKE" --batch-size "$BATCH_SIZE" --assertions "$ASSERTIONS") ||
    check 0 "verdict.ts could not judge the records (see above)"
  echo
  (cd "$HERE" && "$DEPS/node_modules/.bin/tsx" verdict.ts --label "rewritten (--aggregate sql)" --calls-only \
    --original "$WORK/measure-original.json" --rewritten "$WORK/measure-rewritten-sql.json" \
    --take "$TAKE" --batch-size "$BATCH_SIZE" --assertions "$ASSERTIONS") ||
    check 0 "verdict.ts could not judge the --aggregate sql records (see above)"
  echo
  # The opt-in take pass: the only copy whose lists named `limitable` may come back shorter.
  (cd "$HERE" && "$DEPS/node_modules/.bin/tsx" verdict.ts --label "rewritten (--pass take)" --calls-only --take-pass \
    --original "$WORK/measure-original.json" --rewritten "$WORK/measure-rewritten-take.json" \
    --take "$TAKE" --batch-size "$BATCH_SIZE" --assertions "$ASSERTIONS") ||
    check 0 "verdict.ts could not judge the --pass take records (see above)"
}

keep_last_run() {
  rm -rf "$CACHE/last-run"
  mkdir -p "$CACHE/last-run"
  cp "$WORK"/*.json "$WORK"/*.failed "$WORK"/*.log "$WORK"/*.diff "$ASSERTIONS" "$CACHE/last-run/" 2>/dev/null || true
}

# --- main ----------------------------------------------------------------------------------

for tool in node npm psql timeout flock "$PG_BIN/initdb" "$PG_BIN/pg_ctl"; do
  command -v "$tool" >/dev/null || die "missing $tool"
done
if [[ $EUID -eq 0 ]]; then command -v runuser >/dev/null || die "missing runuser"; fi

install_packages
if (cd "$HERE" && "$DEPS/node_modules/.bin/tsx" --test compare-json.test.ts judge.test.ts) >"$WORK/unit.log" 2>&1; then
  check 1 "the harness's own tests pass (compare-json, judge)"
else
  check 0 "the harness's own tests fail: $(grep -m1 '^not ok' "$WORK/unit.log" || tail -n 1 "$WORK/unit.log") (log: $CACHE/last-run/unit.log)"
fi

start_postgres || note "$DATABASE_PROBLEM"
copy_app "$WORK/original"
copy_app "$WORK/rewritten"
copy_app "$WORK/rewritten-sql"
copy_app "$WORK/rewritten-take"
copy_app "$WORK/take-on-to-one"
run_poolfix rewritten
run_poolfix rewritten-sql --aggregate sql
run_poolfix rewritten-take --pass batch,groupby,bound,loop,hoist,take
if grep -q 'queryRaw' "$WORK/rewritten-sql.diff"; then
  check 1 "--aggregate sql rewrote the count-only month loop into one \$queryRaw"
else
  check 0 "--aggregate sql did not rewrite the count-only month loop into one \$queryRaw"
fi
if grep -q 'await tx\.student\.findMany' "$WORK/rewritten.diff"; then
  check 1 "hoist read the N+1 loop inside \$transaction(async (tx) => ...) with one findMany on tx"
else
  check 0 "hoist did not read the N+1 loop inside \$transaction(async (tx) => ...) with one findMany on tx"
fi
if grep -q 'await tx\.assessment\.findMany' "$WORK/rewritten.diff"; then
  check 1 "loop read the month loop inside \$transaction(async (tx) => ...) with findMany on tx"
else
  check 0 "loop did not read the month loop inside \$transaction(async (tx) => ...) with findMany on tx"
fi
inject_take_on_to_one
prepare_copies || true
note "copies ready: original, rewritten, rewritten-sql, rewritten-take, take-on-to-one${CLIENT_PROBLEM:+; no client: $CLIENT_PROBLEM}"

start_typechecks
if [[ -z $DATABASE_PROBLEM ]]; then create_template || note "$DATABASE_PROBLEM"; fi
finish_typechecks
drive_all
judge
judge_seed_sql
keep_last_run

failed=$(grep -c '^FAIL' "$ASSERTIONS" || true)
passed=$(grep -c '^PASS' "$ASSERTIONS" || true)
echo
if [[ $failed -gt 0 ]]; then
  echo "Failed assertions:"
  grep '^FAIL' "$ASSERTIONS" | sed 's/^/  /'
fi
note "e2e done"
echo "e2e: $passed passed, $failed failed, $((passed + failed)) checks"
[[ $failed -eq 0 ]]
