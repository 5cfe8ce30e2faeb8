"""Models of the projects app (they arrive with the projects issue)."""
