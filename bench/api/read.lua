-- GET /api/v1/patients/{id}, rotating over the ids in $BENCH_IDS (one a line); each thread starts elsewhere.
local ids, i = {}, 0
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  i = offset or 0
end
function request()
  i = i + 1
  return wrk.format("GET", "/api/v1/patients/" .. ids[(i % #ids) + 1])
end
