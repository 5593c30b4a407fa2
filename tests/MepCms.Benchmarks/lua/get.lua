-- A plain GET of the URL given on the command line.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
