-- Shared by every wrk script: counts 2xx answers per thread and prints one machine-readable line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  statuses = {}
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total_ok = 0
  local codes = {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f ok=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, total_ok,
    latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
