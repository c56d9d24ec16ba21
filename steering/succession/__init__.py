"""Succession ahead of the gap (#22): ask the appointing body before a term ends, ask the
member whether they will continue, and re-appoint them in one action."""
