"""The application layer: the use cases, and the only code that opens database sessions.

Each use case reads what it needs once, in one transaction (``workspace``), computes in
memory with the pure packages (``domain``, ``reporting``, ``sheets``, ``delivery``) and writes
once. The CLI and the scheduler call these use cases and hold no session of their own
(docs/code.md).
"""
