"""``python -m benchmarks [--quick] [--markdown] [--output FILE]``"""

import argparse
from pathlib import Path

from benchmarks.sizes import FULL, QUICK
from benchmarks.suite import RESULTS, main

parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each (the tests)")
parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON file (default {RESULTS})")
arguments = parser.parse_args()
raise SystemExit(
    main(QUICK if arguments.quick else FULL, arguments.output, as_markdown=arguments.markdown)
)
