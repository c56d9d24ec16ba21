"""Letters as pages: the welcome letter printed for members without e-mail."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steering.access import get_membership_for
from steering.letters import welcome_context


@require_GET
def welcome_letter(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_for(request.user, pk, "steering.read_welcome_letter")
    return render(request, "letters/welcome_print.html", welcome_context(membership))
