from tidtam.orgs import access


def roles(request) -> dict:
    """The roles of the logged-in user, for showing only the links they can use."""
    if not request.user.is_authenticated:
        return {"user_roles": set()}
    found = access.roles(request.user)
    if access.is_admin(request.user):
        found.add("admin")
    return {"user_roles": found}
