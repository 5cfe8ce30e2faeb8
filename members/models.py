"""Models of the members app (they arrive with the members issue)."""
