"""The common content of the welcome letter: the secretariat keeps these texts."""

from django.db import transaction

from rkkp_portal.services import require, save
from steering.models import StandardText

TEXT_FIELDS = ("title_da", "title_en", "body_da", "body_en")


@transaction.atomic
def change_standard_text(*, actor, text: StandardText, **changes) -> StandardText:
    """History keeps every earlier wording, with who changed it."""
    require(actor, "regions.edit_standard_texts", text)
    locked = StandardText.objects.select_for_update().get(pk=text.pk)
    for name in TEXT_FIELDS:
        setattr(locked, name, changes[name].strip())
    locked.full_clean()
    save(locked, actor=actor)
    return locked
