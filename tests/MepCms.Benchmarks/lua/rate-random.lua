-- Ratings of random statements by new readers: the rating paths in BENCH_PATHS_FILE, a new
-- random visitor id a request, the site's own Origin, a valid score, the JSON answer.
-- With BENCH_RATING_PATH set, every request goes to that path instead (a statement that does not
-- exist: the same request cost, answered 404, nothing evicted).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local fixed = os.getenv("BENCH_RATING_PATH")
local origin = os.getenv("BENCH_ORIGIN")
local cookie = os.getenv("BENCH_VISITOR_COOKIE") or "mepcms_visitor"
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local paths = {}
if not fixed then
  for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do
    paths[#paths + 1] = line
  end
end

local shared_setup = setup
local thread_count = 0
function setup(thread)
  shared_setup(thread)
  thread_count = thread_count + 1
  thread:set("prefix", alphabet:sub(thread_count, thread_count))
end

local function visitor_id()
  local chars = { prefix }
  for i = 2, 22 do
    local n = math.random(#alphabet)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

local shared_init = init
function init(args)
  shared_init(args)
  math.randomseed(os.time() * 64 + alphabet:find(prefix, 1, true))
end

request = function()
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["Cookie"] = cookie .. "=" .. visitor_id(),
  }
  return wrk.format("POST", fixed or paths[math.random(#paths)], headers, "score=" .. math.random(1, 5))
end
