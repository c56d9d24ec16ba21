"""The region workspace: one module per concern."""
