"""The pure core: periods, numbers, goals and the status rules. No I/O, no database."""
