"""Settings (where the database and files are) and definitions (indicators, goals) from TOML."""
