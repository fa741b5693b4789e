-- wrk script for bench/oso/oso-bench.sh: replays pre-signed notificaties, each exactly once.
--   wrk -t2 -c32 -d15s -s bench/oso/oso-replay.lua http://127.0.0.1:18080 -- DIR COUNT THREADS
-- DIR holds 000001.xml .. COUNT.xml (oso-load sign). Thread k of THREADS (must equal -t) loads files k+1, k+1+THREADS, ...
-- at init, so no two threads send the same message. A thread that runs out sends GET /oso/v1/swv-uitgeput (a 404,
-- counted by wrk as non-2xx and reported in done()), so an exhausted set can never pass for a fast gateway.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local dir, total, nthreads = args[1], tonumber(args[2]), tonumber(args[3])
  bodies = {}
  for i = id + 1, total, nthreads do
    local f = assert(io.open(string.format("%s/%06d.xml", dir, i), "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
  loaded = #bodies
  idx = 0
  exhausted = 0
  headers = { ["Content-Type"] = "text/xml; charset=utf-8", ["SOAPAction"] = '""' }
end

function request()
  idx = idx + 1
  if idx > loaded then
    exhausted = exhausted + 1
    return wrk.format("GET", "/oso/v1/swv-uitgeput")
  end
  return wrk.format("POST", "/oso/v1/swv", headers, bodies[idx])
end

function done(summary, latency, requests)
  local sent, loadedTotal, ex = 0, 0, 0
  for _, t in ipairs(threads) do
    local i, l, e = t:get("idx"), t:get("loaded"), t:get("exhausted")
    loadedTotal = loadedTotal + l
    ex = ex + e
    sent = sent + math.min(i, l)
  end
  io.write(string.format("notificaties sent (at most once each): %d of %d loaded; requests after a thread ran out: %d\n",
    sent, loadedTotal, ex))
end
