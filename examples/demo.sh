#!/bin/sh
# The main job on a fresh database: load the demo district's 2020 goals and the 2019 results, record the
# January–June figures that the bureaus published, correct one of them, and print the status
# as of 20 July 2020. `make demo` runs it against build/demo/tracker.db.
set -eu

tracker init --demo
# The commands after init read the demo's settings (report language, jobs, mail) too.
TRACKER_CONFIG_DIR="$(cd -P "$(dirname "$0")/.." && pwd)/config"
export TRACKER_CONFIG_DIR
tracker goals

echo "--- the first half's figures from the bureaus' sheet, then two typed at the prompt ---"
tracker import examples/2020-h1-figures.csv
tracker record industry 5.0 --period 2020-06 --note "重点企业产能逐步恢复"
tracker record jobs 2,050 --period 2020-06

echo "--- the statistics bureau corrects May's industry figure ---"
tracker record industry 3.9 --period 2020-05 --revise --reason "区统计局修订" --by 区统计局
tracker history industry

echo "--- status as of 2020-07-20 ---"
tracker status --as-of 2020-07-20

echo "--- the report as of 2020-07-20 (HTML, in the reports archive) ---"
tracker report --as-of 2020-07-20 --format html

echo "--- the monthly email to the leadership, as a dry run (.eml files in the reports archive) ---"
tracker schedule run monthly-report --as-of 2020-07-15 --dry-run
