from tidtam.orgs import access
from tidtam.orgs.models import Unit


def test_who_reads_and_who_changes_which_units(cast):
    def readable(user):
        return set(access.readable_units(user).values_list("name", "agency_code"))

    a_units = {("สำนักงานเขตบางซื่อ", "50310000"), ("ฝ่ายปกครอง", ""), ("ฝ่ายโยธา", "")}
    assert readable(cast.ed) == a_units  # an executive reads below their unit
    assert readable(cast.carol) == a_units  # a coordinator reads the agencies they follow
    assert readable(cast.alice) == {("ฝ่ายปกครอง", "")}
    assert readable(cast.olive) == set()
    assert access.readable_units(cast.chief).count() == Unit.objects.count()
    assert access.can_edit_unit(cast.alice, cast.a_admin)
    assert not access.can_edit_unit(cast.alice, cast.a_works)
    assert not access.can_edit_unit(cast.ed, cast.a_admin)
    assert not access.can_edit_unit(cast.carol, cast.a_admin)
    assert access.can_edit_unit(cast.root, cast.b_admin)


def test_unit_paths_follow_the_tree(cast):
    assert cast.a_admin.path == f"{cast.a.path}{cast.a_admin.pk}/"
    assert cast.a_admin.agency == cast.a
    assert cast.a_admin.path_names() == ["สำนักงานเขตบางซื่อ", "ฝ่ายปกครอง"]


def test_a_units_parents_read_in_one_query_by_its_path(cast, django_assert_num_queries):
    section = Unit.objects.create(kind=Unit.Kind.SECTION, name="งานทะเบียน", parent=cast.a_admin)
    unit = Unit.objects.get(pk=section.pk)
    with django_assert_num_queries(1):
        unit.read_ancestors()
    with django_assert_num_queries(0):
        assert unit.path_names() == ["สำนักงานเขตบางซื่อ", "ฝ่ายปกครอง", "งานทะเบียน"]
        assert unit.agency == cast.a


def test_can_edit_unit_answers_as_editable_units_without_a_query(cast, django_assert_num_queries):
    users = [cast.alice, cast.anna, cast.ed, cast.carol, cast.chief, cast.root, cast.olive]
    units = list(Unit.objects.all())
    for user in users:
        editable = set(access.editable_units(user))  # reads the memberships
        with django_assert_num_queries(0):
            answers = {unit for unit in units if access.can_edit_unit(user, unit)}
        assert answers == editable, user.username
