"""Models of the events app (they arrive with the events issue)."""
