import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rkkp_portal.labels import choice_label


class MeetingQuerySet(models.QuerySet):
    def planned(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def full_day(self):
        return self.filter(kind=Meeting.Kind.FULL_DAY)

    def upcoming(self, now):
        return self.planned().filter(starts_at__gte=now).order_by("starts_at")

    def future(self, now):
        """Planned meetings that have not started: the ones new members are invited to."""
        return self.filter(status=Meeting.Status.PLANNED, starts_at__gt=now)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        FULL_DAY = "full_day", _("Full-day meeting")
        ORDINARY = "ordinary", _("Ordinary meeting")
        ONLINE = "online", _("Online meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("steering group"),
    )
    kind = models.CharField(_("meeting type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("location"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Calendar identity: the UID never changes, the sequence grows with every move.
    uid = models.UUIDField(_("calendar ID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["group", "starts_at"], name="meeting_group_start"),
            # The year plan and members' next meetings read a date range across all groups.
            models.Index(fields=["starts_at"], name="meeting_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} – {self.group}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("steering:meeting-detail", kwargs={"pk": self.pk})

    # The year plan shows both for each of its rows (rkkp_portal.labels.choice_label).
    def get_kind_display(self) -> str:
        return choice_label(self.Kind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(self.Status, self.status)

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())


class Invitation(models.Model):
    class Response(models.TextChoices):
        NONE = "none", _("Not answered")
        YES = "yes", _("Attending")
        NO = "no", _("Not attending")
        MAYBE = "maybe", _("Maybe")

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        REMOTE = "remote", _("Attended online")
        APOLOGIES = "apologies", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "steering.Person",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("person"),
    )
    response = models.CharField(
        _("response"), max_length=10, choices=Response.choices, default=Response.NONE
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    # Reminders due before someone was invited are not sent: the invitation itself is news.
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    # Blank until the secretariat registers attendance after the meeting.
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        # The plan's clash query reads a month's invitations without their rows.
        indexes = [
            models.Index(
                fields=["meeting"],
                include=["person", "response"],
                name="invitation_meeting_covering",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_invitation_per_meeting_and_person",
                violation_error_message=_("This person has already been invited to the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.meeting}"


class MeetingPaper(models.Model):
    """A paper for a meeting (agenda, minutes, appendix), readable by the group and staff only.

    Files live under MEDIA_ROOT, which is never served directly: a view checks permission.
    """

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        APPENDIX = "appendix", _("Appendix")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="papers", verbose_name=_("meeting")
    )
    kind = models.CharField(_("type of paper"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meeting-papers/%Y/%m/", max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.title
