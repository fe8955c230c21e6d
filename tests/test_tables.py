"""Tables as pages show them: what a reader of the Referensdata page sees."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from portfolio import imports, model, reference, tables
from portfolio.excel import values


def test_years_are_shown_as_runs():
    assert tables.year_spans([2022, 2020, 2021, 2026, 2025]) == "2020–2022, 2025–2026"
    assert tables.year_spans([2024]) == "2024"
    assert tables.year_spans([]) == "–"


def test_each_focus_area_of_the_fund_is_one_row_with_the_years_it_applied():
    old = reference.HUDDINGE
    first, *rest = sorted(old.fund_years, key=lambda f: f.year)
    dropped = first.focus_areas[-1]
    # The last focus area is left out of the second year only.
    second = dataclasses.replace(rest[0], focus_areas=rest[0].focus_areas[:-1])
    profile = dataclasses.replace(old, fund_years=(first, second, *rest[1:]))

    focus = tables.reference_lists(profile, 2026)["focus_years"]

    years = dict(zip(focus["Inriktning"], focus["År"], strict=True))
    assert len(years) == len(focus)  # one row per focus area, its whole name
    last = max(f.year for f in old.fund_years)
    assert years[dropped] == f"{first.year}, {second.year + 1}–{last}"
    assert years[first.focus_areas[0]] == f"{first.year}–{last}"


def test_the_reference_page_shows_every_parameter_the_workbook_holds():
    """Rapportperiod was in the reference workbook but not on the page (QA)."""
    shown = tables.reference_lists(reference.HUDDINGE, 2026)["parameters"]
    assert dict(shown.values) == {
        "Timkostnad": "520\u00a0kr",
        "Kalkylränta": "3,5\u00a0%",
        "Kalkylperiod": "5 år",
        "Rapportperiod": "6 månader",
    }


def test_an_html_table_escapes_what_a_workbook_wrote():
    from portfolio.model import Problem

    hostile = 'fann "<img src=x onerror=alert(1)>" & mer'
    frame = tables.problems([Problem("f.xlsx", "Ansökningar", "M2", hostile)])
    page = tables.html_table(frame, "problems")
    assert "<img" not in page
    assert "Fann &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; mer" in page
    assert page.count("<tr>") == 2  # the header and the one problem


def test_plain_text_survives_streamlits_markdown_as_typed():
    import re

    from portfolio import ui

    typed = "1. Ny e-tjänst ![x](http://a.invalid/x.png) *fet* $x$ :material/home: C:\\temp 5 %"
    escaped = ui.plain(typed)
    assert "![" not in escaped and "*fet*" not in escaped and ":material" not in escaped
    # Undoing the escapes gives back exactly what was typed.
    assert re.sub(r"\\([^\w\s])", r"\1", escaped).replace("\u2060", "") == typed


def test_problems_show_errors_first_and_otherwise_the_workbooks_order():
    from portfolio.model import Problem

    found = [
        Problem("f.xlsx", "Mål", "H3", "okänt målområde"),
        Problem("f.xlsx", "Nyttor", "", "okänt blad", "warning"),
        Problem("f.xlsx", "Kostnader", "D2", "negativt belopp"),
    ]
    frame = tables.problems(found)
    assert list(zip(frame["Typ"], frame["Blad"], strict=True)) == [
        ("Fel", "Mål"),
        ("Fel", "Kostnader"),
        ("Varning", "Nyttor"),
    ]


def test_an_empty_years_list_says_when_the_last_one_ended_and_how_to_mend_it():
    directions = reference.HUDDINGE.strategic_directions  # six, 2021-2025
    words = ("Ingen strategisk inriktning", "strategisk inriktning", "strategiska inriktningar")
    assert tables.empty_list_note(directions, 2026, *words) == (
        "Ingen strategisk inriktning gäller 2026: 6 strategiska inriktningar gällde till och "
        "med 2025. Lägg till de strategiska inriktningar som gäller 2026 i referensdata och "
        "ladda upp den under Importera."
    )
    one = (dataclasses.replace(directions[0], valid_to=2023), *directions[1:])
    assert "2026: 5 strategiska inriktningar gällde till och med 2025" in (
        tables.empty_list_note(one, 2026, *words)
    )
    assert "2024: 1 strategisk inriktning gällde till och med 2023" in (
        tables.empty_list_note(one[:1], 2024, *words)
    )
    assert tables.empty_list_note(directions, 2019, *words) == (
        "Ingen strategisk inriktning gäller 2019; de första börjar gälla 2021."
    )
    assert tables.empty_list_note((), 2026, "Inget målområde", "målområde", "målområden") == (
        "Listan är tom: lägg till målområden i referensdata och ladda upp den under Importera."
    )


def test_an_objekts_linked_share_stands_beside_the_development_budget_it_is_a_share_of():
    frame = pd.DataFrame(
        {
            "name": ["Omsorg"],
            "maintenance_sek": [8_140_000],
            "development_sek": [3_010_000],
            "linked_share": [0.56],
            "owner": ["Oskar Dahlén"],
            "activities": [4],
            "unlinked_activities": [1],
            "applications": [2],
            "administrations": [("Vård- och omsorgsförvaltningen",)],
        }
    )
    shown = tables.objekt_overview(frame)
    assert list(shown.columns[:4]) == [
        "Objekt",
        "Utvecklingsbudget",
        "Målkoppling",
        "Förvaltningsbudget",
    ]  # the first three fit at 1024 px
    assert shown.iloc[0, :4].tolist() == [
        "Omsorg",
        "3\u00a0010\u00a0000\u00a0kr",
        "56\u00a0%",
        "8\u00a0140\u00a0000\u00a0kr",
    ]


def test_the_objekt_overview_names_administrations_short_and_every_one_as_alla():
    every = ["Kommunstyrelsens förvaltning", "Socialförvaltningen", "Kulturförvaltningen"]
    frame = pd.DataFrame(
        {
            "name": ["Ekonomi", "Omsorg", "Plattform", "Arkiv"],
            "maintenance_sek": [None] * 4,
            "development_sek": [None] * 4,
            "linked_share": [None] * 4,
            "owner": [None] * 4,
            "activities": [0] * 4,
            "unlinked_activities": [0] * 4,
            "applications": [0] * 4,
            "administrations": [
                ("Kommunstyrelsens förvaltning",),
                ("Socialförvaltningen", "Kulturförvaltningen"),
                tuple(reversed(every)),
                (),
            ],
        }
    )
    from portfolio.model import Administration

    profile = dataclasses.replace(
        reference.profile(reference.DEFAULT_PROFILE),
        administrations=(
            Administration(every[0], "KSF"),
            Administration(every[1], "SOF"),
            Administration(every[2]),
        ),
    )
    shown = tables.objekt_overview(frame, profile)
    # An administration without an abbreviation keeps its name; an objekt spanning the
    # whole municipality says so in four letters rather than listing nine names.
    assert shown["Förvaltningar"].tolist() == ["KSF", "SOF, Kulturförvaltningen", "Alla", "–"]
    # Without the reference lists (no profile stored yet) the names are written out.
    assert tables.objekt_overview(frame)["Förvaltningar"].tolist()[:2] == [
        "Kommunstyrelsens förvaltning",
        "Socialförvaltningen, Kulturförvaltningen",
    ]


def test_an_activitys_goal_says_how_and_by_when_it_is_measured():
    import datetime as dt

    frame = pd.DataFrame(
        {
            "name": ["E-faktura", "Nytt lås", "Drift"],
            "type": ["Utveckling", "Utveckling", "Förvaltning"],
            "budget_sek": [200_000, None, None],
            "status": ["Pågår", "Planerad", None],
            "goal_area": ["God ekonomi", None, None],
            "strategic_directions": [np.array(["4. Gemensam plattform"]), [], pd.NA],
            "goal": ["Fler e-fakturor", "Lås hos alla", None],
            "indicator": ["Andel e-fakturor", None, None],
            "unit": ["%", "st", None],
            "target": [90.0, 1500.0, None],
            "deadline": [dt.date(2026, 6, 30), None, None],
        }
    )
    shown = tables.activities(frame)
    assert list(shown["Mål"]) == [
        "Fler e-fakturor\nMäts som Andel e-fakturor: mål 90\u00a0%\nSenast 2026-06-30",
        "Lås hos alla\nMäts som mål 1\u00a0500\u00a0st",
        "–",
    ]
    assert list(shown["Målområde"]) == [
        "God ekonomi\nInriktning: 4. Gemensam plattform",
        "Saknas",
        "Saknas",
    ]
    assert list(shown["Budget"]) == ["200\u00a0000\u00a0kr", "–", "–"]


def test_a_time_saving_shows_its_kronor_and_hours_a_year_in_one_cell():
    frame = pd.DataFrame(
        {
            "name": ["Mindre registrering", "Färre timmar"],
            "type": ["Tidsbesparing", "Tidsbesparing"],
            "value_per_year_sek": [1_612_000, None],
            "hours_per_year": [3_100.0, 250.0],
            "first_year": [2027, 2027],
        }
        | {c: [None, None] for c in ("beneficiary", "indicator", "unit", "baseline", "target")}
        | {"owner": ["Camilla Olsson", None]}
    )
    shown = tables.benefits(frame)
    assert list(shown["Per år"]) == ["1\u00a0612\u00a0000\u00a0kr\n3\u00a0100\u00a0h", "250\u00a0h"]
    assert "Timmar per år" not in shown.columns


def test_a_benefits_indicator_reads_as_one_phrase_with_what_it_has():
    frame = pd.DataFrame(
        {
            "name": ["Nöjdare", "Snabbare", "Okänd", "Pengar", "Tid"],
            "type": ["Kvalitet", "Kvalitet", "Kvalitet", "Kostnadsminskning", "Tidsbesparing"],
            "beneficiary": [None] * 5,
            "indicator": ["Andel nöjda", "Väntetid", None, None, "Timmar"],
            "unit": ["%", "dagar", "st", None, "h"],
            "baseline": [55.0, None, None, None, None],
            "target": [80.0, 4.5, None, None, None],
            "value_per_year_sek": [None, None, None, 120_000, None],
            "hours_per_year": [None] * 5,
            "first_year": [2027, None, None, 2026, None],
            "owner": [None] * 5,
        }
    )
    shown = tables.benefits(frame)
    assert list(shown["Mäts som"]) == [
        "Andel nöjda: 55 → 80\u00a0%",
        "Väntetid: mål 4,5\u00a0dagar",
        "(st)",
        "–",
        "Timmar (h)",  # no values yet: not "Timmar: (h)"
    ]
    assert list(shown["Per år"]) == ["–", "–", "–", "120\u00a0000\u00a0kr", "–"]


def test_an_imports_audit_rows_name_each_record_as_the_office_knows_it():
    audit = pd.DataFrame(
        [
            ("application", "HUD-2026-001", "changed", "version 2"),
            ("follow_up", "HUD-2026-001/Tid/kostnad för handläggning/2025-06-30", "added", ""),
            ("status_report", "HUD-2026-001/2026-09-30", "changed", ""),
            ("object_plan", "Ekonomi/HR/2026", "added", ""),
            ("activity", "Ekonomi/HR/2026/0", "removed", ""),
            ("reference", "huddinge", "changed", "Huddinge kommun"),
            ("activity", "skrivet av äldre kod", "added", ""),
        ],
        columns=["entity", "entity_id", "action", "detail"],
    )
    shown = tables.import_changes(audit)
    assert shown.values.tolist() == [
        ["Ansökan", "HUD-2026-001", "Ändrad (version 2)"],
        ["Uppföljning", "HUD-2026-001, Tid/kostnad för handläggning, 2025-06-30", "Ny"],
        ["Lägesrapport", "HUD-2026-001, 2026-09-30", "Ändrad"],
        ["Objektplan", "Ekonomi/HR 2026", "Ny"],
        ["Aktivitet", "Ekonomi/HR 2026, aktivitet 1", "Borttagen"],
        ["Referensdata", "Huddinge kommun", "Ändrad"],
        ["Aktivitet", "skrivet av äldre kod", "Ny"],
    ]


def test_an_applications_import_history_says_what_each_import_did_in_swedish():
    frame = pd.DataFrame(
        {
            "imported_at": ["2026-03-01 10:15:00"],
            "imported_by": ["Anna"],
            "file_name": ["ansokningar.xlsx"],
            "what": ["application changed 1, decision added 1, follow_up added 2"],
            "sha256": ["ab" * 32],
        }
    )
    [row] = tables.import_history(frame).to_dict("records")
    # Adjectives agree with their nouns and numbers ("beslut ny" was the audit log's order).
    assert row["Vad"] == "ändrad ansökan, nytt beslut, 2 nya uppföljningar"
    assert row["Tid"] == "2026-03-01 10:15" and row["SHA-256"] == "abababababab…"


def test_a_batch_sums_an_application_two_files_revise_once_at_its_last_version(con, tmp_path):
    """Two edits of one application in one upload become two versions; what it asks for
    is the last one's amount, not both added up, and the office is told to check the order."""
    from portfolio import imports
    from tests.conftest import application, compilation_bytes

    assert imports.import_bytes(con, compilation_bytes(), "forst.xlsx", "t").stored
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    first.write_bytes(compilation_bytes([application(requested_sek=700_000)]))
    second.write_bytes(compilation_bytes([application(requested_sek=800_000)]))
    reports = imports.import_files(con, [first, second], "t", dry_run=True)

    frame, caption = tables.batch_applications(reports)

    assert list(frame["Fil"]) == ["a.xlsx", "b.xlsx"]
    assert caption.startswith("2 nya versioner i 2 filer söker sammanlagt 800\u00a0000\u00a0kr.")
    assert "TEST-2024-001 finns i flera filer" in caption and "den sista filens" in caption
    # Two files of one name (from two folders) are two files (QA: "i 1 fil").
    (tmp_path / "x").mkdir()
    same_name = tmp_path / "x" / "a.xlsx"
    same_name.write_bytes(second.read_bytes())
    reports = imports.import_files(con, [first, same_name], "t", dry_run=True)
    assert tables.batch_applications(reports)[1].startswith("2 nya versioner i 2 filer")


def test_the_linked_share_is_of_the_plans_development_budget_or_its_activities_if_more(con):
    """Planned development money that no activity accounts for is linked to no goal area:
    1 000 000 kr planned, 300 000 kr in linked activities is 30 %, not 300 of 500."""
    import io

    from portfolio import imports, queries
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    area = "God ekonomi och effektiv verksamhet"
    objekt = [
        {"name": "Skolplattformen", "owner": "Eva Lind"},
        {"name": "Ekonomi", "owner": "Per"},
        {"name": "Tomt", "owner": "Ann"},  # development money, no activities at all (QA)
        {"name": "Vilande", "owner": "Bo"},  # neither money nor activities
        {"name": "Stoppat", "owner": "Siv"},  # linked money in work that was stopped (QA)
        {"name": "Utgånget", "owner": "Tor"},  # a goal area not valid in the year (QA)
    ]
    plans = [
        {"objekt": "Skolplattformen", "year": 2024, "development_sek": 1_000_000},
        {"objekt": "Ekonomi", "year": 2024, "development_sek": 100_000},
        {"objekt": "Tomt", "year": 2024, "development_sek": 1_000_000},
        {"objekt": "Vilande", "year": 2024, "maintenance_sek": 50_000},
        {"objekt": "Stoppat", "year": 2024, "development_sek": 400_000},
        {"objekt": "Utgånget", "year": 2024, "development_sek": 100_000},
    ]
    activities = [
        {"objekt": "Skolplattformen", "year": 2024, "name": "A", "type": "Utveckling",
         "goal_area": area, "budget_sek": 300_000},
        {"objekt": "Skolplattformen", "year": 2024, "name": "B", "type": "Utveckling",
         "budget_sek": 200_000},
        {"objekt": "Ekonomi", "year": 2024, "name": "C", "type": "Utveckling",
         "goal_area": area, "budget_sek": 100_000},
        {"objekt": "Ekonomi", "year": 2024, "name": "D", "type": "Utveckling",
         "budget_sek": 100_000},
        {"objekt": "Stoppat", "year": 2024, "name": "F", "type": "Utveckling",
         "goal_area": area, "budget_sek": 200_000, "status": "Stoppad"},
        {"objekt": "Stoppat", "year": 2024, "name": "G", "type": "Utveckling",
         "goal_area": area, "budget_sek": 100_000, "status": "Pågår"},
        {"objekt": "Stoppat", "year": 2024, "name": "H", "type": "Utveckling",
         "budget_sek": 50_000, "status": "Stoppad"},
        {"objekt": "Utgånget", "year": 2024, "name": "U", "type": "Utveckling",
         "goal_area": area, "budget_sek": 100_000},
    ]  # fmt: skip
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, objekt),
            (layout.OBJEKTPLAN, plans),
            (layout.AKTIVITETER, activities),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems]

    # Its goal area as if removed from the list later: 2019-2020 only, as Målkvalitet then
    # lists the activity under work without a valid goal area.
    con.execute("update activity set goal_area = 'Sund ekonomi' where name = 'U'")
    overview = queries.objekt_overview(con, 2024)
    shares = dict(overview[["name", "linked_share"]].values)

    assert {
        k: shares[k] for k in ("Skolplattformen", "Ekonomi", "Tomt", "Stoppat", "Utgånget")
    } == {
        "Skolplattformen": 0.3,
        "Ekonomi": 0.5,
        "Tomt": 0.0,  # none of its money is linked: 0 %, not "–"
        "Stoppat": 0.25,  # stopped work links nothing: 100 000 of the 400 000 kr planned
        "Utgånget": 0.0,  # nor does a goal area of other years
    }
    # A stopped activity without a goal area needs none; one of other years needs one.
    unlinked = dict(overview[["name", "unlinked_activities"]].values)
    assert (unlinked["Skolplattformen"], unlinked["Stoppat"], unlinked["Utgånget"]) == (1, 0, 1)
    shown = dict(tables.objekt_overview(overview)[["Objekt", "Målkoppling"]].values)
    assert shown["Tomt"] == "0\u00a0%" and shown["Vilande"] == "–"  # nothing to share


def test_a_coverage_share_reads_all_or_none_only_when_it_is():
    """996 000 of 1 000 000 kr linked read "100 %" beside an activity without a goal
    area (QA); 3 000 kr of 1 000 000 would read "0 %"."""
    assert [values.format_coverage(x) for x in (0.996, 0.003, 1, 0, 0.555, None)] == [
        "99\u00a0%", "1\u00a0%", "100\u00a0%", "0\u00a0%", "56\u00a0%", "–"
    ]  # fmt: skip


def test_what_an_import_changes_is_said_kind_by_kind_in_agreeing_swedish():
    from portfolio.store import Counts

    counts = Counts()
    counts.record("application", 1, 0, 0)
    counts.record("decision", 5, 1, 0)
    counts.record("objekt", 1, 0, 3)
    counts.record("activity", 0, 2, 0, 1)
    assert tables.what_changes(counts) == (
        "1 ny ansökan, 5 nya beslut, 1 ändrat beslut, 1 nytt objekt, 2 ändrade aktiviteter, "
        "1 borttagen aktivitet; 3 poster oförändrade"
    )
    nothing = Counts()
    nothing.record("reference", 0, 0, 1)
    assert tables.what_changes(nothing) == "inget nytt eller ändrat; 1 post oförändrad"
    lists = Counts()
    lists.record("reference", 0, 1, 0)
    assert tables.what_changes(lists) == "ändrad referensdata"


def test_the_objekt_overview_counts_the_years_applications(con):
    # The table is one year's; its "Ansökningar" counted every year's (Omsorg: 13, of which
    # 4 were the year's).
    from portfolio import bootstrap, queries

    bootstrap.load_sample(con, "huddinge")
    for year in (2021, 2026):
        shown = dict(queries.objekt_overview(con, year)[["name", "applications"]].values)
        counted = dict(
            con.execute(
                "select objekt, count(*) from application_current where year = ? "
                "and objekt is not null group by objekt",
                [year],
            ).fetchall()
        )
        assert shown == {name: counted.get(name, 0) for name in shown}
        assert sum(shown.values()) > 0


def test_an_applications_import_history_counts_what_each_import_added(con):
    from portfolio import details, imports
    from tests.conftest import application, compilation_bytes

    app_id = application()["id"]
    reports = [
        {"application_id": app_id, "date": f"2024-{month}-30", "status": "Grön"}
        for month in ("04", "06")
    ]
    data = compilation_bytes(
        decisions=[{"application_id": app_id, "decision": "Beviljad"}], status_reports=reports
    )
    report = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    [row] = tables.import_history(details.application_detail(con, app_id).history).to_dict(
        "records"
    )
    assert row["Vad"] == "ny ansökan, nytt beslut, 2 nya lägesrapporter"
    assert row["Fil"] == "a.xlsx"


def test_a_decision_leaves_out_a_date_or_decision_maker_the_workbook_left_out():
    """Both are optional on Beslut: it read "Beviljad: 200 000 kr, – av –."."""
    bare = {"decision": "Beviljad", "granted_sek": 200_000, "decision_date": None}
    assert tables.decision_text(bare).replace("\u00a0", " ") == "Beviljad: 200 000 kr."
    whole = {
        **bare,
        "decision_date": "2024-03-15",
        "decided_by": "Kommundirektören",
        "motivation": "Stärker e-tjänsterna.",
    }
    assert tables.decision_text(whole).replace("\u00a0", " ") == (
        "Beviljad: 200 000 kr, 2024-03-15 av Kommundirektören. Stärker e-tjänsterna."
    )


def test_an_outcome_of_a_benefit_a_later_version_dropped_is_marked_as_not_counted():
    frame = pd.DataFrame(
        {
            "benefit": ["Kortare väntetid", "Färre samtal"],
            "date": ["2025-06-30", "2025-06-30"],
            "actual": [12.0, 40.0],
            "unit": ["dagar", None],
            "actual_sek": [None, 68_000],
            "comment": [None, None],
            "earlier": [False, True],
        }
    )
    shown = tables.follow_ups(frame)
    assert list(shown["Nytta"]) == [
        "Kortare väntetid",
        "Färre samtal (tidigare nytta, räknas inte)",
    ]


def test_filter_values_follow_the_order_the_office_knows_them_in():
    found = ["Avslagen", "Beviljad", "Okänd", "Förankrad", "Avslutad"]
    assert tables.in_order(found, model.APPLICATION_STATUSES) == [
        "Förankrad",
        "Beviljad",
        "Avslagen",
        "Avslutad",
        "Okänd",  # not in the process: last
    ]


def test_the_version_history_tells_what_a_version_did_in_the_past_tense():
    shown = tables.version_changes(
        [("Nytta", "Färre samtal", "tas bort"), ("Mål 2", "–", "läggs till: Kortare kö")]
    )
    assert list(shown["Efter"]) == ["togs bort", "lades till: Kortare kö"]


def test_an_applications_import_history_says_what_a_changed_decision_changed(con):
    """A rejection turned into a grant was "ändrat beslut" in the history, and nowhere in
    the versions, which hold the application's own fields only (QA)."""
    from portfolio import details, imports
    from tests.conftest import application, compilation_bytes

    app_id = application()["id"]
    rejected = {"application_id": app_id, "decision": "Avslagen"}
    granted = {"application_id": app_id, "decision": "Beviljad", "granted_sek": 400_000}
    for name, decision in (("a.xlsx", rejected), ("b.xlsx", granted)):
        report = imports.import_bytes(con, compilation_bytes(decisions=[decision]), name, "t")
        assert report.stored, [str(p) for p in report.problems]
    newest = tables.import_history(details.application_detail(con, app_id).history).iloc[0]
    assert newest["Vad"].replace("\xa0", " ") == (
        "ändrat beslut (Beslut: Avslagen → Beviljad; Beviljat belopp (kr): 0 → 400 000)"
    )
    # A removed one is said as what it was, not only "borttaget beslut" (QA).
    other = application(id="TEST-2024-002")
    data = compilation_bytes(
        [application(), other], decisions=[{**granted, "application_id": other["id"]}]
    )
    assert imports.import_bytes(con, data, "c.xlsx", "t").stored
    newest = tables.import_history(details.application_detail(con, app_id).history).iloc[0]
    assert newest["Vad"].replace("\xa0", " ") == "borttaget beslut (Beviljad, 400 000 kr)"
    # Its decision section says so too, not "Inget beslut ännu" as if there never was one.
    said = tables.no_decision(details.application_detail(con, app_id).history)
    assert said.replace("\xa0", " ").startswith(
        "Inget beslut: beslutet (Beviljad, 400 000 kr) togs bort vid importen av c.xlsx 20"
    ), said
    never = tables.no_decision(details.application_detail(con, "TEST-2024-002").history)
    assert never == "Inget beslut ännu."  # a history that never removed a decision


def test_objekt_left_out_are_named_the_first_five_then_counted():
    names = [f"Objekt {i}" for i in range(1, 9)]
    said = imports.kept_note(names, ["Ekonomisystem 2026", "HR-system 2026"])
    assert said.endswith(
        ": objekten Objekt 1, Objekt 2, Objekt 3, Objekt 4, Objekt 5 och 3 till; planerna "
        "Ekonomisystem 2026 och HR-system 2026."
    )
    assert imports.kept_note([], []) is None
