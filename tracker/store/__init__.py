"""Storage, the only package that talks to the database, by subject: ``indicators``, ``goals``,
``figures`` (every revision; the current ones; the bulk insert) and ``outbox`` (with the job
runs) each hold their queries and turn rows into the domain's dataclasses; ``tables`` holds
the SQLModel tables, ``db`` the engines and sessions, ``capabilities`` what each backend can do,
``schema``, ``migrate`` and ``copy`` the database as a whole."""
