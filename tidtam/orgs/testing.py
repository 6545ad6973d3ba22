"""The fixed cast of the test suite: two agencies, and in each every role, plus outsiders."""

from types import SimpleNamespace

from tidtam.orgs.models import Membership, Unit, User

Role = Membership.Role


def make_user(username: str, full_name: str = "", **extra) -> User:
    user = User(username=username, full_name=full_name or username, **extra)
    user.set_password("pw")
    user.save()
    return user


def make_cast() -> SimpleNamespace:
    """City; agency A (Bang Sue, two divisions) and agency B (Chatuchak, one division).

    In A: reporter ``alice`` (ฝ่ายปกครอง), approver ``anna`` (ฝ่ายปกครอง), executive ``ed``
    (the agency). In B: reporter ``bob``, approver ``bella``, executive ``bert``. Coordinator
    ``carol`` follows A only; ``cody`` follows B. ``chief`` is the city's executive, ``root``
    an admin, ``olive`` has no role at all.
    """
    city = Unit.objects.create(kind=Unit.Kind.CITY, name="กรุงเทพมหานคร")
    a = Unit.objects.create(
        kind=Unit.Kind.AGENCY, name="สำนักงานเขตบางซื่อ", parent=city, agency_code="50310000"
    )
    a_admin = Unit.objects.create(kind=Unit.Kind.DIVISION, name="ฝ่ายปกครอง", parent=a)
    a_works = Unit.objects.create(kind=Unit.Kind.DIVISION, name="ฝ่ายโยธา", parent=a)
    b = Unit.objects.create(
        kind=Unit.Kind.AGENCY, name="สำนักงานเขตจตุจักร", parent=city, agency_code="50300000"
    )
    b_admin = Unit.objects.create(kind=Unit.Kind.DIVISION, name="ฝ่ายปกครอง", parent=b)
    cast = SimpleNamespace(city=city, a=a, a_admin=a_admin, a_works=a_works, b=b, b_admin=b_admin)
    roles = {
        "alice": (a_admin, Role.REPORTER),
        "anna": (a_admin, Role.APPROVER),
        "ed": (a, Role.EXECUTIVE),
        "bob": (b_admin, Role.REPORTER),
        "bella": (b_admin, Role.APPROVER),
        "bert": (b, Role.EXECUTIVE),
        "carol": (a, Role.COORDINATOR),
        "cody": (b, Role.COORDINATOR),
        "chief": (city, Role.EXECUTIVE),
        "root": (city, Role.ADMIN),
    }
    for username, (unit, role) in roles.items():
        user = make_user(username)
        Membership.objects.create(user=user, unit=unit, role=role)
        setattr(cast, username, user)
    cast.olive = make_user("olive")
    return cast
