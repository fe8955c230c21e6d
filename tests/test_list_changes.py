"""What a reference workbook changes in the municipality's lists, as the preview says it."""

from __future__ import annotations

import dataclasses

from portfolio import list_changes, model, reference
from portfolio.excel import values


def test_added_removed_and_changed_entries_and_parameters_are_named():
    old = reference.HUDDINGE
    first_area, *other_areas = old.goal_areas
    fund_2026 = next(f for f in old.fund_years if f.year == 2026)
    new = dataclasses.replace(
        old,
        administrations=(
            *old.administrations,
            model.Administration("Digitaliseringsförvaltningen", "DIF", ("Kommunstyrelsen",)),
        ),
        goal_areas=(dataclasses.replace(first_area, valid_to=2040), *other_areas[1:]),
        fund_years=tuple(
            dataclasses.replace(f, budget_sek=17_500_000) if f.year == 2026 else f
            for f in old.fund_years
        ),
        parameters=dataclasses.replace(old.parameters, hourly_cost_sek=600),
    )
    found = list_changes.changes(old, new)
    # What an added entry holds besides its name is said with it (QA: a new fund year's
    # budget was not).
    added = "läggs till: Digitaliseringsförvaltningen (förkortning DIF, nämnder Kommunstyrelsen)"
    assert ("Förvaltning", "–", added) in found
    before = list_changes.validity(first_area)
    after = list_changes.validity(dataclasses.replace(first_area, valid_to=2040))
    assert before != after and after.endswith("–2040")
    assert (f"Målområde {first_area.name}: gäller", before, after) in found
    assert ("Målområde", other_areas[0].name, "tas bort") in found
    budgets = (values.format_sek(fund_2026.budget_sek), "17\u00a0500\u00a0000\u00a0kr")
    assert ("Potten 2026: budget", *budgets) in found
    assert ("Timkostnad", "520\u00a0kr", "600\u00a0kr") in found
    assert len(found) == 5  # nothing else is said to change


def test_identical_lists_change_nothing_and_a_first_profile_names_the_municipality():
    assert list_changes.changes(reference.HUDDINGE, reference.HUDDINGE) == []
    assert list_changes.changes(None, reference.HUDDINGE) == [("Kommun", "–", "Huddinge kommun")]


def test_a_list_entrys_years_are_said_in_words_and_never_look_cut_short():
    area = reference.HUDDINGE.goal_areas[0]
    assert list_changes.validity(dataclasses.replace(area, valid_from=2021, valid_to=2025)) == (
        "2021–2025"
    )
    assert list_changes.validity(dataclasses.replace(area, valid_from=2021, valid_to=None)) == (
        "från 2021"
    )
    assert list_changes.validity(dataclasses.replace(area, valid_from=None, valid_to=2025)) == (
        "till 2025"
    )
    assert list_changes.validity(dataclasses.replace(area, valid_from=None, valid_to=None)) == (
        "alla år"
    )


def test_a_removed_entry_that_stored_records_carry_is_said_to_stay_on_them():
    old = reference.HUDDINGE
    kept, dropped = old.administrations[0].name, old.administrations[1].name
    new = dataclasses.replace(old, administrations=old.administrations[2:])
    asked: list[str] = []

    def used(key: str) -> frozenset[str]:
        asked.append(key)
        return frozenset({kept})

    found = list_changes.changes(old, new, used)
    assert ("Förvaltning", kept, list_changes.REMOVED_KEPT) in found
    assert ("Förvaltning", dropped, list_changes.REMOVED) in found
    assert asked == ["administrations"]  # only lists that lose an entry are asked about


def test_removing_a_goal_area_that_goals_name_advises_an_end_year_instead():
    old = reference.HUDDINGE
    linked, *rest = old.goal_areas
    found = list_changes.changes(
        old,
        dataclasses.replace(old, goal_areas=tuple(rest)),
        lambda key: frozenset({linked.name}) if key == "goal_areas" else frozenset(),
    )
    assert found == [("Målområde", linked.name, list_changes.REMOVED_LINKED)]
    assert "Till år" in list_changes.REMOVED_LINKED


def test_removing_a_strategic_direction_is_not_said_to_unlink_the_councils_goals():
    """A direction is the strategy's, named by applications and activities: the preview
    said goals naming it lost their link to the council's goals (QA)."""
    old = reference.HUDDINGE
    named, *rest = old.strategic_directions
    found = list_changes.changes(
        old,
        dataclasses.replace(old, strategic_directions=tuple(rest)),
        lambda key: frozenset({named.name}) if key == "strategic_directions" else frozenset(),
    )
    assert found == [("Strategisk inriktning", named.name, list_changes.REMOVED_DIRECTION)]
    assert "fullmäktiges mål" not in list_changes.REMOVED_DIRECTION
    assert "ansökningar och aktiviteter" in list_changes.REMOVED_DIRECTION


def test_a_new_name_or_profile_key_is_said_as_a_change():
    """Typed on the Parametrar sheet, a new key changed the export's "profile" while the
    import counted one change and listed none."""
    new = dataclasses.replace(reference.HUDDINGE, key="min-kommun", name="Min kommun")
    assert list_changes.changes(reference.HUDDINGE, new) == [
        ("Kommun", "Huddinge kommun", "Min kommun"),
        ("Profil", "huddinge", "min-kommun"),
    ]


def test_a_fund_year_added_is_said_with_its_budget_and_focus_areas():
    old = reference.HUDDINGE
    latest = max(old.fund_years, key=lambda f: f.year)
    year = model.FundYear(latest.year + 1, 18_000_000, latest.focus_areas[:2])
    found = list_changes.changes(old, dataclasses.replace(old, fund_years=(*old.fund_years, year)))
    assert found == [
        (
            "Potten",
            "–",
            f"läggs till: {year.year} (budget 18\u00a0000\u00a0000\u00a0kr, inriktningar "
            f"{'; '.join(year.focus_areas)})",
        )
    ]
