"""SMART assessment (portfolio.smart): each rule both ways, the cli.md JSON shape, the table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from portfolio import smart
from portfolio.smart import LETTERS, Assessment, Verdict, assess
from tests.smart_goals import GOALS

# -- API and the `smart --json` shape (shared/spec/cli.md) -------------------------------------


def test_letters_name_the_five_verdicts_in_smart_order():
    assert LETTERS == (
        ("specific", "Specifik"),
        ("measurable", "Mätbar"),
        ("achievable", "Accepterad/rimlig"),
        ("relevant", "Relevant"),
        ("time_bound", "Tidsatt"),
    )
    assert [f.name for f in dataclasses.fields(Assessment)] == [key for key, _ in LETTERS]


def test_verdicts_and_assessments_are_frozen():
    a = assess("Effektivisera verksamheten")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.specific = Verdict(True, "")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.specific.ok = True  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "Minska handläggningstiden för bygglov från 10 till 4 veckor senast 2025-12-31",
        "Effektivisera verksamheten",
        "Digitala detaljplaner",
        "Reduce sick leave among home care staff from 9% to 7% in 2025",
        "",
    ],
)
def test_to_json_is_the_cli_shape(text):
    a = assess(text)
    obj = a.to_json(text)
    assert list(obj) == ["text", "score", *(key for key, _ in LETTERS)]
    assert obj["text"] == text
    for key, _ in LETTERS:
        assert set(obj[key]) == {"ok", "reason"}
        assert obj[key]["ok"] in (True, False, None)
        assert isinstance(obj[key]["reason"], str) and obj[key]["reason"]
    assert obj["score"] == sum(obj[key]["ok"] is True for key, _ in LETTERS) == a.score
    assert json.loads(json.dumps(obj, ensure_ascii=False)) == obj


def test_text_alone_leaves_achievable_and_relevant_open():
    obj = assess("Minska handläggningstiden för bygglov senast 2025-12-31").to_json("x")
    assert obj["achievable"] == {
        "ok": None,
        "reason": "kan inte bedömas utan utgångsvärde och ansvarig",
    }
    assert obj["relevant"]["ok"] is None


def test_score_fully_smart_and_weaknesses():
    full = assess(
        "Minska handläggningstiden för bygglov från 10 till 4 veckor senast 2025-12-31",
        owner="Anna Berg",
        goal_area="God ekonomi och effektiv verksamhet",
        year=2025,
        valid_goal_areas={"God ekonomi och effektiv verksamhet"},
    )
    assert full.score == 5 and full.fully_smart and full.weaknesses() == []
    vague = assess("Effektivisera verksamheten")
    assert vague.score == 0 and not vague.fully_smart
    assert vague.weaknesses() == [
        "Specifik: 'effektivisera' utan vad som ska bli bättre",
        "Mätbar: inget mätbart värde i texten",
        "Accepterad/rimlig: kan inte bedömas utan utgångsvärde och ansvarig",
        "Relevant: kan inte bedömas utan målområde",
        "Tidsatt: inget måldatum",
    ]


def test_structured_fields_without_a_target_say_the_target_is_missing():
    a = assess("Effektivisera verksamheten", owner="Anna")
    assert a.weaknesses()[1] == "Mätbar: målvärde saknas"


# -- Mätbar ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Minska handläggningstiden från 10 till 3 dagar", "från 10 till 3 dagar"),
        ("Öka andelen e-ansökningar från 35 % till 80 %", "från 35 till 80 %"),
        ("Minst 90 % av fakturorna ska hanteras automatiskt", "målvärde 90 %"),
        ("Handläggningstiden ska vara högst 10 dagar", "målvärde 10 dagar"),
        ("Halvera antalet leverantörsfakturor på papper", "halvering"),
        ("Fördubbla antalet e-tjänster", "fördubbling"),
        ("Minska kostnaden för porto med 200 tkr", "förändring med 200 tkr"),
        ("Spara 2 mnkr per år på utskrifter", "målvärde 2 mnkr"),
        ("Reduce printing costs by SEK 150,000 a year", "belopp SEK 150,000"),
        ("Minska antalet klagomål med en tredjedel", "förändring med en tredjedel"),
        ("Öka nöjd-kund-index till 72", "målvärde 72"),
        ("Protokoll ska publiceras inom 2 dagar", "målvärde 2 dagar"),
        ("Halve waiting times at the contact centre", "halvering"),
        ("Double the number of e-services", "fördubbling"),
        ("Increase the share of invoices handled automatically to 90%", "målvärde 90 %"),
        ("Öka från 0 till 1 000 personer", "från 0 till 1 000 personer"),
    ],
)
def test_measurable_values_in_the_text(text, reason):
    v = assess(text).measurable
    assert v == Verdict(True, reason)


@pytest.mark.parametrize(
    "text",
    [
        "Minska handläggningstiden för bygglov",
        "Alla elever ska ha en egen dator senast 2025-06-30",
        "Inom 12 månader ska vårdnadshavare kunna anmäla frånvaro",
        "Minska pappershanteringen under 2025",
        "Öka andelen digitala ansökningar jämfört med 2023",
        "Införa e-arkiv till utgången av 2026",
        "Senast Q3 2025 ska chattboten vara i drift",
        "Double registration of invoices shall stop",
        "Increase the use of e-services by December 2025",
    ],
)
def test_no_measurable_value_in_the_text(text):
    assert assess(text).measurable == Verdict(False, "inget mätbart värde i texten")


def test_a_structured_target_or_indicator_with_a_target_is_measurable():
    assert assess("Bättre service", target=3.0, unit="dagar").measurable == Verdict(
        True, "målvärde 3 dagar"
    )
    assert assess("x", indicator="Handläggningstid", baseline=10, target=3, unit="dagar") == (
        assess("x", indicator="Handläggningstid", baseline=10, target=3, unit="dagar")
    )
    v = assess("Bättre service", indicator="Handläggningstid", baseline=10.0, target=3.0).measurable
    assert v == Verdict(True, "från 10 till 3")


def test_an_indicator_without_a_target_is_not_measurable():
    v = assess("Förbättra servicen", indicator="Nöjd-kund-index").measurable
    assert v.ok is False and "målvärde saknas" in v.reason


# -- Tidsatt --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Införa e-arkiv senast 2025-06-30", "måldatum 2025-06-30"),
        ("Införa e-arkiv under 2024", "under 2024"),
        ("Införa e-arkiv till utgången av 2026", "till utgången av 2026"),
        ("Införa e-arkiv inom 12 månader", "inom 12 månader"),
        ("Införa e-arkiv senast första kvartalet 2025", "senast första kvartalet 2025"),
        ("Införa e-arkiv senast Q3 2025", "senast Q3 2025"),
        ("Införa e-arkiv inom två år", "inom två år"),
        ("Införa e-arkiv från och med 1 mars 2025", "från och med 1 mars 2025"),
        ("Öka andelen elever under läsåret 2025/26", "under läsåret 2025/26"),
        ("Minska pappret med 50 % jämfört med 2023 senast 2026-06-30", "måldatum 2026-06-30"),
        ("Introduce an e-archive by December 2025", "by December 2025"),
        ("Introduce an e-archive within 18 months", "within 18 months"),
        ("Introduce an e-archive by the end of 2026", "by the end of 2026"),
        ("By 2026, 80% of applications will be digital", "By 2026"),
        ("Pupils get their timetable in the app from autumn 2025", "from autumn 2025"),
    ],
)
def test_deadlines_in_the_text(text, reason):
    assert assess(text).time_bound == Verdict(True, reason)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Minska energin med 15 % jämfört med 2023",
            "'jämfört med 2023' är ett basår, inte ett måldatum",
        ),
        ("Öka andelen till 70 % årligen", "'årligen' är en frekvens, inte ett måldatum"),
        ("Minska störningarna från 12 till 3 per år", "'per år' är en frekvens, inte ett måldatum"),
        (
            "Cut paper forms by 70% compared with 2023",
            "'compared with 2023' är ett basår, inte ett måldatum",
        ),
        ("Answer 80% of calls, measured monthly", "'monthly' är en frekvens, inte ett måldatum"),
        ("Minska handläggningstiden snarast", "'snarast' är inget måldatum"),
        ("På sikt ska alla ärenden hanteras digitalt", "'på sikt' är inget måldatum"),
        (
            "Trygghetslarm ska åtgärdas inom 30 minuter",
            "'inom 30 minuter' är en svarstid, inte ett måldatum",
        ),
        ("Arbeta i linje med Agenda 2030", "inget måldatum"),
        ("Effektivisera verksamheten", "inget måldatum"),
    ],
)
def test_not_deadlines(text, reason):
    assert assess(text).time_bound == Verdict(False, reason)


@pytest.mark.parametrize(
    ("text", "measurable", "time_bound"),
    [
        ("Öka antalet besök från 1500 till 2000", "från 1500 till 2000", None),
        ("Öka till 2000 besök senast 2026", "målvärde 2000 besök", "senast 2026"),
        ("Införa e-arkiv från 2024 till 2026", None, "till 2026"),
        ("Införa e-arkiv under år 2025", None, "under år 2025"),
        ("Införa e-arkiv per den 31 december 2025", None, "per den 31 december 2025"),
    ],
)
def test_years_and_values_that_look_alike(text, measurable, time_bound):
    a = assess(text)
    assert a.measurable.ok is (measurable is not None)
    if measurable:
        assert a.measurable.reason == measurable
    assert a.time_bound.ok is (time_bound is not None)
    if time_bound:
        assert a.time_bound.reason == time_bound


def test_a_deadline_in_the_text_before_the_goals_year_is_not_a_deadline():
    assert assess("Införa e-arkiv senast 2023", year=2024).time_bound == Verdict(
        False, "'senast 2023' ligger före 2024"
    )
    assert assess("Införa e-arkiv senast 2025", year=2024).time_bound.ok is True


def test_a_structured_deadline_counts_unless_it_precedes_the_goals_year():
    day = dt.date(2025, 6, 30)
    assert assess("Effektivisera", deadline=day).time_bound == Verdict(True, "måldatum 2025-06-30")
    late = assess("Effektivisera", deadline=day, year=2026).time_bound
    assert late.ok is False and "2025-06-30" in late.reason


# -- Specifik -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Minska handläggningstiden för bygglov",
        "Öka andelen ansökningar om ekonomiskt bistånd som görs via e-tjänst",
        "Minska väntetiden i kontaktcentrets telefonkö",
        "Digitalisera ansökan om bygglov",
        "Automatisera utbetalningarna av ekonomiskt bistånd",
        "Säkerställa att alla elever har en egen digital enhet",
        "Färre samtal till kontaktcenter om snöröjning",
        "Reduce the processing time for building permits",
        "Ensure that all case workers in social services use the new system",
        "Make all council minutes searchable online",
        "Improve processing times for financial assistance",
        "Pupils will get their timetable in the school app",
    ],
)
def test_specific_names_what_changes_and_where_or_for_whom(text):
    v = assess(text).specific
    assert v.ok is True and v.reason.startswith("vad: ")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Effektivisera verksamheten", "'effektivisera' utan vad som ska bli bättre"),
        ("Förbättra servicen till medborgarna", "'förbättra' utan vad som ska bli bättre"),
        ("Utveckla e-tjänsterna för bygglov", "'utveckla' utan vad som ska bli bättre"),
        ("Säkerställa god kvalitet", "'säkerställa' utan vad som ska bli bättre"),
        (
            "Skapa förutsättningar för ökad digitalisering",
            "'skapa förutsättningar' utan vad som ska bli bättre",
        ),
        ("Improve efficiency", "'improve' utan vad som ska bli bättre"),
        ("Streamline the payroll process", "'streamline' utan vad som ska bli bättre"),
        ("Digitala detaljplaner", smart.HEADING),
        ("E-arkiv", smart.HEADING),
        ("Digital frånvaroanmälan i grundskolan", smart.HEADING),
        ("Digital building permits", smart.HEADING),
        ("Minska antalet dubbelregistreringar", "'antalet' utan verksamhet eller målgrupp"),
        ("Reduce costs", "'costs' utan verksamhet eller målgrupp"),
    ],
)
def test_not_specific(text, reason):
    assert assess(text).specific == Verdict(False, reason)


def test_word_lists_are_case_insensitive_and_find_swedish_compounds():
    for text in (
        "MINSKA HANDLÄGGNINGSTIDEN FÖR BYGGLOV",
        "Minska bygglovshandläggningstiden i Åre",
    ):
        assert assess(text).specific.ok is True, text


def test_every_term_of_a_word_list_starts_with_a_letter():
    with pytest.raises(ValueError):
        smart._lexicon(r"\w*tid")
    assert smart._lexicon(r"\bandel", "faktur").search("leverantörsfakturor").group(0) == "faktur"
    assert smart._lexicon(r"\bandel").search("handel") is None


def test_a_structured_indicator_names_what_changes():
    text = "Förbättra servicen till medborgarna"
    assert assess(text).specific.ok is False
    v = assess(text, indicator="Nöjd-kund-index").specific
    assert v.ok is True and "Nöjd-kund-index" in v.reason


# -- Accepterad/rimlig ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fields", "reason"),
    [
        ("Öka andelen e-fakturor från 80 till 120 %", {}, "målvärdet 120 % är över 100 %"),
        ("Öka andelen e-fakturor till 150 %", {}, "målvärdet 150 % är över 100 %"),
        ("Minska kostnaderna för porto med 150 %", {}, "en minskning med 150 % är omöjlig"),
        (
            "Öka andelen protokoll som signeras digitalt från 0 till 100 % inom en månad",
            {},
            "från 0 till 100 % inom en månad är inte rimligt",
        ),
        (
            "Minska väntetiden i växeln från 2 till 6 minuter",
            {},
            "'minska' men målvärdet 6 är högre än utgångsvärdet 2",
        ),
        (
            "Öka andelen e-fakturor",
            {"baseline": 60.0, "target": 40.0, "unit": "%", "owner": "Anna"},
            "'öka' men målvärdet 40 är lägre än utgångsvärdet 60",
        ),
        (
            "Andel e-fakturor",
            {"target": 120.0, "unit": "%", "owner": "Anna"},
            "målvärdet 120 % är över 100 %",
        ),
        ("Minska handläggningstiden", {"baseline": 10.0, "target": 3.0}, "ansvarig saknas"),
        ("Minska handläggningstiden", {"deadline": dt.date(2025, 6, 30)}, "ansvarig saknas"),
        ("Minska handläggningstiden", {"owner": "  "}, "ansvarig saknas"),
    ],
)
def test_not_achievable(text, fields, reason):
    assert assess(text, **fields).achievable == Verdict(False, reason)


@pytest.mark.parametrize(
    ("text", "fields", "reason"),
    [
        (
            "Minska handläggningstiden",
            {"baseline": 10.0, "target": 3.0, "unit": "dagar", "owner": "Anna Berg"},
            "från 10 till 3 är rimligt, ansvarig Anna Berg",
        ),
        (
            "Minska handläggningstiden från 40 till 20 dagar",
            {"owner": "Anna Berg"},
            "från 40 till 20 är rimligt, ansvarig Anna Berg",
        ),
        (
            "Öka andelen e-fakturor från 0 till 100 % senast 2026-12-31",
            {"owner": "Ekonomichefen"},
            "från 0 till 100 är rimligt, ansvarig Ekonomichefen",
        ),
        ("Införa e-arkiv", {"owner": "Arkivarien"}, "ansvarig Arkivarien"),
    ],
)
def test_achievable(text, fields, reason):
    assert assess(text, **fields).achievable == Verdict(True, reason)


@pytest.mark.parametrize(
    "text",
    [
        "Minska handläggningstiden för bygglov från 10 till 4 veckor senast 2025-12-31",
        "Minst 90 % av fakturorna ska hanteras automatiskt",
        "Effektivisera verksamheten",
    ],
)
def test_achievable_cannot_be_judged_from_a_plausible_text_alone(text):
    assert assess(text).achievable == Verdict(None, smart.NOT_JUDGED_ACHIEVABLE)
    assert smart.NOT_JUDGED_ACHIEVABLE == "kan inte bedömas utan utgångsvärde och ansvarig"


# -- Relevant -------------------------------------------------------------------------------------

AREAS = {"God ekonomi", "Fler i jobb"}
DIRECTIONS = {"Digitalt först"}


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"goal_area": "God ekonomi"}, Verdict(True, "målområde: God ekonomi")),
        (
            {"goal_area": "God ekonomi", "valid_goal_areas": AREAS, "year": 2025},
            Verdict(True, "målområde: God ekonomi"),
        ),
        (
            {
                "valid_goal_areas": AREAS,
                "valid_directions": DIRECTIONS,
                "directions": ["Digitalt först"],
            },
            Verdict(True, "strategisk inriktning: Digitalt först"),
        ),
        (
            {"goal_area": "Trygg kommun", "valid_goal_areas": AREAS, "year": 2025},
            Verdict(False, "målområdet 'Trygg kommun' gäller inte 2025"),
        ),
        (
            {
                "valid_goal_areas": AREAS,
                "valid_directions": DIRECTIONS,
                "year": 2025,
                "directions": ["Papperslöst"],
            },
            Verdict(False, "inriktningen 'Papperslöst' gäller inte 2025"),
        ),
        ({"valid_goal_areas": AREAS, "year": 2025}, Verdict(False, "inget målområde")),
        ({}, Verdict(None, "kan inte bedömas utan målområde")),
    ],
)
def test_relevant(fields, verdict):
    assert assess("Minska handläggningstiden för bygglov", **fields).relevant == verdict


# -- The table of realistic goals -----------------------------------------------------------------

THRESHOLDS = {"specific": 0.85, "measurable": 0.95, "time_bound": 0.95}


def test_the_goal_table_is_large_varied_and_unique():
    assert len(GOALS) >= 80
    assert len({g.text for g in GOALS}) == len(GOALS)
    english = [g for g in GOALS if g.text.split()[0] in {"Reduce", "Increase", "Improve", "Halve"}]
    assert len(english) >= 5
    for key in THRESHOLDS:
        values = {getattr(g, key) for g in GOALS}
        assert values == {True, False}, key


def test_agreement_with_the_goal_table():
    agree = dict.fromkeys(THRESHOLDS, 0)
    disagreements = []
    for goal in GOALS:
        a = assess(goal.text)
        for key in THRESHOLDS:
            verdict = getattr(a, key)
            if verdict.ok is getattr(goal, key):
                agree[key] += 1
            else:
                disagreements.append(
                    f"{key}: expected {getattr(goal, key)}, got {verdict.ok} "
                    f"({verdict.reason}) -- {goal.text}"
                )
    shares = {key: agree[key] / len(GOALS) for key in THRESHOLDS}
    print({key: f"{share:.1%}" for key, share in shares.items()})
    failed = {key for key, share in shares.items() if share < THRESHOLDS[key]}
    assert not failed, "\n".join([f"agreement {shares}", *disagreements])


def test_missing_or_broken_structured_values_do_not_break_the_assessment():
    a = assess("Minska handläggningstiden", target=float("nan"), baseline=float("inf"), owner="A")
    assert a.measurable == Verdict(False, "målvärde saknas")
    assert a.achievable == Verdict(True, "ansvarig A")
    one = assess("x", directions="Digitalt först", valid_directions=["Digitalt först"])
    assert one.relevant.ok is True
    for text in ("", "   ", "2025", "%", "1" * 10_000, "från till", "Q3"):
        assert assess(text).to_json(text)["score"] in range(6)
