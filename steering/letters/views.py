"""The outbox pages: every letter the portal sends, its content and its delivery."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rkkp_portal.paging import LETTERS_PAGE_SIZE, paginate
from steering.access import (
    bounces_visible_to,
    get_membership_for,
    get_message_for,
    messages_visible_to,
)
from steering.letters import outbox
from steering.letters.filters import MessageFilter
from steering.letters.welcome import welcome_context


@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    # Everyone sees the letters addressed to them; the scope widens with the role.
    letters = messages_visible_to(request.user).select_related(
        "recipient_person", "group__database"
    )
    filterset = MessageFilter(
        request.GET, queryset=letters.order_by("-created_at", "-pk"), request=request
    )
    page, query = paginate(request, filterset.qs, per_page=LETTERS_PAGE_SIZE)
    # The rule itself, not user.has_perm: a "no" would fall through to ModelBackend's queries.
    can_read_bounces = rules.has_perm("steering.read_bounces", request.user)
    return render(
        request,
        "outbox/message_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "query_without_page": query,
            "can_read_bounces": can_read_bounces,
        },
    )


@require_GET
def message_bounces(request: HttpRequest) -> HttpResponse:
    """The people whose address a receiving server refused, newest refusal first."""
    if not request.user.has_perm("steering.read_bounces"):
        raise PermissionDenied
    bounces = (
        bounces_visible_to(request.user)
        .select_related("recipient_person")
        .only(
            "subject",
            "recipient_email",
            "last_error",
            "created_at",
            "recipient_person__first_name",
            "recipient_person__last_name",
        )
        .order_by("-created_at", "-pk")
    )
    page, query = paginate(request, bounces)
    return render(
        request, "outbox/message_bounces.html", {"page_obj": page, "query_without_page": query}
    )


@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_message_for(request.user, pk)
    return render(
        request,
        "outbox/message_detail.html",
        {"message": message, "can_retry": request.user.has_perm("steering.retry_message", message)},
    )


@require_POST
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_message_for(request.user, pk, "steering.retry_message")
    try:
        outbox.retry_message(actor=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is queued and will be sent again shortly."))
    return redirect("steering:message-detail", pk=message.pk)


@require_GET
def welcome_letter(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_for(request.user, pk, "steering.read_welcome_letter")
    return render(request, "letters/welcome_print.html", welcome_context(membership))
