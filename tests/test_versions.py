"""Change lists between two versions of an application, as the office reads them."""

from __future__ import annotations

from dataclasses import replace

from portfolio import versions


def test_numbers_in_a_change_list_are_written_the_swedish_way_without_stray_decimals():
    # Values read back through pandas arrive as floats when a column has gaps.
    assert versions.show(450_000.0) == "450\u00a0000"
    assert versions.show(12.5) == "12,5"
    assert versions.show(0.035) == "0,035"
    assert versions.show(None) == "–"
    assert versions.show(True) == "Ja"
    assert versions.show(["a", "b"]) == "a; b"


def test_rows_are_paired_by_what_they_hold_and_named_by_it():
    old = [
        {"item": "Licenser", "type": "Drift", "year": 2025, "amount_sek": 100_000},
        {"item": None, "type": "Investering", "year": 2024, "amount_sek": 50_000},
    ]
    new = [
        {"item": "Licenser", "type": "Drift", "year": 2025, "amount_sek": 120_000},
    ]
    assert versions.row_changes("costs", old, new) == [
        ("Kostnadsrad 1 (Licenser): Belopp (kr)", "100\u00a0000", "120\u00a0000"),
        ("Kostnadsrad", "Investering", "tas bort"),  # no item: named by its type
    ]
    added = versions.row_changes("goals", [], [{"text": "Halvera väntetiden"}])
    assert added == [("Mål 1", "–", "läggs till: Halvera väntetiden")]
    assert versions.row_changes("benefits", new, new) == []


def test_a_long_name_cut_short_leaves_no_bracket_of_its_own_open():
    """ "Nytta 1 (Minskade kostnader för tryck och bud (n…)" read as a fault (QA)."""
    name = "Minskade kostnader för tryck och bud (nämndhandlingar på papper)"
    old = [{"name": name, "type": "Kostnadsminskning", "value_per_year_sek": 10_000}]
    new = [{**old[0], "value_per_year_sek": 20_000}]
    [(where, _, _)] = versions.row_changes("benefits", old, new)
    assert where.startswith("Nytta 1 (Minskade kostnader för tryck och bud…): ")


def test_a_removed_row_called_like_another_says_what_else_it_held():
    """Two cost rows "Drift och licenser", for 2025 and 2026: the history said only
    "Kostnadsrad: Drift och licenser togs bort" (QA). A name of its own is enough."""
    licences = {"item": "Drift och licenser", "type": "Drift", "amount_sek": 130_000}
    old = [{**licences, "year": 2025}, {**licences, "year": 2026}, {"item": "Konsult"}]
    assert versions.row_changes("costs", old, old[:1]) == [
        ("Kostnadsrad", "Drift och licenser (Drift, 2026, 130\u00a0000)", "tas bort"),
        ("Kostnadsrad", "Konsult", "tas bort"),
    ]


BENEFITS = [
    {"name": "Färre tillsynsbesök", "type": "Tidsbesparing", "hours_per_year": 3400},
    {"name": "Ostörd nattsömn", "type": "Kvalitet", "first_year": 2021},
    {"name": "Lägre kostnad", "type": "Kostnadsminskning", "first_year": 2022},
]


def test_sorted_rows_are_no_change_and_an_edit_among_them_is_the_only_one_listed():
    """The order of goals, benefits and costs is not content: compared by place, sorting
    the benefits and editing one listed every field of every moved row as changed."""
    resorted = BENEFITS[::-1]
    assert versions.row_changes("benefits", BENEFITS, resorted) == []
    edited = [resorted[0], {**resorted[1], "first_year": 2023}, resorted[2]]
    assert versions.row_changes("benefits", BENEFITS, edited) == [
        ("Nytta 2 (Ostörd nattsömn): Första år", "2021", "2023")
    ]


def test_removing_the_first_row_is_one_removal_not_every_later_row_renamed():
    assert versions.row_changes("benefits", BENEFITS, BENEFITS[1:]) == [
        ("Nytta", "Färre tillsynsbesök", "tas bort")
    ]


def test_years_in_a_change_list_have_no_thousands_space():
    old = [{"item": "Licenser", "year": 2022, "amount_sek": 10_000}]
    new = [{"item": "Licenser", "year": 2023, "amount_sek": 10_000}]
    assert versions.row_changes("costs", old, new) == [
        ("Kostnadsrad 1 (Licenser): År", "2022", "2023")
    ]
    assert versions.changes({"year": 2025}, {"year": 2026}) == [("År", "2025", "2026")]


def test_an_application_stored_before_benefits_had_a_unit_keeps_its_fingerprint():
    """The hash below is what earlier versions of the product stored for this application.
    Were it to change, every unchanged workbook imported again after an upgrade would add
    a version of each of its applications."""
    from portfolio import model, store

    fields = dict.fromkeys(model.Application.__dataclass_fields__)
    fields.update(id="HUD-2024-001", year=2024, title="E-arkiv", strategic_directions=())
    fields.update(
        goals=(model.Goal("Kortare väntetid", "Väntetid", "dagar", 30.0, 12.0),),
        benefits=(model.Benefit("Nöjdare sökande", "Kvalitet", "Invånare", "NKI", 62.0, 75.5),),
        costs=(model.Cost("Licens", "Drift", 2024, 120_000),),
    )
    app = model.Application(**fields)
    earlier = "b2cf3c9069a45193a853df6df246e6601edb3b8550d69c5791679425342405f2"
    # Versions stored now carry content_hash, which leaves out the rows' order; an unchanged
    # workbook is compared with the older fingerprint as well (test_imports).
    assert store.ordered_hash(app) == earlier
    # A unit is content: writing one is a change, and a new version.
    [benefit] = app.benefits
    with_unit = model.Application(**{**fields, "benefits": (replace(benefit, unit="poäng"),)})
    assert store.ordered_hash(with_unit) != earlier
    assert store.content_hash(with_unit) != store.content_hash(app)
