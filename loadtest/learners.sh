# Issue 17's class of learners, sourced by run.sh (--learners, and a small ladder in --smoke): see README.md,
# "Learners". Uses run.sh's BASE, WORK, PGDIR, SERVER_PID, sql, session_cookie, say, die, PIN_LOAD, SMOKE, ROOT.
#
# Environment: LOADTEST_LADDER (learners per step, "250,500,1000,1500,2000,3000,5000,7500,10000"), LOADTEST_SETTLE
# (seconds before each step's window, 30), LOADTEST_FIRST_SETTLE (the first step's, for the JIT: LOADTEST_SETTLE),
# LOADTEST_MEASURE (the window, 60), LOADTEST_LABS (four built-in labs),
# LOADTEST_LOG_ENTRIES (each learner's log at the start, 70), LOADTEST_STOP_P99_MS (the ladder stops after a step
# whose p99 of any kind is over this, 1000), LOADTEST_LEARNERS_REPORT (loadtest/LEARNERS.md).

# A cost-4 bcrypt of run.sh's PASSWORD (load-test-password-1): the learners are made in SQL, and signing 10,000 of
# them in at the platform's cost of 10 would take the server's core for ten minutes. bcrypt reads the cost from the
# hash, so form login checks these as it checks any account's.
LEARNER_PASSWORD_HASH='$2a$04$jqHW3eFw3hfu.QUsn1FGnewcsi7HA4ZKaXX9QobuPiVxIzJg1z/y6'

# Seeds the template workspaces (LABS, ENTRIES entries each) and writes $WORK/prepare.sh (see below).
learners_prepare() {
  local labs="$1" entries="$2"
  # One learner builds each lab's 70-entry log through the console and the editor, as a learner would; every other
  # learner gets a copy of it (accounts, workspaces and entries in SQL: a copy answers what the original answered,
  # the mini-cluster being deterministic).
  say "Learners: seeding $entries-entry logs on $labs"
  local template_cookie templates
  template_cookie="$(session_cookie loadtest-template)"
  templates="$(java "$HERE/LearnerLoad.java" seed "$BASE" "$template_cookie" "$labs" "$entries")" \
    || die "seeding the template workspaces failed"
  local ids
  ids="$(printf '%s\n' "$templates" | cut -f 2 | paste -sd, -)"
  [ "$(printf '%s\n' "$templates" | wc -l)" = "$(printf '%s\n' "$labs" | awk -F , '{ print NF }')" ] \
    || die "seeding made no workspace for some lab: $templates"

  # The prepare script LearnerLoad runs before each step: learners FROM+1..TO (learner-1, ...), each on lab
  # (N-1) mod 4 with a copy of its template workspace; prints "username TAB lab TAB workspace id".
  cat >"$WORK/prepare.sh" <<EOF
set -euo pipefail
from="\$1" to="\$2"
hash='$LEARNER_PASSWORD_HASH'
sql() { PGPASSWORD="\$(cat "$PGDIR/password")" psql -X -q -t -A -F \$'\\t' -v ON_ERROR_STOP=1 -h localhost \
  -p "$PG_PORT" -U "${PG_USER:-postgres}" -d minicluster -c "\$1"; }
[ "\$to" -gt "\$from" ] || exit 0
sql "
INSERT INTO account (username, password, roles)
  SELECT 'learner-' || g, '\$hash', 'learner' FROM generate_series(\$from + 1, \$to) g;
INSERT INTO workspace (account_id, lab_id, lab_version, profile, seed, created_at, updated_at, stored_bytes,
                       entry_count)
  SELECT a.id, t.lab_id, t.lab_version, t.profile, t.seed, now(), now(), t.stored_bytes, t.entry_count
  FROM generate_series(\$from + 1, \$to) g
  JOIN account a ON a.username = 'learner-' || g
  JOIN workspace t ON t.id = (ARRAY[$ids]::bigint[])[1 + (g - 1) % array_length(ARRAY[$ids], 1)];
INSERT INTO workspace_entry (workspace_id, seq, kind, text, created_at, output)
  SELECT w.id, e.seq, e.kind, e.text, now(), e.output
  FROM generate_series(\$from + 1, \$to) g
  JOIN account a ON a.username = 'learner-' || g
  JOIN workspace w ON w.account_id = a.id
  JOIN workspace t ON t.id = (ARRAY[$ids]::bigint[])[1 + (g - 1) % array_length(ARRAY[$ids], 1)]
  JOIN workspace_entry e ON e.workspace_id = t.id;" >/dev/null
sql "SELECT a.username, w.lab_id, w.id FROM generate_series(\$from + 1, \$to) g
  JOIN account a ON a.username = 'learner-' || g JOIN workspace w ON w.account_id = a.id ORDER BY g"
EOF
}

learners_run() {
  local ladder settle measure labs entries stop="" report first_settle
  if $SMOKE; then
    ladder="${LOADTEST_LADDER:-4,8}" settle="${LOADTEST_SETTLE:-2}" measure="${LOADTEST_MEASURE:-5}"
    stop="${LOADTEST_STOP_P99_MS:-600000}"  # a smoke run proves the ladder runs; its latencies mean nothing
    report="${LOADTEST_LEARNERS_REPORT:-$HERE/target/LEARNERS-smoke.md}"
  else
    ladder="${LOADTEST_LADDER:-250,500,1000,1500,2000,3000,5000,7500,10000}"
    settle="${LOADTEST_SETTLE:-30}" measure="${LOADTEST_MEASURE:-60}"
    report="${LOADTEST_LEARNERS_REPORT:-$HERE/LEARNERS.md}"
  fi
  labs="${LOADTEST_LABS:-first-clusterip-service,fix-wrong-selector,fix-wrong-targetport,readiness-gates-traffic}"
  entries="${LOADTEST_LOG_ENTRIES:-70}"
  stop="${stop:-${LOADTEST_STOP_P99_MS:-1000}}"
  first_settle="${LOADTEST_FIRST_SETTLE:-$settle}"
  learners_prepare "$labs" "$entries"
  say "Learners: ladder $ladder (settle ${settle} s, measure ${measure} s per step)$([ ${#PIN_LOAD[@]} -gt 0 ] && echo ', server on core 0, load generator on core 1')"
  local out="$WORK/learners.txt" acked="$WORK/acked.tsv" load_start load_end
  load_start="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  # The generator's young generation is made large: its live data is small (learners, connections), so each
  # collection is short and they are few; on 1 GB it collected for 0.8-1.2 s of each 30 s window, time that its
  # requests in flight counted as the server's.
  ${PIN_LOAD[@]+"${PIN_LOAD[@]}"} java -Xms1g -Xmx1g -Xmn600m "$HERE/LearnerLoad.java" "$BASE" "$WORK/prepare.sh" "$ladder" "$settle" \
    "$measure" "$SERVER_PID" "$PGDIR/pgdata/postmaster.pid" "$stop" "$acked" "$first_settle" | tee "$out" >&2 \
    || die "the learner load generator failed"
  load_end="$(cut -d ' ' -f 1-3 /proc/loadavg)"

  # Every acknowledged entry and attempt is stored: the generator waited for its last answers, so the counts in
  # PostgreSQL must be exactly what it was answered (beyond each log's seeded entries).
  sleep 1
  local acked_entries acked_attempts stored_entries stored_attempts failed=false
  acked_entries="$(awk -F '\t' '{ s += $2 } END { print s + 0 }' "$acked")"
  acked_attempts="$(awk -F '\t' '{ s += $4 } END { print s + 0 }' "$acked")"
  stored_entries="$(sql "SELECT count(*) FROM workspace_entry e JOIN workspace w ON w.id = e.workspace_id
    JOIN account a ON a.id = w.account_id WHERE a.username LIKE 'learner-%' AND e.seq > $entries")"
  stored_attempts="$(sql "SELECT count(*) FROM attempt t JOIN account a ON a.id = t.account_id
    WHERE a.username LIKE 'learner-%'")"
  if [ "$stored_entries" != "$acked_entries" ] || [ "$stored_attempts" != "$acked_attempts" ]; then
    echo "loadtest: learners: acknowledged $acked_entries entries and $acked_attempts attempts," \
      "stored $stored_entries and $stored_attempts" >&2
    failed=true
  fi
  if grep -q '^STEP .* errors=[1-9]' "$out" || ! grep -q '^STEP ' "$out"; then
    failed=true
  fi

  mkdir -p "$(dirname "$report")"
  {
    echo "# Learners per core (issue 17)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), \`loadtest/run.sh --learners$($SMOKE && echo ' (--smoke)')\`, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)), load average $load_start at the start, $load_end at the end."
    echo "Server: $([ ${#PIN_LOAD[@]} -gt 0 ] && echo 'pinned to core 0 with its PostgreSQL (taskset), load generator on core 1' || echo 'not pinned'); JVM options: @${JVM_OPTIONS#"$ROOT"/} ($(grep -v '^#' "$JVM_OPTIONS" | grep -v '^ *$' | paste -sd ' ' -)) ${LOADTEST_JAVA_OPTS:-}."
    echo "Each learner: per minute 6 console commands, 1 apply, 0.5 checks, 1 page view, exponential think times; labs $labs; $entries log entries at the start. Each step: $settle s to settle ($first_settle s the first), $measure s measured."
    echo "Server's core busy: the share of the server's core(s) in use by any process over the window (/proc/stat); in brackets, by processes other than the server and its PostgreSQL (other load on the machine). Server GC pauses: stop-the-world pauses in the window, count (total ms), from jvm_gc_pause_seconds. Generator lag: how late the load generator sent its requests after their think time (p99 / max), and the share of a core it used: a lagging generator would understate the rate and misstate latencies."
    echo
    echo "| learners | requests/s | errors | server CPU ms/req | PostgreSQL CPU ms/req | server cores | PostgreSQL cores | server's core busy (others) | server GC pauses (ms) | generator lag p99 / max ms, core | cache hits / misses / replays / restores | console p50/p95/p99 ms | apply p50/p95/p99 | check p50/p95/p99 | page p50/p95/p99 |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|"
    grep '^STEP ' "$out" | awk '{
      delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      row = sprintf("| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s (%s) | %s / %s, %s | %s / %s / %s / %s |", v["learners"],
        v["rps"], v["errors"], v["server_cpu_ms"], v["pg_cpu_ms"], v["server_core"], v["pg_core"], v["core_busy"],
        v["core_others"], v["gc_pauses"], v["gc_pause_ms"], v["gen_lag_p99_ms"], v["gen_lag_max_ms"], v["gen_core"],
        v["cache_hits"], v["cache_misses"], v["replays"], v["restores"])
      split("console apply check page", kinds, " ")
      for (k = 1; k <= 4; k++) { split(v[kinds[k]], f, "/"); row = row sprintf(" %s / %s / %s |", f[2], f[3], f[4]) }
      print row }'
    echo
    echo "Acknowledged: $acked_entries log entries and $acked_attempts attempts; stored: $stored_entries and $stored_attempts$([ "$failed" = false ] && echo ' (every acknowledged write is stored)')."
    grep '^DONE ' "$out" | sed 's/^DONE /Generator: /'
  } >"$report"
  say "Learners report ($report)"
  cat "$report"
  ! $failed
}

# SQL statements per request, by kind (run.sh --statements): one learner with the same 70-entry log sends
# LOADTEST_STATEMENT_REQUESTS (20) requests of each kind one after another, after as many to warm up, and
# PostgreSQL's pg_stat_statements counts what they ran: reset before a kind's counted requests, read after them.
# The count divided by the requests is the kind's statements per request: a figure of the code, not of the machine,
# the same on a busy machine as on a quiet one. BEGIN and COMMIT count as statements (the driver sends them around a
# transaction). A session check cached for minicluster.session.cache-ttl shows as a fraction (one query per TTL).
# pg_stat_statements needs shared_preload_libraries, which PostgreSQL reads only when it starts: it is set with
# ALTER SYSTEM and the postmaster stopped, and the platform's watchdog starts it again (README, "Database").
statements_run() {
  local labs entries n report out="$WORK/statements.txt" pgpid
  labs="${LOADTEST_LABS:-first-clusterip-service,fix-wrong-selector,fix-wrong-targetport,readiness-gates-traffic}"
  entries="${LOADTEST_LOG_ENTRIES:-70}" n="${LOADTEST_STATEMENT_REQUESTS:-20}"
  report="${LOADTEST_STATEMENTS_REPORT:-$HERE/target/STATEMENTS.md}"
  learners_prepare "$labs" "$entries"
  sql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  pgpid="$(head -n 1 "$PGDIR/pgdata/postmaster.pid")"
  kill -INT "$pgpid"
  for _ in $(seq 1 60); do
    [ "$(sql "SHOW shared_preload_libraries" 2>/dev/null)" = pg_stat_statements ] && break
    sleep 1
  done
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null \
    || die "PostgreSQL did not come back with pg_stat_statements"
  for _ in $(seq 1 30); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ] && break
    sleep 1
  done
  mkdir -p "$WORK/counted"
  cat >"$WORK/mark.sh" <<EOF
sql() { PGPASSWORD="\$(cat "$PGDIR/password")" psql -X -q -t -A -F \$'\\t' -h localhost -p "$PG_PORT" \
  -U "${PG_USER:-postgres}" -d minicluster -c "\$1"; }
if [ "\$1" = begin ]; then
  sql "SELECT pg_stat_statements_reset()" >/dev/null
else
  sql "SELECT calls, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements
    WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC, query" >"$WORK/counted/\$2"
fi
EOF
  # The console's and the apply's 2 N requests each append an entry: on a log too long to take 4 N more (a workspace
  # holds 1,000 entries at most) they are left out, and only the kinds that read the log (check, page) are counted.
  local kinds=check,page,console,apply
  if [ $((entries + 4 * n)) -gt 1000 ]; then
    kinds=check,page
  fi
  java "$HERE/LearnerLoad.java" count "$BASE" "$WORK/prepare.sh" "$n" "$WORK/mark.sh" "$SERVER_PID" \
    "$PGDIR/pgdata/postmaster.pid" "$kinds" >"$out" \
    || die "the statement count failed"
  mkdir -p "$(dirname "$report")"
  {
    echo "# SQL statements per request (run.sh --statements)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- web-app 2>/dev/null || echo ' (web-app with uncommitted changes)'): one learner, $entries-entry log, $n requests of each kind after $n to warm up; pg_stat_statements' calls divided by the requests."
    echo
    echo "Server and PostgreSQL CPU per request: /proc's ticks (10 ms) over the $n counted requests, one at a time (each kind's own cost, nothing queued beside it; with pg_stat_statements on). Take them with LOADTEST_STATEMENT_REQUESTS=200 (the most a 70-entry log allows: 1,000 entries a workspace): 20 requests give a tick or two, and the JIT is still compiling."
    echo
    if [ "$kinds" = check,page ]; then
      echo "The console and the apply are left out: their $((4 * n)) entries would not fit after the $entries seeded ones (a workspace holds 1,000 at most); what they read does not depend on the log's length."
      echo
    fi
    echo "| kind | statements per request | answer, characters | server CPU ms / request | PostgreSQL CPU ms / request |"
    echo "|---|---:|---:|---:|---:|"
    for kind in ${kinds//,/ }; do
      awk -F '\t' -v n="$n" -v k="$kind" -v row="$(awk -F '\t' -v k="$kind" '$1 == k { print $3 " | " $4 " | " $5 }' "$out")" \
        '{ t += $1 } END { printf "| %s | %.2f | %s |\n", k, t / n, row }' "$WORK/counted/$kind"
    done
    for kind in ${kinds//,/ }; do
      echo
      echo "$kind, calls per request:"
      echo
      awk -F '\t' -v n="$n" '{ printf "    %5.2f  %s\n", $1 / n, substr($2, 1, 150) }' "$WORK/counted/$kind"
    done
  } >"$report"
  say "Statements report ($report)"
  cat "$report"
}
