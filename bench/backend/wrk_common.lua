-- wrk_common.lua — shared by the backend wrk scripts (docs/BENCHMARKS.md "Backend"): loads the parameters that
-- backend_bench.mjs prepare wrote, counts answers per HTTP status in every wrk thread and, when the run ends, prints
-- one JSON line "SLOTWISE_BENCH {...}" with the figures that backend_bench.mjs report reads.
--
-- Environment (set by run_backend_bench.sh): SLOTWISE_BENCH_PARAMS (params.lua), SLOTWISE_BENCH_STEP (the step's
-- name in the report), SLOTWISE_BENCH_THREADS and SLOTWISE_BENCH_CONNECTIONS (wrk's -t and -c).
local common = {}

common.params = dofile(os.getenv("SLOTWISE_BENCH_PARAMS"))
common.threads = tonumber(os.getenv("SLOTWISE_BENCH_THREADS") or "1")
common.connections = tonumber(os.getenv("SLOTWISE_BENCH_CONNECTIONS") or "0")

-- Per wrk thread (each has its own Lua state): answers per status, the first unexpected answer.
statuses = {}
first_error = nil
thread_index = 0  -- set by setup() through thread:set before the thread starts

local created_threads = {}

-- Counts one answer; `expected(status)` says whether it is one the step wants.
function common.count(status, body, expected)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if first_error == nil and not expected(status) then
    first_error = key .. " " .. string.sub(body or "", 1, 300)
  end
end

function common.setup(thread)
  thread:set("thread_index", #created_threads)
  table.insert(created_threads, thread)
end

local function json_string(text)
  return '"' .. string.gsub(text, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function common.done(summary, latency, requests)
  local merged, first = {}, nil
  for _, thread in ipairs(created_threads) do
    for status, n in pairs(thread:get("statuses") or {}) do merged[status] = (merged[status] or 0) + n end
    first = first or thread:get("first_error")
  end
  local parts = {}
  for status, n in pairs(merged) do table.insert(parts, json_string(status) .. ":" .. n) end
  local e = summary.errors
  io.write(string.format(
    'SLOTWISE_BENCH {"section":"backend","step":%s,"requests":%d,"duration_us":%d,"threads":%d,"connections":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,"statuses":{%s},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"first_error":%s}\n',
    json_string(os.getenv("SLOTWISE_BENCH_STEP") or "unknown"), summary.requests, summary.duration, common.threads,
    common.connections, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, table.concat(parts, ","), e.connect, e.read, e.write, e.timeout,
    first and json_string(first) or "null"))
end

-- An RFC 3339 UTC instant from seconds since the epoch.
function common.iso(seconds)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds)
end

return common
