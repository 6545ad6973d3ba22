from tidtam.orgs import access


def abilities(request) -> dict:
    """What the logged-in user can use, for showing only the links that work for them."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "can_follow_up": access.follows_up(user),
        "can_file_reports": access.files_reports(user),
        "can_see_dashboard": access.sees_dashboard(user),
        "can_use_ita": access.is_admin(user) or bool(access.roles(user)),
    }
