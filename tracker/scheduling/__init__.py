"""Scheduled reports: jobs from schedule.toml, run by APScheduler, delivered via the outbox."""
