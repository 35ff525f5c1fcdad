-- One fixed request, as fast as the connections allow; used for the bare 202 endpoint and the
-- results page. wrk -s plain.lua <url> -- <METHOD> <path> [json body]

function init(args)
  wrk.method, wrk.path = args[1], args[2]
  if args[3] then
    wrk.body = args[3]
    wrk.headers["Content-Type"] = "application/json"
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local ok = summary.requests - e.status
  io.write(string.format(
    "BENCH sent=%d accepted=%d refused=%d requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50=%d p90=%d p99=%d max=%d\n",
    summary.requests, ok, e.status, summary.requests, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
