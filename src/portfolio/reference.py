"""Municipality profiles: the reference lists each municipality starts from.

These are seed data, not code paths: `init --profile NAME` stores them, the reference-data
workbook replaces them, and every other module reads the lists from the database.
Huddinge's lists are those of the source documents (shared/spec/domain.md). Where the
documents give no value, the profile says so in a comment and uses a stated assumption.
"""

from __future__ import annotations

from portfolio.model import Administration, FundYear, Parameters, Period, Profile

DEFAULT_PROFILE = "huddinge"

_HUDDINGE_FOCUS = (
    "1. Kommungemensam möjliggörande infrastruktur",
    "2. Underlätta Huddingefamiljens kontakter med kommunen",
    "3. Robotisering och automatisering – effektiva och rättssäkra processer",
    "4. Innovation – testa, prova och skapa tillsammans",
)

HUDDINGE = Profile(
    key="huddinge",
    name="Huddinge kommun",
    administrations=(
        Administration("Kommunstyrelsens förvaltning", "KSF", ("Kommunstyrelsen",)),
        Administration(
            "Barn- och utbildningsförvaltningen", "BUF", ("Barn- och grundskolenämnden",)
        ),
        Administration(
            "Gymnasie- och arbetsmarknadsförvaltningen",
            "GAF",
            ("Gymnasie- och arbetsmarknadsnämnden",),
        ),
        Administration("Socialförvaltningen", "SOF", ("Socialnämnden",)),
        Administration("Äldreomsorgsförvaltningen", "ÄF", ("Äldreomsorgsnämnden",)),
        Administration("Kultur- och fritidsförvaltningen", "KFF", ("Kultur- och fritidsnämnden",)),
        Administration(
            "Miljö- och bygglovsförvaltningen", "MBF", ("Miljö- och samhällsskyddsnämnden",)
        ),
        Administration("Natur- och byggnadsförvaltningen", "NBF", ("Natur- och byggnadsnämnden",)),
        Administration("Samhällsbyggnadsförvaltningen", "SBF", ("Samhällsbyggnadsnämnden",)),
    ),
    goal_areas=(
        Period("Bra att leva och bo", 2019, 2020),
        Period("Utbildning med hög kvalitet", 2019, 2020),
        Period("Fler i jobb", 2019, 2020),
        Period("God omsorg för individen", 2019, 2020),
        Period("Ekosystem i balans", 2019, 2020),
        Period("Attraktiv arbetsgivare", 2019, 2020),
        Period("Sund ekonomi", 2019, 2020),
        Period("Systematisk kvalitetsutveckling", 2019, 2020),
        Period("God ekonomi och effektiv verksamhet", 2021, None),
        Period("En kommun där människor trivs och växer", 2021, None),
        Period("Naturkommun som tar klimatansvar", 2021, None),
    ),
    strategic_directions=(
        Period("1. Kundens och invånarens behov styr vårt uppdrag", 2021, 2025),
        Period("2. Ett Huddinge där digitalisering är till för alla", 2021, 2025),
        Period("3. Vi sätter informationen i centrum", 2021, 2025),
        Period("4. Vi utgår från en gemensam digital plattform", 2021, 2025),
        Period("5. Vi löser framtidens utmaningar på ett innovativt sätt", 2021, 2025),
        Period("6. Vi prioriterar säkerhetsfrågorna högt", 2021, 2025),
    ),
    # Budgets from the documents: 2 mnkr 2020, 6 mnkr 2021, then +2 mnkr a year. The focus
    # areas are documented for 2021; the same list is assumed for the other years.
    fund_years=tuple(
        FundYear(year, budget, _HUDDINGE_FOCUS)
        for year, budget in zip(
            range(2020, 2027),
            (2_000_000, 6_000_000, 8_000_000, 10_000_000, 12_000_000, 14_000_000, 16_000_000),
            strict=True,
        )
    ),
    parameters=Parameters(hourly_cost_sek=520, discount_rate=0.035, calculation_years=5),
)

_TABY_FOCUS = (
    "Digitalt ledarskap och medarbetarskap",
    "Innovationsprojekt i framkant",
    "Infrastruktur som ger möjligheter",
)

TABY = Profile(
    key="taby",
    name="Täby kommun",
    # The documents name committees, not administrations: each committee stands for the
    # administration that serves it.
    administrations=tuple(
        Administration(name, None, (name,))
        for name in (
            "Kommunstyrelsen",
            "Barn- och grundskolenämnden",
            "Gymnasie- och näringslivsnämnden",
            "Socialnämnden",
            "Stadsbyggnadsnämnden",
            "Kultur- och fritidsnämnden",
        )
    ),
    goal_areas=(
        Period("Smart och hållbar", 2018, None),
        Period("Högre kvalitet och förbättrad service", 2018, None),
        Period("Effektivare organisation", 2018, None),
    ),
    strategic_directions=tuple(Period(name, 2018, None) for name in _TABY_FOCUS),
    # Central money is applied for from the digitalisation council; the documents give no
    # amount, so 3 mnkr a year is an assumption to be replaced by the municipality.
    fund_years=tuple(FundYear(year, 3_000_000, _TABY_FOCUS) for year in range(2022, 2027)),
    parameters=Parameters(hourly_cost_sek=560, discount_rate=0.035, calculation_years=5),
)

_BURLOV_DIRECTIONS = (
    "1. Kontakten med kommunen ska vara enkel och digital först",
    "2. Vi kommunicerar digitalt först",
    "3. Vi prövar i liten skala",
    "4. Vi motverkar digitalt utanförskap",
    "5. Ledare med digital kompetens",
    "6. Säker informationshantering",
    "7. Öppna standarder och öppna data",
)

BURLOV = Profile(
    key="burlov",
    name="Burlövs kommun",
    administrations=tuple(
        Administration(name, None, (name,))
        for name in (
            "Kommunstyrelsen",
            "Miljö- och byggnadsnämnden",
            "Socialnämnden",
            "Utbildnings- och kulturnämnden",
        )
    ),
    # The documents name no council goal areas for Burlöv: the three dimensions of
    # sustainability are assumed until the municipality loads its own.
    goal_areas=(
        Period("Ekonomisk hållbarhet", 2019, None),
        Period("Social hållbarhet", 2019, None),
        Period("Ekologisk hållbarhet", 2019, None),
    ),
    strategic_directions=tuple(Period(name, 2019, 2022) for name in _BURLOV_DIRECTIONS),
    # Burlöv funds digitalisation from each committee's own budget; the "fund" here is the
    # strategic council's joint pool, 1 mnkr a year by assumption.
    fund_years=tuple(
        FundYear(year, 1_000_000, _BURLOV_DIRECTIONS[:4]) for year in range(2019, 2023)
    ),
    parameters=Parameters(hourly_cost_sek=480, discount_rate=0.035, calculation_years=5),
)

PROFILES: dict[str, Profile] = {p.key: p for p in (HUDDINGE, TABY, BURLOV)}


def profile(key: str) -> Profile:
    """The seed profile named `key`; KeyError names the valid keys."""
    try:
        return PROFILES[key]
    except KeyError:
        raise KeyError(f"okänd profil {key!r}; välj en av {', '.join(PROFILES)}") from None
