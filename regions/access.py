from django.core.exceptions import PermissionDenied
from django.http import Http404

from regions.models import Region


def get_region_for(user, code: str, perm: str = "regions.open_workspace") -> Region:
    """Regions are public knowledge, so an unknown code is 404 and a refused one 403."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    if not user.has_perm(perm, region):
        raise PermissionDenied
    return region
