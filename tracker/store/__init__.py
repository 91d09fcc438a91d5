"""Storage: SQLModel tables, the engine and session factory, and the only module issuing queries."""
