from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tidtam.ita import access
from tidtam.ita.models import Assessment


def assessment_for(
    request: HttpRequest, pk: int, *, manage: bool = False, review: bool = False
) -> tuple[Assessment, bool]:
    """The assessment if the user may read it (404 otherwise); 403 when the page needs
    managing or reviewing rights the reader lacks."""
    assessment, can_manage = access.get_assessment_for_user(request.user, pk)
    if manage and not can_manage:
        raise PermissionDenied
    if review and not access.can_review(request.user):
        raise PermissionDenied
    return assessment, can_manage
