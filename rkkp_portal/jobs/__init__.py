"""Background jobs people start and follow: a long import, a bulk send.

A ``Job`` records what was started, by whom, and how far it got; a kind (``kinds.py``)
says what running it means and where its outcome is shown. ``services.start_job`` writes
the row and enqueues ``tasks.run_job`` after commit; ``/jobs/<id>/`` shows the progress.
"""
