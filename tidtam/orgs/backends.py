"""The login backend: Django's own, reading the logged-in user together with their
memberships, which ``access`` needs on every page."""

from django.contrib.auth.backends import ModelBackend

from tidtam.orgs import access
from tidtam.orgs.models import Membership, User


class MembershipsBackend(ModelBackend):
    """``ModelBackend``, except that each request reads the user and their memberships (with
    their units) in one query instead of two. A user without a membership is read alone."""

    def get_user(self, user_id) -> User | None:
        rows = list(Membership.objects.filter(user_id=user_id).select_related("user", "unit"))
        if not rows:
            return super().get_user(user_id)
        user = rows[0].user
        for membership in rows:
            membership.user = user
        access.keep_memberships(user, rows)
        return user if self.user_can_authenticate(user) else None
