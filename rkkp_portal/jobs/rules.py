"""A job and its progress are seen by the user who started it."""

import rules


@rules.predicate
def started_job(user, job) -> bool:
    return job is not None and user.is_authenticated and job.started_by_id == user.pk


rules.add_perm("jobs.view_job", started_job)
