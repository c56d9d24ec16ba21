"""Demo data for development, reviews and benchmarks: ``manage.py seed_demo``."""
