from django.http import Http404

from rkkp_portal.jobs.models import Job


def get_job_for(user, pk: int) -> Job:
    """The job, if ``user`` may follow it; 404 for anyone else, so jobs are not guessed."""
    job = Job.objects.started_by(user).filter(pk=pk).first() if user.is_authenticated else None
    if job is None or not user.has_perm("jobs.view_job", job):
        raise Http404
    return job
