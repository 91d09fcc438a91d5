"""Email: building messages (pure), sending them over SMTP, and the outbox in between."""
