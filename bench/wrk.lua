-- wrk script for bench/submissions-wrk.mjs. With a bodies file (one "address<TAB>json" per
-- line, pre-solved by the Node side), each thread POSTs its share of the lines, one each, as
-- that resident; without one, plain GETs of the path given to wrk. Prints one JSON line.
-- Usage: wrk -s bench/wrk.lua <url> -- [bodies-file threads]
-- In the main state only; each thread reads its number as the global `thread_number`.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  bodies = {}
  next_body = 0
  overrun = 0
  if args[1] == nil then return end
  local count = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    line_number = line_number + 1
    if line_number % count == thread_number - 1 then
      local address, body = line:match("^([^\t]+)\t(.*)$")
      table.insert(bodies, wrk.format("POST", nil, { ["content-type"] = "application/json", ["x-forwarded-for"] = address }, body))
    end
  end
end

function request()
  if #bodies == 0 then return wrk.format("GET") end
  next_body = next_body + 1
  if next_body > #bodies then
    -- Out of pre-solved bodies: a resent body is refused (spent challenge), counted apart.
    overrun = overrun + 1
    next_body = 1
  end
  return bodies[next_body]
end

function done(summary, latency, requests)
  local overruns = 0
  for _, thread in ipairs(threads) do overruns = overruns + (thread:get("overrun") or 0) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"perSecond":%d,"errors":%d,"non2xx":%d,"overrun":%d,"p50Ms":%.1f,"p95Ms":%.1f}\n',
    summary.requests, summary.duration / 1e6, math.floor(summary.requests / (summary.duration / 1e6)),
    e.connect + e.read + e.write + e.status + e.timeout, e.status, overruns,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
