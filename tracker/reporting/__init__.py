"""What the goals' status is, and how it is shown: tables, JSON, reports."""
