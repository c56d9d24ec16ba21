"""Writing to a steering group: the form, a preview of who gets what, then the sending;
and the group's letters. The work is in ``steering.letters.group_letters``."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from regions.models import Region
from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate
from steering.access import get_database_for
from steering.letters.group_letters import new_token, recipients, send_group_letter
from steering.models.memberships import Role

NO_RECIPIENTS = _("No member in office with an e-mail address matches the roles and region chosen.")


class GroupLetterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text: blank lines separate paragraphs, lines starting with “- ” are "
            "bullets. The letter opens with the member's name and ends with yours."
        ),
    )
    roles = forms.MultipleChoiceField(
        label=_("Only members in these roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to write to every role."),
    )
    region = forms.ModelChoiceField(
        label=_("Only members representing"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Every region"),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)


def _writable_group(request: HttpRequest, slug: str):
    database = get_database_for(request.user, slug)
    group = database.steering_group
    if not request.user.has_perm("steering.write_to_group", group):
        raise PermissionDenied
    return database, group


@require_http_methods(["GET", "POST"])
def group_letter(request: HttpRequest, slug: str) -> HttpResponse:
    database, group = _writable_group(request, slug)
    context = {"database": database, "group": group}
    if request.method == "GET":
        form = GroupLetterForm(initial={"token": new_token()})
        return render(request, "steering/group_letter_form.html", {**context, "form": form})
    form = GroupLetterForm(request.POST)
    action = request.POST.get("action", "preview")
    if action == "edit" or not form.is_valid():
        return render(request, "steering/group_letter_form.html", {**context, "form": form})
    if action == "send":
        return _send(request, form, context)
    data = form.cleaned_data
    chosen = list(recipients(group, roles=data["roles"], region=data["region"]))
    reachable = [person for person in chosen if person.email]
    if not reachable:
        form.add_error(None, NO_RECIPIENTS)
        return render(request, "steering/group_letter_form.html", {**context, "form": form})
    return render(
        request,
        "steering/group_letter_preview.html",
        {
            **context,
            "form": form,
            "recipients": reachable,
            "without_email": [person for person in chosen if not person.email],
            "role_labels": [label for value, label in Role.choices if value in data["roles"]],
        },
    )


def _send(request: HttpRequest, form: GroupLetterForm, context: dict) -> HttpResponse:
    """Keep the letter and start the job that queues its copies; the recipients are read
    by the job, not here."""
    database, data = context["database"], form.cleaned_data
    back = reverse("steering:group-letters", kwargs={"slug": database.slug})
    try:
        _letter, job = send_group_letter(
            actor=request.user,
            group=context["group"],
            subject=data["subject"],
            body=data["body"],
            token=data["token"],
            roles=data["roles"],
            region=data["region"],
            return_to=back,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return render(request, "steering/group_letter_form.html", {**context, "form": form})
    if job is None:
        messages.info(request, _("This letter was sent already; it was not sent again."))
        return redirect(back)
    return redirect("jobs:job-detail", job.pk)


@require_GET
def group_letters(request: HttpRequest, slug: str) -> HttpResponse:
    """The letters written to the group, for those who may write them: a member finds
    their own copies among their letters, not the ones written to other roles."""
    database, group = _writable_group(request, slug)
    letters = group.letters.select_related("region").order_by("-created_at", "-pk")
    page, query = paginate(request, letters)
    return render(
        request,
        "steering/group_letters.html",
        {
            "database": database,
            "group": group,
            "page_obj": page,
            "query_without_page": query,
        },
    )
