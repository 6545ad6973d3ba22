from tidtam.orgs import access
from tidtam.orgs.backends import MembershipsBackend


def test_the_user_comes_with_their_memberships_in_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = MembershipsBackend().get_user(cast.carol.pk)
        assert user == cast.carol
        assert access.roles(user) == {"coordinator"}
        assert access.coordinates_agency(user, cast.a.pk)
        assert not access.can_edit_unit(user, cast.a_admin)


def test_users_without_memberships_inactive_or_unknown(cast):
    backend = MembershipsBackend()
    assert backend.get_user(cast.olive.pk) == cast.olive
    assert access.memberships(backend.get_user(cast.olive.pk)) == []
    cast.alice.is_active = False
    cast.alice.save()
    assert backend.get_user(cast.alice.pk) is None
    assert backend.get_user(10**9) is None


def test_pages_log_in_through_it(client, cast):
    client.force_login(cast.alice)
    assert client.get("/projects/").status_code == 200
    assert client.session["_auth_user_backend"] == "tidtam.orgs.backends.MembershipsBackend"
