"""``python -m benchmarks [--quick] [--province] [--only GROUP,...] [--markdown] [--output FILE]
[--last]``"""

import argparse
import json
from pathlib import Path

from benchmarks.sizes import FULL, QUICK
from benchmarks.suite import GROUPS, RESULTS, main, show

parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each (the tests)")
parser.add_argument(
    "--province", action="store_true", help="the province's cases only (SQLite and PostgreSQL)"
)
parser.add_argument(
    "--only",
    default=",".join(GROUPS),
    help=f"these groups of cases alone, comma-separated: {', '.join(GROUPS)}",
)
parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON file (default {RESULTS})")
parser.add_argument("--last", action="store_true", help="show the results in --output; run nothing")
arguments = parser.parse_args()
if arguments.last:
    show(json.loads(arguments.output.read_text(encoding="utf-8")), as_markdown=arguments.markdown)
    raise SystemExit(0)
raise SystemExit(
    main(
        QUICK if arguments.quick else FULL,
        arguments.output,
        as_markdown=arguments.markdown,
        province_only=arguments.province,
        only=tuple(arguments.only.split(",")),
    )
)
