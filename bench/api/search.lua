-- GET /api/v1/patients?name=..., rotating over name prefixes of two and three letters.
local names = {"sm", "jo", "gar", "mar", "li", "wil", "bro", "da", "ng", "ro", "mil", "an", "ke", "pa", "ch", "ta"}
local i = 0
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 5) end
function init(args) i = offset or 0 end
function request()
  i = i + 1
  return wrk.format("GET", "/api/v1/patients?name=" .. names[(i % #names) + 1] .. "&limit=25")
end
