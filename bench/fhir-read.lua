-- wrk script of bench/fhir.sh: each request reads a person at random, as a social worker of the team involved with
-- them, with that worker's bearer token. Arguments: the hub's tokens file and people file (FhirReadBenchmark).
local tokens, people = {}, {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
end

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  for line in io.lines(args[2]) do
    local id, token = line:match("^(%S+) (%d+)$")
    people[#people + 1] = { id, tonumber(token) }
  end
  math.randomseed(os.time() * 100 + (number or 0))
end

function request()
  local person = people[math.random(#people)]
  return wrk.format("GET", "/fhir/Patient/" .. person[1], {
    ["Authorization"] = "Bearer " .. tokens[person[2]],
    ["X-Purpose-Of-Use"] = "direct-care",
    ["Accept"] = "application/fhir+json",
  })
end
