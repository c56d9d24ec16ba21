"""Data protection: what the portal holds about a person, how long, and its removal.

``export`` gathers everything held about one person for the secretariat (JSON and CSV),
``eligibility`` says who is due for anonymisation, ``redaction`` keeps addresses out of
log lines. The writes (anonymising, clearing old letters' text) are services in
``steering/privacy/services.py``.
"""
