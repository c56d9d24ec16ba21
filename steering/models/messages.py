from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MessageQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(status=Message.Status.QUEUED)


class Message(models.Model):
    """The outbox: one row per letter, written in the same transaction as its cause.

    Delivery claims a row before sending, and the idempotency key makes a second
    attempt to queue the same letter a no-op, so a letter is neither lost nor sent twice.
    """

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome letter")
        INVITATION = "invitation", _("Meeting invitation")
        MEETING_UPDATE = "meeting_update", _("Meeting change")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancellation")
        INVITATION_WITHDRAWN = "invitation_withdrawn", _("Invitation withdrawn")
        REMINDER = "reminder", _("Meeting reminder")
        RSVP_NUDGE = "rsvp_nudge", _("Reminder to respond")
        TERM_ALERT = "term_alert", _("Expiring appointments")
        NOMINATION_DECISION = "nomination_decision", _("Nomination decision")
        APPOINTMENT_REQUEST = "appointment_request", _("Appointment request")
        ESCALATION = "escalation", _("Follow-up reminder")
        DECLARATION_REMINDER = "declaration_reminder", _("Declaration of interests reminder")
        NOTICE = "notice", _("Notice")
        GROUP_LETTER = "group_letter", _("Letter to the group")
        SUCCESSION = "succession", _("Term ending: who comes next")
        WILLINGNESS = "willingness", _("Willing to continue?")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    idempotency_key = models.CharField(_("key"), max_length=200)
    recipient_person = models.ForeignKey(
        "steering.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("recipient"),
    )
    recipient_email = models.EmailField(_("recipient's e-mail"))
    language = models.CharField(_("language"), max_length=5, default="da")
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    ics = models.TextField(_("calendar file"), blank=True)
    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("steering group"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("started"), null=True, blank=True)
    # When the letter was last given to the broker, and the earliest time its next attempt
    # may run (a retry's backoff): the sweeper leaves a letter alone until both say it is
    # lost (steering/letters/outbox.py, "The sweeper").
    handed_over_at = models.DateTimeField(_("handed to the queue"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The receiving server refused the letter for good (an SMTP 5xx answer): the address
    # does not work, and the secretariat sees it on the bounces page.
    bounced = models.BooleanField(_("refused by the receiving server"), default=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The letter's text is removed some time after delivery (OUTBOX_BODY_RETENTION_DAYS);
    # kind, subject, recipient and status stay as the record that it was sent.
    body_cleared_at = models.DateTimeField(_("text removed"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="message_status_created"),
            # The newest letters first (a region's workspace shows its latest 50).
            models.Index(fields=["-created_at"], name="message_created_desc"),
            # The bounces page reads only the few refused letters.
            models.Index(
                fields=["recipient_email"], condition=Q(bounced=True), name="message_bounced"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(bounced=False) | Q(status="failed"),
                name="bounced_message_has_failed",
                violation_error_message=_("A refused message must be marked failed."),
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                name="one_message_per_idempotency_key",
                violation_error_message=_("This message has already been queued."),
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="sent_message_has_sent_at",
                violation_error_message=_("A sent message must record when it was sent."),
            ),
            models.CheckConstraint(
                condition=Q(body_cleared_at__isnull=True) | Q(body_text="", body_html="", ics=""),
                name="cleared_message_keeps_no_text",
                violation_error_message=_("A message whose text was removed cannot have a text."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_email}"
