from celery import shared_task

from rkkp_portal.jobs import services

# A job of thousands of items takes minutes, not the seconds a letter takes.
JOB_SOFT_TIME_LIMIT = 30 * 60


@shared_task(soft_time_limit=JOB_SOFT_TIME_LIMIT, time_limit=JOB_SOFT_TIME_LIMIT + 60)
def run_job(job_id: int) -> None:
    services.run(job_id)
