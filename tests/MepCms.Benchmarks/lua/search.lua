-- Searches with varied queries, so the output cache cannot answer them.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local words = { "energy", "farmers", "climate", "rule", "law", "migration", "trade", "digital", "water",
  "grid", "budget", "health", "transport", "media", "rights", "funds", "research", "data", "security", "youth" }
local counter = 0

request = function()
  counter = counter + 1
  local a = words[math.random(#words)]
  local b = words[math.random(#words)]
  local q = a .. "+" .. b
  if counter % 3 == 0 then q = a end
  local page = (counter % 2) + 1
  return wrk.format("GET", "/search?q=" .. q .. "&page=" .. page)
end
