"""Getting figures in: validation, recording with revisions, loading the configured definitions."""
