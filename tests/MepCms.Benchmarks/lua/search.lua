-- Searches with varied queries, so the output cache cannot answer them: one or two words from a
-- list, each letter's case drawn at random. Search ignores case, the cache key does not, so
-- nearly every request is a new URL and a full search (warm-up included).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local words = { "energy", "farmers", "climate", "rule", "law", "migration", "trade", "digital", "water",
  "grid", "budget", "health", "transport", "media", "rights", "funds", "research", "data", "security", "youth" }
local counter = 0

-- Each wrk thread draws its own random sequence.
local shared_setup, shared_init = setup, init
local thread_count = 0

function setup(thread)
  shared_setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

function init(args)
  shared_init(args)
  math.randomseed(os.time() * 64 + seed)
end

local function any_case(word)
  return (word:gsub("%a", function(c)
    if math.random(2) == 1 then return c:upper() end
    return c
  end))
end

request = function()
  counter = counter + 1
  local q = any_case(words[math.random(#words)])
  if counter % 3 ~= 0 then q = q .. "+" .. any_case(words[math.random(#words)]) end
  local page = (counter % 2) + 1
  return wrk.format("GET", "/search?q=" .. q .. "&page=" .. page)
end
