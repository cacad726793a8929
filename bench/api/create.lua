-- POST /api/v1/patients with a new name each time (confirmNotDuplicate: every create is stored).
local n = 0
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 1000000) end
function init(args)
  n = offset or 0
  wrk.headers["Content-Type"] = "application/json"  -- wrk.format with its own headers would drop -H Authorization
end
function request()
  n = n + 1
  local body = string.format('{"givenName":"Bench%d","familyName":"Load%d","birthDate":"19%02d-%02d-%02d","sex":"female","phone":"617-555-%04d"}',
                             n, n, 30 + n % 70, 1 + n % 12, 1 + n % 28, n % 10000)
  return wrk.format("POST", "/api/v1/patients?confirmNotDuplicate=true", nil, body)
end
