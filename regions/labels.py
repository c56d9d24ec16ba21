"""Labels for rows read as plain values, written as the models write them."""


def workplace_label(
    name: str | None, parent_name: str | None, parent_short_name: str | None
) -> str:
    """``str(Organisation)`` from the workplace's and its parent's names ("" for none)."""
    if not name:
        return ""
    parent = parent_short_name or parent_name
    return f"{name}, {parent}" if parent else name


# The values() names that workplace_label reads, seen from a person.
EMPLOYER_FIELDS = ("employer__name", "employer__parent__name", "employer__parent__short_name")
