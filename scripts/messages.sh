#!/bin/sh
# The report's translations: extract the messages, update the Chinese catalog, compile it.
# Run after changing a message; commit messages.po and messages.mo (both ship in the package).
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DIR=tracker/reporting/locale
"$BIN/pybabel" extract -F "$DIR/babel.cfg" -k w -k plural:1,2 -k marked \
    --no-location --sort-output --project tracker -o "$DIR/messages.pot" .
if [ -f "$DIR/zh/LC_MESSAGES/messages.po" ]; then
    "$BIN/pybabel" update -i "$DIR/messages.pot" -d "$DIR" -l zh --no-fuzzy-matching --ignore-obsolete
else
    "$BIN/pybabel" init -i "$DIR/messages.pot" -d "$DIR" -l zh
fi
"$BIN/pybabel" compile -d "$DIR" -l zh --statistics
