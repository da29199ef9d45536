-- wrk script for loadtest/run.sh: one endpoint per run, chosen by LOADTEST_ENDPOINT.
--
--   ceiling      GET  /q/health/live                              (trivial: the ceiling on this machine)
--   lesson       GET  /course/lessons/services-and-clusterip      (signed in: renders Markdown, records the visit)
--   simulation   POST /api/v1/simulations                         (fresh mini-cluster, apply, get pods, curl by DNS)
--   attempt      POST /api/v1/labs/first-clusterip-service/attempts
--                     (grade and store; alternates a full-marks and a partial submission)
--
-- LOADTEST_COOKIE is the session cookies from form login ("quarkus-credential=...; minicluster-session=..."), sent on
-- every request.
-- done() prints one machine-readable line per run for run.sh:
--   RESULT endpoint=... requests=... seconds=... rps=... p50_ms=... p99_ms=... max_ms=... 2xx=... non2xx=...
--          socket_errors=... unexpected=... statuses=CODE:COUNT,...
-- Status codes are counted per thread in response() and summed over the threads in done().

local endpoint = os.getenv("LOADTEST_ENDPOINT") or "ceiling"
local cookie = os.getenv("LOADTEST_COOKIE")

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n') .. '"'
end

-- The lab's own solution (full marks, 8 of 8) and a Service whose targetPort is wrong (port and type right: 2 of 8,
-- the endpoints and reach checks fail with an explanation).
local full = [[
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
    - port: 80
      targetPort: 5678
]]
local partial = [[
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
    - port: 80
      targetPort: 8080
]]

local simulation_manifests = [[
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: whoami
          image: traefik/whoami
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
    - name: tools
      image: nicolaka/netshoot
      command: ["sleep", "infinity"]
]]

-- Each answer must also contain `expect` (plain text): a 200 that is not what was asked for is counted as unexpected.
local bodies = {}
local path
local method = "GET"
local expect
if endpoint == "ceiling" then
  path = "/q/health/live"
  expect = '"UP"'
elseif endpoint == "lesson" then
  path = "/course/lessons/services-and-clusterip"
  expect = "</html>"
elseif endpoint == "simulation" then
  expect = "Hostname: web-"
  method = "POST"
  path = "/api/v1/simulations"
  bodies = { '{"profile":"default","seed":1,"manifests":' .. json_string(simulation_manifests)
      .. ',"commands":["kubectl get pods -o wide","kubectl exec client -- curl -sS http://web/"]}' }
elseif endpoint == "attempt" then
  method = "POST"
  path = "/api/v1/labs/first-clusterip-service/attempts"
  expect = '"attempt"'
  bodies = { '{"manifests":' .. json_string(full) .. '}', '{"manifests":' .. json_string(partial) .. '}' }
else
  error("unknown LOADTEST_ENDPOINT " .. endpoint)
end

local headers = {}
if cookie and cookie ~= "" then
  headers["Cookie"] = cookie
end
if method == "POST" then
  headers["Content-Type"] = "application/json"
  headers["Accept"] = "application/json"
end

-- Per-thread state (each wrk thread runs its own copy of this script).
local counter = 0
statuses = {}
unexpected = 0
requests_sent = 0

function request()
  counter = counter + 1
  requests_sent = counter
  local body = nil
  if #bodies > 0 then
    body = bodies[(counter % #bodies) + 1]
  end
  return wrk.format(method, path, headers, body)
end

-- A browser keeps the session cookie the server refreshes: form login re-issues it (newly encrypted) once it is
-- older than quarkus.http.auth.form.new-cookie-interval (1 minute), on every answer until the client sends the new
-- one. Without this, each request of a run that starts a minute after sign-in would cost a cookie encryption that a
-- browser's requests do not.
local cookie_name = cookie and cookie:match("^([^=]+)=") or nil
local cookie_pattern = cookie_name and (cookie_name:gsub("%-", "%%-") .. "=([^;]*)") or nil

function response(status, hdrs, body)
  if cookie_pattern then
    local set = hdrs["set-cookie"] or hdrs["Set-Cookie"]
    local value = set and set:match(cookie_pattern)
    if value and value ~= "" then
      -- Only the login cookie is refreshed; the session token beside it stays as it is.
      headers["Cookie"] = headers["Cookie"]:gsub(cookie_pattern, cookie_name .. "=" .. value:gsub("%%", "%%%%"))
    end
  end
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local wrong = status < 300 and not string.find(body or "", expect, 1, true)
  if wrong then
    unexpected = unexpected + 1
  end
  if (status >= 300 or wrong) and not reported_failure then
    reported_failure = true
    io.stderr:write(string.format("first unexpected answer (%d) on %s: %s\n", status, path, (body or ""):sub(1, 300)))
  end
end

-- Main state: collect the threads so done() can read their counters.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local by_status = {}
  local wrong = 0
  for _, t in ipairs(threads) do
    wrong = wrong + t:get("unexpected")
    local s = t:get("statuses")
    for k, v in pairs(s) do
      by_status[k] = (by_status[k] or 0) + v
    end
  end
  local ok, bad = 0, 0
  local codes = {}
  for k, v in pairs(by_status) do
    local code = tonumber(k)
    if code >= 200 and code < 300 then ok = ok + v else bad = bad + v end
    table.insert(codes, k .. ":" .. v)
  end
  table.sort(codes)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
      "RESULT endpoint=%s requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f 2xx=%d non2xx=%d "
          .. "socket_errors=%d unexpected=%d statuses=%s\n",
      endpoint, summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, ok, bad, socket_errors, wrong, table.concat(codes, ",")))
end
