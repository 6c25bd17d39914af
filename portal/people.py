"""How the portal names people: by name, the username only when no name is recorded (issue 11)."""


def person_name(user) -> str:
    if user is None or user == "":
        return ""
    get_full_name = getattr(user, "get_full_name", None)
    if get_full_name is None:
        return str(user)
    return (get_full_name() or "").strip() or user.get_username()
