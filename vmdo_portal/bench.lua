-- wrk script: optional cache-busting query, optional POST body, JSON summary at the end.
local bust = os.getenv("BENCH_BUST") == "1"
local body = os.getenv("BENCH_BODY")
local counter = 0

request = function()
  counter = counter + 1
  local path = wrk.path
  if bust then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "_b=" .. counter .. "-" .. math.random(1, 1000000000)
  end
  if body then
    return wrk.format("POST", path, nil, body)
  end
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "errors": %d, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
