#!/usr/bin/env sh
# Runs the load benchmark: publishes the app in Release, seeds 1,000 and 100,000 statements,
# measures every public route with wrk on 127.0.0.1 and prints (and saves) a Markdown table.
# Options: --duration <seconds per endpoint> (default 10), --warmup <unmeasured seconds before each> (default 20), --sizes 1000,100000, --ratings-large 1000000,
# --app-setting Key=Value (repeatable; passed to the app as an environment variable).
# --mail: the e-mail benchmark instead (publish POSTs with 0 and 10,000 subscribers, the sender's rate to a local SMTP sink);
# its options: --subscribers 10000, --publishes 30, --warmup-publishes 5, --mail-timeout <seconds> (default 300).
# --ep-import: the import of 720 MEPs with photos from saved files (import-ep --all --from DIR) instead.
# --soak [--minutes 10]: the mixed load (reads beside ratings) for that long on the first of --sizes, memory read every 30 s.
# --seed-into DIR: only migrate and seed a database of each of --sizes into DIR, to run the app against.
set -eu
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project tests/MepCms.Benchmarks -- "$@"
