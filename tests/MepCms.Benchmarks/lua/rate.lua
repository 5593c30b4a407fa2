-- Rating POSTs from many distinct readers: every request carries a new random visitor id, the
-- site's own Origin, a valid score, and asks for the JSON answer.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local path = os.getenv("BENCH_RATING_PATH")
local origin = os.getenv("BENCH_ORIGIN")
local cookie = os.getenv("BENCH_VISITOR_COOKIE") or "mepcms.visitor"
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local shared_setup = setup
local thread_count = 0

function setup(thread)
  shared_setup(thread)
  thread_count = thread_count + 1
  thread:set("prefix", alphabet:sub(thread_count, thread_count))
end

-- The thread's own first character, then random ones: no two threads can draw the same id.
local function visitor_id()
  local chars = { prefix }
  for i = 2, 22 do
    local n = math.random(#alphabet)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

function init(args)
  ok = 0
  statuses = {}
  math.randomseed(os.time() * 64 + alphabet:find(prefix, 1, true))
end

request = function()
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["Cookie"] = cookie .. "=" .. visitor_id(),
  }
  return wrk.format("POST", path, headers, "score=" .. math.random(1, 5))
end
