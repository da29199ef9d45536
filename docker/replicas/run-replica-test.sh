#!/usr/bin/env bash
# The replica proof (issue 5), without Docker: one PostgreSQL, two app instances, nginx round-robin in front, and a
# learner driven through nginx with curl. Needs Debian's `postgresql` and `nginx` packages (.ci/run installs them)
# and the packaged app (web-app/target/quarkus-app). Run from anywhere:  docker/replicas/run-replica-test.sh
# Exit 0 when every check passed; otherwise the failed checks are named, and logs are kept in $WORK.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/web-app/target/quarkus-app/quarkus-run.jar
WORK=${REPLICA_WORK:-$(mktemp -d /tmp/replica-test.XXXXXX)}
# Below the kernel's ephemeral range (32768-60999): a port in it may be the local end of a client connection (the
# test suite's, in TIME-WAIT), which PostgreSQL then cannot bind although nothing listens there.
PG_PORT=${REPLICA_PG_PORT:-25432}
APP_PORTS=(${REPLICA_APP_PORTS:-8081 8082})
LB_PORT=${REPLICA_LB_PORT:-8090}
LB=http://127.0.0.1:$LB_PORT
LAB=${REPLICA_LAB:-first-clusterip-service}
ATTEMPTS=${REPLICA_ATTEMPTS:-30}
LEARNER=replica$$
PASSWORD='Replica-test-pw-1'

# The routes the learner journey drives (webcourse and webworkspace branches). Override to follow a rename.
SIGNUP=${REPLICA_SIGNUP_PATH:-/signup}
LOGIN_FORM=${REPLICA_LOGIN_PATH:-/login}
LOGIN_POST=${REPLICA_LOGIN_POST_PATH:-/j_security_check}
LAB_PAGE=${REPLICA_LAB_PAGE:-/labs/$LAB}
ATTEMPTS_API=${REPLICA_ATTEMPTS_API:-/api/v1/labs/$LAB/attempts}
PLAYGROUNDS_API=${REPLICA_PLAYGROUNDS_API:-/api/v1/playgrounds}
ATTEMPT_API=${REPLICA_ATTEMPT_API:-/api/v1/attempts}   # GET $ATTEMPT_API/{id}
PROFILE=${REPLICA_PROFILE:-default}

mkdir -p "$WORK"
chmod 755 "$WORK"
rm -f "$WORK"/*.log "$WORK/stop-load" "$WORK/nginx.pid"
FAILURES=()
MISSING=()
PIDS=()
pass() { echo "  ok   $*"; }
fail() { echo "  FAIL $*"; FAILURES+=("$*"); }
step() { echo; echo "== $*"; }

# ---- PostgreSQL: refuses to run as root, so run it as the postgres user when we are root ----
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql"; exit 2; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is not installed: apt-get install -y nginx"; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B package -DskipTests first"; exit 2; }
# Every port must be free before anything starts: otherwise the checks would test whatever already answers there
# (an older run, another app) and pass or fail for the wrong reason.
port_in_use() { # port: something listens on it (any address), or accepts a connection on 127.0.0.1
  if command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; then return 0; fi
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
BUSY=()
for port in "$PG_PORT" "${APP_PORTS[@]}" "$LB_PORT"; do port_in_use "$port" && BUSY+=("$port"); done
if [ ${#BUSY[@]} -gt 0 ]; then
  echo "port(s) ${BUSY[*]} already in use on this machine; nothing was started. Stop what listens there, or choose"
  echo "other ports: REPLICA_PG_PORT (now $PG_PORT), REPLICA_APP_PORTS (now \"${APP_PORTS[*]}\"), REPLICA_LB_PORT (now $LB_PORT)."
  exit 2
fi
# PostgreSQL's own files live in /tmp: the postgres user may not be allowed into the checkout's directories.
PGDIR=$(mktemp -d /tmp/replica-pg.XXXXXX)
PGDATA=$PGDIR/data
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDIR/postgres.log" "$@"; }
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d minicluster -tAq -c "$1"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  pg_ctl_ stop -m fast >/dev/null 2>&1
  wait 2>/dev/null
  cp "$PGDIR/postgres.log" "$WORK/postgres.log" 2>/dev/null && rm -rf "$PGDIR"
  echo "logs kept in $WORK"
}
trap cleanup EXIT

step "start PostgreSQL on 127.0.0.1:$PG_PORT"
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 2; }
pg_ctl_ -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDIR" start >/dev/null || { cat "$PGDIR/postgres.log"; exit 2; }
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q \
  -c "CREATE ROLE minicluster LOGIN PASSWORD 'replica'" -c "CREATE DATABASE minicluster OWNER minicluster" || exit 2
pass "PostgreSQL is up (throwaway cluster in $PGDATA, trust authentication on 127.0.0.1 only)"

step "start two app instances on ports ${APP_PORTS[*]}"
start_app() { # port
  local port=$1
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/minicluster \
  QUARKUS_DATASOURCE_USERNAME=minicluster QUARKUS_DATASOURCE_PASSWORD=replica \
  QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=2S \
  QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=replica-test-shared-session-key-0123456789 \
  MINICLUSTER_INSTANCE=127.0.0.1:$port MINICLUSTER_LOG_JSON=true \
    java @"$ROOT/web-app/jvm.options" -Xmx320m -jar "$JAR" >>"$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
  eval "APP_PID_$port=$!"
}
wait_ready() { # port
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready")" = 200 ] && return 0
    sleep 1
  done
  return 1
}
# REPLICA_START=together (default): every instance at once on the empty database, as a scheduler starts replicas;
# they race for the Flyway migration and the built-in labs' rows. REPLICA_START=sequential: one after the other.
ready_or_exit() { # port
  if wait_ready "$1"; then pass "instance on $1 is ready"; else
    fail "instance on $1 did not become ready in 240 s (see $WORK/app-$1.log)"; tail -30 "$WORK/app-$1.log"; exit 1; fi
}
if [ "${REPLICA_START:-together}" = together ]; then
  for port in "${APP_PORTS[@]}"; do start_app "$port"; done
  for port in "${APP_PORTS[@]}"; do ready_or_exit "$port"; done
  migrations=$(psql_ "SELECT count(*) FROM flyway_schema_history WHERE success")
  labs=$(psql_ "SELECT count(*) FROM lab_version WHERE author_id IS NULL")
  pass "started together: $migrations migrations recorded once each, $labs built-in lab rows"
else
  for port in "${APP_PORTS[@]}"; do start_app "$port"; ready_or_exit "$port"; done
fi

step "start nginx on 127.0.0.1:$LB_PORT, round robin over both"
mkdir -p "$WORK/nginx-tmp" && chmod 1777 "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<CONF
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
  log_format upstream '\$request_id "\$request" \$status upstream=\$upstream_addr served_by=\$upstream_http_x_served_by';
  access_log $WORK/nginx-access.log upstream;
  upstream academy {
$(for port in "${APP_PORTS[@]}"; do echo "    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"; done)
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    client_max_body_size 2m;
    location / {
      proxy_pass http://academy;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Request-Id \$request_id;
      proxy_next_upstream error timeout http_502 http_503;   # as docker/nginx.conf: a replica shutting down answers 503
    }
  }
}
CONF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" || { cat "$WORK/nginx-error.log"; exit 1; }
pass "nginx is up"

# ---- the learner's HTTP client: cookies kept, every answer's status and X-Served-By recorded ----
JAR_COOKIES=$WORK/cookies.txt
: >"$JAR_COOKIES"
# req METHOD PATH [curl args...] -> sets STATUS, SERVED_BY, BODY (file $WORK/body)
req() {
  local method=$1 path=$2; shift 2
  local out
  out=$(curl -s -X "$method" -b "$JAR_COOKIES" -c "$JAR_COOKIES" -D "$WORK/headers" -o "$WORK/body" \
        -w '%{http_code}' "$@" "$LB$path")
  STATUS=$out
  SERVED_BY=$(grep -i '^x-served-by:' "$WORK/headers" | tail -1 | cut -d' ' -f2 | tr -d '\r')
  BODY=$(cat "$WORK/body")
}
csrf_from_body() { sed -n 's/.*name="csrf-token"[^>]*value="\([^"]*\)".*/\1/p; s/.*value="\([^"]*\)"[^>]*name="csrf-token".*/\1/p' "$WORK/body" | head -1; }
route_exists() { # METHOD PATH: a 404 or 405 means the route is not there (yet)
  # (j_security_check passes a POST without j_username on to the next route, which is a 404: send some.)
  if [ "$1" = POST ]; then req POST "$2" --data 'j_username=preflight&j_password=preflight'; else req "$1" "$2"; fi
  # An unknown id under an existing route is a JSON 404 ({"status":404,...}) from the app, not a missing route.
  if { [ "$STATUS" = 404 ] && ! grep -q '"status" *: *404' "$WORK/body"; } || [ "$STATUS" = 405 ]; then MISSING+=("$1 $2 (answered $STATUS)"); return 1; fi
  return 0
}

step "consecutive requests land on different instances (X-Served-By)"
seen=()
for i in 1 2 3 4; do req GET /; seen+=("$SERVED_BY"); done
if [ "${seen[0]}" != "${seen[1]}" ] && [ "${seen[0]}" = "${seen[2]}" ] && [ "${seen[1]}" = "${seen[3]}" ] && [ -n "${seen[0]}" ]; then
  pass "GET / four times: ${seen[*]}"
else
  fail "GET / did not alternate between instances: '${seen[*]}' (expected X-Served-By to alternate)"
fi
# The Content-Security-Policy nonce is new on every response, by design: compared without it.
same_page() { sed 's/name="csp-nonce" content="[^"]*"/name="csp-nonce" content=""/' "$WORK/body" | md5sum; }
req GET /; home1=$(same_page); s1=$SERVED_BY
req GET /; home2=$(same_page); s2=$SERVED_BY
[ "$home1" = "$home2" ] && [ "$s1" != "$s2" ] && pass "the home page is the same from $s1 and $s2" \
  || fail "the home page differs between $s1 and $s2"
grep -q 'upstream=127.0.0.1:' "$WORK/nginx-access.log" && pass "nginx's access log names the upstream of each request"

step "the routes the learner journey needs"
for r in "GET $SIGNUP" "GET $LOGIN_FORM" "POST $LOGIN_POST" "GET $LAB_PAGE" "POST $ATTEMPTS_API" "GET $ATTEMPT_API/1" "POST $PLAYGROUNDS_API"; do
  # shellcheck disable=SC2086
  if route_exists $r; then pass "$r exists (answered $STATUS)"; else echo "  MISSING $r (answered $STATUS)"; fi
done
JOURNEY=yes
[ ${#MISSING[@]} -eq 0 ] || JOURNEY=no

ACKED_IDS=()
ACKED=0
ATTEMPT_JSON='{"manifests":"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n","transcript":"kubectl get pods\n"}'
submit_attempt() { # -> 0 when acknowledged with 2xx; the acknowledged id is kept
  req POST "$ATTEMPTS_API" -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "$ATTEMPT_JSON"
  case $STATUS in
    2??) ACKED=$((ACKED + 1))
         id=$(grep -o '"attempt" *: *[0-9]*' "$WORK/body" | head -1 | grep -o '[0-9]*$'); [ -n "$id" ] && ACKED_IDS+=("$id")
         return 0 ;;
    *) return 1 ;;
  esac
}
stored_attempts() { psql_ "SELECT count(*) FROM attempt a JOIN account u ON u.id = a.account_id WHERE u.username = '$LEARNER'"; }
check_acked_stored() { # label
  local stored; stored=$(stored_attempts)
  if [ ${#ACKED_IDS[@]} -gt 0 ]; then
    local ids; ids=$(IFS=,; echo "${ACKED_IDS[*]}")
    local found; found=$(psql_ "SELECT count(*) FROM attempt WHERE id IN ($ids)")
    [ "$found" = "${#ACKED_IDS[@]}" ] && pass "$1: all ${#ACKED_IDS[@]} acknowledged attempt ids are in PostgreSQL" \
      || fail "$1: only $found of ${#ACKED_IDS[@]} acknowledged attempt ids are in PostgreSQL"
  fi
  [ "${stored:-0}" -ge "$ACKED" ] && pass "$1: $ACKED acknowledged, $stored stored (psql count)" \
    || fail "$1: $ACKED attempts acknowledged with 2xx but only $stored in PostgreSQL"
}

if [ $JOURNEY = yes ]; then
  step "sign up, log in, console, attempts: through the balancer"
  req GET "$SIGNUP"; token=$(csrf_from_body)
  req POST "$SIGNUP" --data-urlencode "username=$LEARNER" --data-urlencode "password=$PASSWORD" \
      --data-urlencode "confirmPassword=$PASSWORD" --data-urlencode "csrf-token=$token"
  case $STATUS in 2??|3??) pass "signed up as $LEARNER (answered $STATUS by $SERVED_BY)";; *) fail "POST $SIGNUP answered $STATUS: $(head -c 300 "$WORK/body")";; esac
  req POST "$LOGIN_POST" --data-urlencode "j_username=$LEARNER" --data-urlencode "j_password=$PASSWORD"
  grep -qi 'quarkus-credential' "$JAR_COOKIES" && pass "logged in (session cookie set by $SERVED_BY)" \
    || fail "POST $LOGIN_POST set no session cookie (answered $STATUS)"
  pages=()
  for i in 1 2; do
    req GET "$LAB_PAGE"
    [ "$STATUS" = 200 ] && pass "GET $LAB_PAGE 200 from $SERVED_BY (the session is valid on every instance)" \
      || fail "GET $LAB_PAGE answered $STATUS from $SERVED_BY"
  done
  req POST "$PLAYGROUNDS_API" -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "{\"profile\":\"$PROFILE\"}"
  pg_status=$STATUS; playground=$(grep -o '"id" *: *[0-9]*' "$WORK/body" | head -1 | grep -o '[0-9]*$')
  case $pg_status in 2??) pass "playground $playground created by $SERVED_BY";; *) fail "POST $PLAYGROUNDS_API answered $pg_status";; esac
  if [ -n "$playground" ]; then
    outputs=()
    for cmd in "kubectl create deployment web --image=nginx --replicas=2" "kubectl get deployments" "kubectl get deployments"; do
      req POST "$PLAYGROUNDS_API/$playground/commands" -H 'Content-Type: application/json' -H 'Accept: application/json' \
          --data-binary "{\"command\":\"$cmd\"}"
      case $STATUS in 2??) outputs+=("$SERVED_BY|$(md5sum <"$WORK/body")");; *) fail "console command '$cmd' answered $STATUS (route $PLAYGROUNDS_API/{id}/commands)";; esac
    done
    if [ ${#outputs[@]} -eq 3 ] && [ "${outputs[1]#*|}" = "${outputs[2]#*|}" ] && [ "${outputs[1]%%|*}" != "${outputs[2]%%|*}" ]; then
      pass "the same console command gives the same answer from ${outputs[1]%%|*} and ${outputs[2]%%|*} (the cluster is the stored command log)"
    else
      fail "console state differs between instances: ${outputs[*]}"
    fi
  fi
  for i in 1 2 3 4; do submit_attempt || fail "attempt $i answered $STATUS"; done
  last=${ACKED_IDS[${#ACKED_IDS[@]}-1]:-}
  if [ -n "$last" ]; then
    req GET "$ATTEMPT_API/$last" -H 'Accept: application/json'; h1=$(md5sum <"$WORK/body"); a=$SERVED_BY; s1=$STATUS
    req GET "$ATTEMPT_API/$last" -H 'Accept: application/json'; h2=$(md5sum <"$WORK/body"); b=$SERVED_BY
    [ "$s1" = 200 ] && [ "$h1" = "$h2" ] && [ "$a" != "$b" ] && pass "attempt $last reads the same from $a and $b" \
      || fail "attempt $last differs between $a and $b (status $s1)"
  else
    fail "no attempt id in the answers of POST $ATTEMPTS_API (expected \"attempt\": <id>)"
  fi
  check_acked_stored "after the journey"
fi

step "SIGKILL one instance in the middle of a stream of requests"
victim=${APP_PORTS[0]}
statuses=()
for i in $(seq 1 "$ATTEMPTS"); do
  if [ "$i" = $((ATTEMPTS / 3)) ]; then
    eval "kill -KILL \$APP_PID_$victim"; echo "  (killed the instance on $victim with SIGKILL at request $i)"
  fi
  if [ $JOURNEY = yes ]; then submit_attempt; else req GET /; fi
  statuses+=("$STATUS:$SERVED_BY")
done
after=("${statuses[@]:$((ATTEMPTS / 3 + 2))}")
bad=$(printf '%s\n' "${after[@]}" | grep -vc '^2')
[ "$bad" = 0 ] && pass "every request after the kill was answered 2xx by the survivor: $(printf '%s\n' "${after[@]}" | cut -d: -f2- | sort -u | tr '\n' ' ')" \
  || fail "$bad requests after the kill were not 2xx: ${after[*]}"
[ $JOURNEY = yes ] && check_acked_stored "after the kill"
start_app "$victim"
wait_ready "$victim" && pass "the killed instance came back and is ready" || fail "the killed instance did not come back"

step "restart PostgreSQL under load: 503 (not 500) while it is down, then recovery"
LOAD_LOG=$WORK/load.log; : >"$LOAD_LOG"; rm -f "$WORK/stop-load"   # $WORK may be reused from an earlier run
load_what="GET /q/health/ready"
[ $JOURNEY = yes ] && load_what="POST $ATTEMPTS_API"
( while [ ! -f "$WORK/stop-load" ]; do
    if [ $JOURNEY = yes ]; then
      c=$(curl -s -o "$WORK/load-body" -w '%{http_code}' -b "$JAR_COOKIES" -H 'Content-Type: application/json' \
            -H 'Accept: application/json' --data-binary "$ATTEMPT_JSON" "$LB$ATTEMPTS_API")
      id=$(grep -o '"attempt" *: *[0-9]*' "$WORK/load-body" | head -1 | grep -o '[0-9]*$')
    else
      c=$(curl -s -o /dev/null -w '%{http_code}' "$LB/q/health/ready"); id=
    fi
    echo "$(date +%s.%N) $c $id" >>"$LOAD_LOG"; sleep 0.2
  done ) &
LOAD_PID=$!
sleep 2
pg_ctl_ -m fast stop >/dev/null && echo "  (PostgreSQL stopped)"
down_at=$(date +%s.%N)
sleep 6
down_statuses=$(awk -v t="$down_at" '$1 > t + 1 {print $2}' "$LOAD_LOG" | sort | uniq -c | awk '{print $1 "x" $2}' | tr '\n' ' ')
pg_ctl_ -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDIR" start >/dev/null && echo "  (PostgreSQL started again)"
up_at=$(date +%s.%N)
recovered=no
for _ in $(seq 1 60); do
  tail -1 "$LOAD_LOG" | grep -q ' 20[01]\( \|$\)' && { recovered=yes; break; }
  sleep 1
done
touch "$WORK/stop-load"; wait "$LOAD_PID"
if awk -v t="$down_at" -v u="$up_at" '$1 > t + 1 && $1 < u {print $2}' "$LOAD_LOG" | grep -q '^503$'; then
  pass "while PostgreSQL was down, $load_what answered: $down_statuses"
else
  fail "no 503 while PostgreSQL was down: $down_statuses"
fi
n500=$(awk '{print $2}' "$LOAD_LOG" | grep -c '^500$')
[ "$n500" = 0 ] && pass "no 500 in $(wc -l <"$LOAD_LOG") requests during the restart" || fail "$n500 answers were 500 during the restart"
[ $recovered = yes ] && pass "the app recovered by itself after PostgreSQL came back" || fail "the app did not recover within 60 s"
if [ $JOURNEY = yes ]; then
  while read -r _ c id; do
    case $c in 2??) ACKED=$((ACKED + 1)); [ -n "$id" ] && ACKED_IDS+=("$id");; esac
  done <"$LOAD_LOG"
  submit_attempt && pass "an attempt after the restart is acknowledged ($STATUS)" || fail "an attempt after the restart answered $STATUS"
  check_acked_stored "after the restart"
fi

if [ $JOURNEY = yes ]; then
  step "restart PostgreSQL while the instances are idle: each serves its first request after it"
  # Nobody uses the pools while PostgreSQL restarts, so every pooled connection is dead when it is back. The pool
  # must find that out before handing one to a request (it checks connections idle for over a second), not answer
  # 503 once per stale connection: an instance a balancer kept out of rotation during an outage is in this state.
  sleep 2   # the connections' idle time, the precondition of the check above (not a wait for something to happen)
  pg_ctl_ -m fast stop >/dev/null && echo "  (PostgreSQL stopped)"
  pg_ctl_ -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDIR" start >/dev/null && echo "  (PostgreSQL started again)"
  for port in "${APP_PORTS[@]}"; do   # each instance on its own, bypassing nginx
    c=$(curl -s -o "$WORK/direct-body" -w '%{http_code}' -b "$JAR_COOKIES" -H 'Content-Type: application/json' \
          -H 'Accept: application/json' --data-binary "$ATTEMPT_JSON" "http://127.0.0.1:$port$ATTEMPTS_API")
    case $c in
      2??) ACKED=$((ACKED + 1))
           id=$(grep -o '"attempt" *: *[0-9]*' "$WORK/direct-body" | head -1 | grep -o '[0-9]*$'); [ -n "$id" ] && ACKED_IDS+=("$id")
           pass "127.0.0.1:$port acknowledges its first attempt after the restart ($c)" ;;
      *) fail "127.0.0.1:$port answered its first attempt after the restart with $c" ;;
    esac
  done
  check_acked_stored "after the idle restart"
fi

if [ $JOURNEY = yes ] && [ -n "${last:-}" ]; then
  step "sign out on one instance: the session ends on the other at once (PostgreSQL NOTIFY, not the 5-minute check TTL)"
  # Copies of the session's cookies, as someone who kept them would have; the learner signs out with the jar.
  kept=$WORK/kept-cookies.txt; cp "$JAR_COOKIES" "$kept"
  other=${APP_PORTS[1]}
  direct() { curl -s -o /dev/null -w '%{http_code}' -b "$kept" -H 'Accept: application/json' "http://127.0.0.1:$1$ATTEMPT_API/$last"; }
  before=$(direct "$other")
  [ "$before" = 200 ] && pass "127.0.0.1:$other serves the learner's attempt (its session check is now remembered)" \
    || fail "127.0.0.1:$other answered $before before the sign-out"
  out=$(curl -s -b "$JAR_COOKIES" -c "$JAR_COOKIES" "http://127.0.0.1:${APP_PORTS[0]}/course")
  token=$(printf '%s' "$out" | sed -n 's/.*name="csrf-token"[^>]*value="\([^"]*\)".*/\1/p; s/.*value="\([^"]*\)"[^>]*name="csrf-token".*/\1/p' | head -1)
  c=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR_COOKIES" -c "$JAR_COOKIES" -H "Origin: http://127.0.0.1:${APP_PORTS[0]}" \
      --data-urlencode "csrf-token=$token" "http://127.0.0.1:${APP_PORTS[0]}/logout")
  case $c in 2??|3??) pass "signed out on 127.0.0.1:${APP_PORTS[0]} ($c)";; *) fail "POST /logout on 127.0.0.1:${APP_PORTS[0]} answered $c";; esac
  # Polled, with a bound far below the TTL: only the notification can end the session on the other instance in time.
  after=$before
  for _ in $(seq 1 150); do after=$(direct "$other"); [ "$after" = 401 ] && break; sleep 0.2; done
  [ "$after" = 401 ] && pass "the kept cookies are refused by 127.0.0.1:$other at once (401)" \
    || fail "127.0.0.1:$other still answered $after 30 s after the sign-out on the other instance"
  req POST "$LOGIN_POST" --data-urlencode "j_username=$LEARNER" --data-urlencode "j_password=$PASSWORD"
  req GET "$ATTEMPT_API/$last" -H 'Accept: application/json'
  [ "$STATUS" = 200 ] && pass "signed in again (for the steps below)" || fail "signing in again: GET $ATTEMPT_API/$last answered $STATUS"
fi

step "metrics: each instance's /q/metrics has the platform's series"
for port in "${APP_PORTS[@]}"; do
  curl -s "http://127.0.0.1:$port/q/metrics" >"$WORK/metrics-$port.txt"
  missing=()
  for series in minicluster_grading_seconds_bucket minicluster_attempts_total minicluster_workspace_replay_seconds_count \
      minicluster_workspace_cache_size agroal_active_count agroal_available_count; do
    grep -q "^$series" "$WORK/metrics-$port.txt" || missing+=("$series")
  done
  [ ${#missing[@]} = 0 ] && pass "127.0.0.1:$port serves the grading histogram, attempts by outcome, replays, cache and pool series" \
    || fail "127.0.0.1:$port/q/metrics lacks ${missing[*]}"
done
graded=$(cat "$WORK"/metrics-*.txt | awk '/^minicluster_grading_seconds_count/ {n += $2} END {print n + 0}')
[ "${graded%.*}" -gt 0 ] && pass "the instances counted $graded gradings since their last start" \
  || fail "no grading counted in minicluster_grading_seconds_count"

step "graceful shutdown: SIGTERM, readiness DOWN while requests are still served, then a clean exit"
victim=${APP_PORTS[${#APP_PORTS[@]}-1]}
eval "term_pid=\$APP_PID_$victim"
kill -TERM "$term_pid"; echo "  (sent SIGTERM to the instance on $victim)"
ready=
for _ in $(seq 1 20); do
  ready=$(curl -s -o "$WORK/ready-body" -w '%{http_code}' "http://127.0.0.1:$victim/q/health/ready")
  [ "$ready" = 503 ] && break
  sleep 0.2
done
[ "$ready" = 503 ] && grep -q 'Graceful Shutdown' "$WORK/ready-body" \
  && pass "readiness of $victim went DOWN ($ready, check 'Graceful Shutdown') right after SIGTERM" \
  || fail "readiness of $victim answered $ready after SIGTERM: $(head -c 300 "$WORK/ready-body")"
during=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$victim/")
[ "$during" = 200 ] && pass "while its readiness is DOWN, $victim still serves requests (GET / $during)" \
  || fail "$victim answered GET / with $during during the shutdown delay"
lb=()
for _ in $(seq 1 15); do req GET /; lb+=("$STATUS"); sleep 0.4; done
[ -z "$(printf '%s\n' "${lb[@]}" | grep -v '^200$')" ] && pass "through nginx, 15 requests during the shutdown were all 200" \
  || fail "through nginx during the shutdown: ${lb[*]}"
exited=no
for _ in $(seq 1 45); do kill -0 "$term_pid" 2>/dev/null || { exited=yes; break; }; sleep 1; done
[ $exited = yes ] && pass "the instance on $victim exited by itself after the delay" \
  || fail "the instance on $victim was still running 45 s after SIGTERM"

step "result"
if [ ${#MISSING[@]} -gt 0 ]; then
  echo "The learner journey could not run: these routes are missing (404/405 through the balancer):"
  printf '  - %s\n' "${MISSING[@]}"
  echo "(Routes are set at the top of $0 and can be overridden with REPLICA_*_PATH / REPLICA_*_API.)"
  FAILURES+=("missing routes: ${MISSING[*]}")
fi
if [ ${#FAILURES[@]} -gt 0 ]; then
  echo "REPLICA TEST FAILED (${#FAILURES[@]}):"; printf '  - %s\n' "${FAILURES[@]}"; exit 1
fi
echo "REPLICA TEST PASSED"
