-- Readers across the site: the paths in the file BENCH_PATHS_FILE (one a line: statements, the
-- home page, MEP and committee pages), each request a random one of them.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do
  paths[#paths + 1] = line
end

local shared_init = init
function init(args)
  shared_init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
