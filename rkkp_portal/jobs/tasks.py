from celery import shared_task

from rkkp_portal.jobs import services
from rkkp_portal.jobs.models import RUN_TIME_LIMIT

# A job of thousands of items takes minutes, not the seconds a letter takes.
JOB_SOFT_TIME_LIMIT = int(RUN_TIME_LIMIT.total_seconds())


@shared_task(soft_time_limit=JOB_SOFT_TIME_LIMIT, time_limit=JOB_SOFT_TIME_LIMIT + 60)
def run_job(job_id: int) -> None:
    services.run(job_id)


@shared_task
def sweep_jobs() -> int:
    return services.sweep()
