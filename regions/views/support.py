"""Support contacts: kept by the region's administrators, shown to the region's members."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions import services
from regions.access import get_contact_for, get_region_for
from regions.forms import SupportContactForm
from regions.models import Region, SupportContact, WelcomeLetterSupplement
from rkkp_portal.forms import add_service_errors


@require_GET
def support_page(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.read_support")
    context = {
        "region": region,
        "contacts": list(region.support_contacts.all()),
        "supplement": WelcomeLetterSupplement.objects.filter(region=region).first(),
        "can_manage": request.user.has_perm("regions.manage_region", region),
    }
    return render(request, "regions/support.html", context)


@require_GET
def my_support(request: HttpRequest) -> HttpResponse:
    """The support page of the region where the member is employed."""
    person_id = request.user.roles.person_id
    region = Region.objects.filter(people__pk=person_id).first() if person_id else None
    if region is None:
        raise Http404
    return redirect("regions:support", code=region.code)


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.manage_region")
    if not request.user.has_perm("regions.manage_support_contact", SupportContact(region=region)):
        raise PermissionDenied
    form = SupportContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_support_contact(actor=request.user, region=region, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact is added."))
            return redirect("regions:support", code=region.code)
    return render(request, "regions/contact_form.html", {"region": region, "form": form})


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.manage_region")
    contact = get_contact_for(request.user, region, pk)
    # A copy for the form, so a rejected change does not show as the current contact.
    form = SupportContactForm(request.POST or None, instance=SupportContact.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_support_contact(
                actor=request.user, contact=contact, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact is saved."))
            return redirect("regions:support", code=region.code)
    context = {"region": region, "form": form, "contact": contact}
    return render(request, "regions/contact_form.html", context)


@require_http_methods(["GET", "POST"])
def contact_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.manage_region")
    contact = get_contact_for(request.user, region, pk)
    if request.method == "POST":
        services.remove_support_contact(actor=request.user, contact=contact)
        messages.success(request, _("The contact is removed."))
        return redirect("regions:support", code=region.code)
    return render(request, "regions/contact_delete.html", {"region": region, "contact": contact})
