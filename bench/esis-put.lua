-- wrk script: authenticated small Esis submissions, each with a new aanvraagId (a new hulpvraag).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  code = args[1]
  body = [[{"samenwerkingsverband":"PO2806","school":{"brin":"12AB","vestiging":"00","naam":"OBS De Regenboog"},
"contactpersoon":{"naam":"J. de Vries","email":"ib@regenboog.nl","telefoon":"0101234567"},
"korteOmschrijving":"Ambulante Begeleiding","zorgvraag":"Op het gebied van gedrag","oppToevoegen":false,"niveau":"leerling",
"leerling":{"leerlingId":"E-778","roepnaam":"Daan","voornamen":"Daan Pieter","tussenvoegsel":"van de","achternaam":"Berg",
"geboortedatum":"2017-03-17","geslacht":"man","groep":"5"}}]]
  -- LuaJIT's math.random is not seeded: without the caller's tag (args[2]) two wrk runs would send the same ids.
  prefix = string.format("L%s%d-%d-", args[2] or "", tid, math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  return wrk.format("PUT", "/esis/v1/aanvragen/" .. prefix .. counter,
    { ["Content-Type"] = "application/json", ["X-Esis-Verificatiecode"] = code }, body)
end

done = function(summary, latency, requests)
  local codes = {}
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
