-- A plain GET of the URL given on the command line, asking for Brotli as browsers do.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.headers["Accept-Encoding"] = "br"
