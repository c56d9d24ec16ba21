import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PROGRESS_KEY = "jobs:progress:%d"
# A job is asked to stop after this long (tasks.py) and killed a minute later; one still
# "running" after that belonged to a worker that died, and may be claimed again.
RUN_TIME_LIMIT = datetime.timedelta(minutes=30)
STALE_AFTER = RUN_TIME_LIMIT + datetime.timedelta(minutes=2)


class JobQuerySet(models.QuerySet):
    def started_by(self, user):
        return self.filter(started_by=user)

    def claimable(self, now: datetime.datetime):
        """Waiting to start, or left "running" by a worker that died."""
        return self.filter(
            Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING, started_at__lt=now - STALE_AFTER)
        )


class Job(models.Model):
    """One run of a long action. ``payload`` is its input, ``result`` its outcome."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Stopped by an error")

    kind = models.CharField(_("kind"), max_length=50)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(_("items in all"), default=0)
    done = models.PositiveIntegerField(_("items done"), default=0)
    failures = models.PositiveIntegerField(_("items that failed"), default=0)
    payload = models.JSONField(_("input"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The page the job was started from, linked from its outcome (a local path).
    return_to = models.CharField(_("started from"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the broker last took its task: the sweeper hands a job out again only once that
    # is long past (services.sweep), so a queue without workers is not flooded.
    handed_over_at = models.DateTimeField(_("handed to the queue"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]),
                name="job_state_is_known",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="job_done_not_past_total"
            ),
            models.CheckConstraint(
                condition=Q(failures__lte=F("done")), name="job_failures_among_done"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def stale(self) -> bool:
        """Left "running" by a worker that died: shown as stopped by an error."""
        return (
            self.state == self.State.RUNNING
            and self.started_at is not None
            and self.started_at < timezone.now() - STALE_AFTER
        )

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED) or self.stale

    @property
    def failed(self) -> bool:
        return self.state == self.State.FAILED or self.stale

    def get_shown_state_display(self) -> str:
        return self.State.FAILED.label if self.stale else self.get_state_display()

    def progress(self) -> tuple[int, int]:
        """Items done and failed so far.

        A job that works inside one transaction (an all-or-nothing import) cannot show its
        progress in its own row until it commits, so the task also keeps the figures in
        the cache, which every process shares when REDIS_URL is set."""
        if self.finished:
            return self.done, self.failures
        kept = cache.get(PROGRESS_KEY % self.pk)
        return tuple(kept) if kept else (self.done, self.failures)

    @property
    def percent(self) -> int:
        done, _failed = self.progress()
        return 100 if self.finished else int(100 * done / self.total) if self.total else 0
