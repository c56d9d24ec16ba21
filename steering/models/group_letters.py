from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GroupLetter(models.Model):
    """A letter the secretariat or the chair wrote to a steering group's active members (or
    those of some roles or one region): the group's record of it. Each recipient's copy is
    an outbox row (``Message.Kind.GROUP_LETTER``) with the group set."""

    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.CASCADE,
        related_name="letters",
        verbose_name=_("steering group"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    # The name the letter was signed with, kept if the account goes.
    signature = models.CharField(_("signed"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    roles = models.JSONField(_("roles"), default=list, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("representing region"),
    )
    recipient_count = models.PositiveIntegerField(_("recipients"))
    # Issued with the preview: a form sent twice (a double click, a reload) sends once.
    token = models.UUIDField(_("form token"), editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter to a steering group")
        verbose_name_plural = _("letters to steering groups")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "-created_at"], name="group_letter_newest")]
        constraints = [
            models.UniqueConstraint(fields=["token"], name="group_letter_sent_once"),
            models.CheckConstraint(
                condition=~Q(subject="") & ~Q(body=""),
                name="group_letter_has_subject_and_text",
                violation_error_message=_("A letter needs a subject and a text."),
            ),
            models.CheckConstraint(
                condition=Q(recipient_count__gt=0),
                name="group_letter_has_recipients",
                violation_error_message=_("A letter needs at least one recipient."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def role_labels(self) -> list[str]:
        from steering.models.memberships import Role

        labels = dict(Role.choices)
        return [labels.get(role, role) for role in self.roles]
