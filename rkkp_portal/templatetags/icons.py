"""``{% icon "menu" %}``: a DKFDS icon from the sprite the app serves.

The page header shows several icons on every page; a tag costs a fraction of an
``{% include "_icon.html" %}`` (which renders this same tag, for templates that include it).
"""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SPRITE = "vendor/dkfds/img/all-svg-icons.svg"
HIDDEN = mark_safe(' aria-hidden="true"')


@cache
def sprite_url() -> str:
    return static(SPRITE)


@receiver(setting_changed, dispatch_uid="rkkp_icons_sprite_url")
def _forget_sprite_url(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES"):
        sprite_url.cache_clear()


@register.simple_tag
def icon(name: str, css_class: str = "", label: str = "") -> SafeString:
    """The icon ``name``; ``label`` when it carries meaning on its own (otherwise it is
    hidden from assistive technology), ``css_class`` for extra classes."""
    classes = f"icon-svg {css_class}" if css_class else "icon-svg"
    role = format_html(' role="img" aria-label="{}"', label) if label else HIDDEN
    return format_html(
        '<svg class="{}" focusable="false"{}><use href="{}#{}"></use></svg>',
        classes,
        role,
        sprite_url(),
        name,
    )
