"""Who may become a leadership representative.

The qualifying leadership levels, professional backgrounds and organisation kinds are
rows the secretariat edits (``Qualifying*`` models); ``EligibilityPolicy.load()`` reads
them once, and ``eligibility_problems`` is a pure check over a person and that policy,
so it can run for a whole form or list without further queries.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from steering.models.people import LeadershipLevel, Profession


@dataclass(frozen=True)
class EligibilityPolicy:
    levels: frozenset[str]
    professions: frozenset[str]
    organisation_kinds: frozenset[str]  # OrganisationKind codes
    organisation_kind_names: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> "EligibilityPolicy":
        """The current policy, in three queries."""
        from representatives.models import (
            QualifyingLeadershipLevel,
            QualifyingOrganisationKind,
            QualifyingProfession,
        )

        kinds = list(QualifyingOrganisationKind.objects.select_related("kind"))
        return cls(
            levels=frozenset(QualifyingLeadershipLevel.objects.values_list("level", flat=True)),
            professions=frozenset(
                QualifyingProfession.objects.values_list("profession", flat=True)
            ),
            organisation_kinds=frozenset(k.kind.code for k in kinds),
            organisation_kind_names=tuple(sorted(str(k.kind) for k in kinds)),
        )

    @property
    def level_labels(self) -> str:
        return _labels(LeadershipLevel.choices, self.levels)

    @property
    def profession_labels(self) -> str:
        return _labels(Profession.choices, self.professions)

    @property
    def organisation_kind_labels(self) -> str:
        return ", ".join(self.organisation_kind_names) or "—"


def _labels(choices, values) -> str:
    """The qualifying values in the choice order, as a readable list."""
    return ", ".join(str(label) for value, label in choices if value in values) or "—"


def eligibility_problems(person, policy: EligibilityPolicy) -> list[str]:
    """Every reason ``person`` cannot be a leadership representative; empty when they can.

    ``person.employer`` (and its ``kind``) should be loaded with the person.
    """
    problems: list[str] = []
    if person.leadership_level not in policy.levels:
        problems.append(
            _("Leadership level “%(level)s” does not qualify; it must be one of: %(allowed)s.")
            % {
                "level": person.get_leadership_level_display(),
                "allowed": policy.level_labels,
            }
        )
    if not person.profession:
        problems.append(_("No professional background is recorded."))
    elif person.profession not in policy.professions:
        problems.append(
            _("Professional background “%(profession)s” does not qualify.")
            % {"profession": person.get_profession_display()}
        )
    if person.employer_id is None:
        problems.append(_("No workplace is recorded."))
    elif person.employer.kind.code not in policy.organisation_kinds:
        problems.append(
            _("Workplace type “%(kind)s” does not qualify; it must be one of: %(allowed)s.")
            % {
                "kind": person.employer.kind,
                "allowed": policy.organisation_kind_labels,
            }
        )
    return problems


__all__ = ["EligibilityPolicy", "eligibility_problems"]
