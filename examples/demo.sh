#!/bin/sh
# The main job on a fresh database: load the demo district's 2020 goals and the 2019 results, record the
# January–June figures that the bureaus published, correct one of them, and print the status
# as of 20 July 2020. `make demo` runs it against build/demo/tracker.db.
set -eu

tracker init --demo
# The commands after init read the demo's settings (report language, jobs, mail) too.
TRACKER_CONFIG_DIR="$(cd "$(dirname "$0")/../config" && pwd)"
export TRACKER_CONFIG_DIR
tracker goals

echo "--- recording the 2020 figures (year to date) ---"
tracker record gdp -2.6 --period 2020-Q1 --source "区统计局快报"
tracker record gdp 1.9 --period 2020-Q2 --preliminary --source "区统计局快报"
tracker record industry 3.6 --period 2020-05
tracker record industry 5.0 --period 2020-06 --note "重点企业产能逐步恢复"
tracker record fai 6.5 --period 2020-05
tracker record fai 8.7 --period 2020-06
tracker record retail -6.1 --period 2020-05
tracker record retail -3.5 --period 2020-06 --note "受疫情影响，餐饮消费恢复较慢"
tracker record revenue 7.9 --period 2020-06
tracker record cpi 3.8% --period 2020-06
tracker record trade 2.1 --period 2020-06
tracker record income 5.6 --period 2020-Q2
tracker record jobs 1,720 --period 2020-05
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
