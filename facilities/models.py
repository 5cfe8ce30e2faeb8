"""Models of the facilities app (they arrive with the facilities issue)."""
