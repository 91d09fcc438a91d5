"""The command line: thin Typer commands over the library. Heavy imports stay inside commands."""
