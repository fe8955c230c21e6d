"""A deterministic sample portfolio, written as the workbooks of shared/spec/workbooks.md.

The sample reads like a real municipality's: a curated catalogue of Swedish initiative
themes tied to plausible administrations, goals from fully SMART to the vague kind the
auditors criticised, benefits with and without owners, decisions that never spend more
than the year's fund budget, follow-ups with gaps, stale status reports and PM3 objekt
plans. Everything comes from `random.Random(seed)` with a fixed seed per profile and a
fixed "today" (`SAMPLE_DATE`), so two runs give identical workbooks.

`write_sample(out_dir)` writes, per profile, `out_dir/<profile>/`:
referensdata.xlsx, objekt.xlsx, ansokningar_<year>.xlsx for every fund year and, for
Huddinge, a few single-application workbooks (ansokan_<id>.xlsx) for the newest year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio.excel.export import reference_tables, write_workbook
from portfolio.excel.layout import (
    AKTIVITETER,
    ANSOKAN,
    ANSOKNINGAR,
    BESLUT,
    KOSTNADER,
    KOSTNADER_LINKED,
    LAGESRAPPORT,
    MAL,
    MAL_LINKED,
    NYTTOR,
    NYTTOR_LINKED,
    OBJEKT_SHEET,
    OBJEKTPLAN,
    UPPFOLJNING,
)
from portfolio.model import Profile
from portfolio.reference import PROFILES

Row = dict[str, Any]

# The sample's fixed "today": late 2026, after the spring decisions and the September
# status reports. Nothing in the sample depends on the real clock.
SAMPLE_DATE = dt.date(2026, 10, 15)
CURRENT_YEAR = SAMPLE_DATE.year
UNDECIDED_SHARE = 0.18  # of the newest year's applications, still waiting for a decision
# Status report dates of the last year of activity; the newest is "on time".
REPORT_DATES = (
    dt.date(2025, 6, 30),
    dt.date(2025, 12, 31),
    dt.date(2026, 4, 30),
    dt.date(2026, 9, 30),
)

# --------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------
# Sector codes: the kind of administration an initiative belongs to. Each profile maps
# them to its own administrations (Huddinge 1:1, Täby and Burlöv to their committees).
#   ksf  municipal executive office      sof  social services     af   elderly care
#   buf  pre-school and school           gaf  upper secondary, labour market
#   kff  culture and leisure             mbf  environment and building permits
#   nbf  streets, parks, property        sbf  urban planning
# Focus tags: infra, contact, comm, auto, innov, lead, incl, data, sec.
# Area tags (the council goal area an initiative serves): econ, social, eco.

# Benefit type codes of the catalogue.
_TYPE = {
    "K": "Kostnadsminskning",
    "T": "Tidsbesparing",
    "I": "Intäktsökning",
    "Q": "Kvalitet",
}


@dataclass(frozen=True)
class _Goal:
    """A measurable goal: 'Minska <phrase> från <baseline> till <target> <unit>'."""

    phrase: str
    indicator: str
    unit: str
    baseline: float
    target: float


@dataclass(frozen=True)
class _Benefit:
    """A benefit: hours a year (T), kronor a year (K, I) or an indicator (Q)."""

    name: str
    type: str  # key of _TYPE
    beneficiary: str
    amount: int = 0
    indicator: str | None = None
    baseline: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class _Theme:
    title: str
    sectors: tuple[str, ...]
    tags: tuple[str, ...]  # the first is the focus tag
    area: str
    who: str
    what: str
    why: str
    effect: str
    goal: _Goal
    benefits: tuple[_Benefit, ...]


def _t(name: str, hours: int, beneficiary: str = "Medarbetare") -> _Benefit:
    """A time saving of `hours` a year."""
    return _Benefit(name, "T", beneficiary, hours)


def _k(name: str, kronor: int, beneficiary: str = "Kommunen") -> _Benefit:
    """A cost reduction of `kronor` a year."""
    return _Benefit(name, "K", beneficiary, kronor)


def _i(name: str, kronor: int, beneficiary: str = "Kommunen") -> _Benefit:
    """A revenue increase of `kronor` a year."""
    return _Benefit(name, "I", beneficiary, kronor)


def _q(name: str, beneficiary: str, indicator: str, baseline: float, target: float) -> _Benefit:
    """A quality benefit measured by an indicator, never turned into money."""
    return _Benefit(name, "Q", beneficiary, 0, indicator, baseline, target)


# Each theme: title, sectors, tags, area, who, what, why (the user story), expected effect,
# the theme's measurable goal and its benefits.
# fmt: off
THEMES: tuple[_Theme, ...] = (
    # ---- Kommunstyrelsens förvaltning -----------------------------------------------
    _Theme(
        "Digital signering av protokoll", ("ksf",), ("auto", "sec"), "econ",
        "Nämndsekreterare och justerare",
        "digital signering av protokoll och delegationsbeslut",
        "slippa skicka papper mellan förvaltningarna och kunna publicera justerade protokoll "
        "samma vecka",
        "Protokoll justeras och anslås digitalt inom några dagar efter sammanträdet.",
        _Goal("tiden från sammanträde till justerat protokoll", "Dagar till justering",
              "dagar", 14, 4),
        (_t("Minskad tid för hantering av protokoll", 900),
         _k("Minskade kostnader för porto och utskrift", 60_000)),
    ),
    _Theme(
        "E-arkiv för slutarkivering av digitala handlingar", ("ksf",),
        ("infra", "data", "sec"), "econ",
        "Arkivarier och registratorer i alla förvaltningar",
        "ett gemensamt e-arkiv där verksamhetssystemen levererar sina handlingar",
        "bevara handlingar säkert enligt arkivlagen och kunna lämna ut allmänna handlingar "
        "snabbare",
        "Verksamhetssystem kan avvecklas utan att handlingar går förlorade.",
        _Goal("andelen verksamhetssystem som levererar till e-arkivet",
              "Anslutna verksamhetssystem", "%", 0, 60),
        (_k("Minskade kostnader för pappersarkiv", 250_000),
         _q("Snabbare utlämnande av allmänna handlingar", "Invånare",
            "Dagar till utlämnande", 5, 1),
         _k("Minskade licenskostnader för avvecklade system", 180_000)),
    ),
    _Theme(
        "Chattbot för kontaktcenter", ("ksf",), ("contact", "comm", "innov"), "social",
        "Invånare som kontaktar kommunen på kvällar och helger",
        "en chattbot som besvarar vanliga frågor dygnet runt",
        "få svar direkt utan att vänta till kontaktcentrets öppettider",
        "Kontaktcenter kan lägga mer tid på komplexa ärenden.",
        _Goal("andelen frågor som besvaras utan handläggare",
              "Andel ärenden lösta av chattbot", "%", 0, 30),
        (_t("Färre samtal till kontaktcenter", 1500),
         _q("Högre nöjdhet med kontakten med kommunen", "Invånare",
            "Nöjd-kund-index kontaktcenter", 68, 75)),
    ),
    _Theme(
        "Automatiserad fakturahantering", ("ksf",), ("auto", "data"), "econ",
        "Ekonomiassistenter på ekonomiavdelningen",
        "automatisk matchning och kontering av leverantörsfakturor",
        "slippa manuell kontering och betala fakturor i tid",
        "Färre manuella moment och inga onödiga påminnelseavgifter.",
        _Goal("andelen leverantörsfakturor som hanteras helt automatiskt",
              "Andel automatiserade fakturor", "%", 15, 60),
        (_t("Minskad manuell kontering", 2200),
         _k("Färre påminnelseavgifter och dröjsmålsräntor", 120_000)),
    ),
    _Theme(
        "Självservice för lönebesked och ledighetsansökan", ("ksf",), ("auto", "lead"), "econ",
        "Medarbetare och chefer i hela kommunen",
        "självservice i mobilen för lönebesked, ledighet och reseräkningar",
        "slippa pappersblanketter och få snabbare attest",
        "Lönecenter slipper registrera blanketter för hand.",
        _Goal("antalet manuellt registrerade blanketter hos lönecenter",
              "Manuella blanketter per månad", "st", 1200, 200),
        (_t("Minskad registrering på lönecenter", 1600),
         _k("Färre felaktiga löneutbetalningar", 90_000)),
    ),
    _Theme(
        "Öppna data-portal", ("ksf", "sbf"), ("data", "innov"), "econ",
        "Företag, forskare och invånare som vill använda kommunens data",
        "en portal där kommunens data publiceras som öppna data",
        "kunna skapa nya tjänster och få insyn utan att begära ut uppgifter",
        "Fler datamängder tillgängliga och färre begäranden om utlämnande.",
        _Goal("antalet publicerade datamängder", "Publicerade datamängder", "st", 3, 40),
        (_t("Färre förfrågningar om utlämnande av data", 300),
         _q("Ökat vidareutnyttjande av kommunens data", "Företag",
            "Nedladdningar per månad", 0, 500)),
    ),
    _Theme(
        "Gemensam e-tjänsteplattform med Mina sidor", ("ksf",), ("infra", "contact"), "econ",
        "Förvaltningar som vill erbjuda e-tjänster",
        "en gemensam plattform för e-tjänster med e-legitimation och Mina sidor",
        "kunna bygga nya e-tjänster snabbt utan egna upphandlingar",
        "En väg in för invånarna och lägre kostnader för e-tjänster.",
        _Goal("antalet e-tjänster på den gemensamma plattformen", "E-tjänster i drift",
              "st", 40, 120),
        (_k("Minskade licenskostnader för separata e-tjänstverktyg", 400_000),
         _t("Färre pappersblanketter att registrera", 2500),
         _q("Enklare att följa sina ärenden", "Invånare",
            "Inloggningar på Mina sidor per månad", 0, 4000)),
    ),
    _Theme(
        "Utbildning i digitalt ledarskap för chefer", ("ksf",), ("lead",), "econ",
        "Chefer i alla förvaltningar",
        "ett utbildningsprogram i digital ledning och förändringsarbete",
        "kunna driva verksamhetsutveckling med digitala verktyg",
        "Chefer som vågar och kan leda digital förändring.",
        _Goal("andelen chefer som genomgått utbildningen", "Andel utbildade chefer",
              "%", 10, 80),
        (_q("Bättre förmåga att leda digital förändring", "Medarbetare",
            "Andel chefer som känner sig trygga (%)", 35, 70),),
    ),
    _Theme(
        "Gemensam identitets- och behörighetshantering", ("ksf",), ("sec", "infra"), "econ",
        "IT-avdelningen och systemförvaltare",
        "en gemensam tjänst för identiteter och behörigheter med automatisk avprovisionering",
        "nya medarbetare ska få rätt behörigheter första dagen och avslutade konton stängas "
        "direkt",
        "Säkrare behörigheter och mindre manuell kontoadministration.",
        _Goal("tiden för att ge en ny medarbetare behörigheter", "Dagar till behörighet",
              "dagar", 5, 1),
        (_t("Minskad manuell kontoadministration", 1100),
         _q("Lägre risk för obehörig åtkomst", "Kommunen",
            "Konton utan aktiv anställning", 180, 0)),
    ),
    _Theme(
        "Digital post till invånare", ("ksf",), ("comm", "contact"), "eco",
        "Invånare som vill få brev från kommunen digitalt",
        "utskick av beslut och brev till digital brevlåda",
        "få besked snabbt och säkert utan pappersbrev",
        "Lägre portokostnader och snabbare besked.",
        _Goal("andelen utskick som går till digital brevlåda", "Andel digitala utskick",
              "%", 5, 50),
        (_k("Minskade portokostnader", 350_000),
         _t("Minskad tid för kuvertering", 400)),
    ),
    _Theme(
        "Digitala nämndhandlingar för förtroendevalda", ("ksf",), ("comm", "auto"), "eco",
        "Förtroendevalda och nämndsekreterare",
        "digitala möteshandlingar i läsplattor med kommentarsfunktion",
        "slippa tryck och utskick av handlingar inför varje sammanträde",
        "Inga tryckta handlingar och alltid senaste versionen.",
        _Goal("antalet utskrivna sidor inför sammanträden", "Utskrivna sidor per år",
              "st", 180_000, 20_000),
        (_k("Minskade kostnader för tryck och bud", 180_000),
         _t("Mindre tid för kopiering och utskick", 600)),
    ),
    _Theme(
        "Tillgänglig webbplats med talsyntes och lättläst", ("ksf",), ("incl", "contact"),
        "social",
        "Invånare med funktionsnedsättning eller annat modersmål",
        "talsyntes, lättläst och översättning på kommunens webbplats",
        "kunna ta del av information från kommunen på lika villkor",
        "Webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service.",
        _Goal("andelen sidor som uppfyller WCAG 2.1 AA", "Andel tillgängliga sidor",
              "%", 55, 95),
        (_q("Bättre tillgänglighet för invånare", "Invånare",
            "Andel tillgängliga sidor (%)", 55, 95),),
    ),
    _Theme(
        "Digital medborgardialog", ("ksf", "sbf"), ("innov", "comm"), "social",
        "Invånare som vill påverka kommunens planer",
        "en digital plattform för medborgardialog och förslag",
        "kunna tycka till utan att gå på möten dagtid",
        "Fler och bredare grupper deltar i dialogen.",
        _Goal("antalet invånare som deltar i dialoger", "Deltagare per år", "personer",
              300, 1500),
        (_q("Fler röster i medborgardialogen", "Invånare", "Deltagare per år", 300, 1500),
         _k("Minskade kostnader för dialogmöten", 70_000)),
    ),
    _Theme(
        "Digital arbetsplats med samarbetsverktyg", ("ksf",), ("infra", "lead"), "econ",
        "Medarbetare som arbetar på flera arbetsplatser",
        "en digital arbetsplats med gemensam lagring, chatt och videomöten",
        "kunna samarbeta över förvaltningsgränser och hålla möten utan resor",
        "Färre resor och enklare samarbete.",
        _Goal("andelen medarbetare som använder de gemensamma verktygen",
              "Andel aktiva användare", "%", 30, 90),
        (_t("Minskad restid till möten", 3000),
         _k("Minskade resekostnader", 150_000)),
    ),
    # ---- Socialförvaltningen ----------------------------------------------------------
    _Theme(
        "RPA i ekonomiskt bistånd", ("sof",), ("auto", "data"), "econ",
        "Handläggare inom ekonomiskt bistånd",
        "automatiserad handläggning av återkommande utbetalningar",
        "frigöra tid till klientarbete och minska risken för felaktiga utbetalningar",
        "Snabbare besked till sökande och mer tid för stödjande samtal.",
        _Goal("handläggningstiden för ekonomiskt bistånd", "Handläggningstid", "dagar", 10, 3),
        (_t("Frigjord handläggartid", 3500),
         _k("Färre felaktiga utbetalningar", 300_000),
         _q("Snabbare besked till sökande", "Invånare", "Handläggningstid (dagar)", 10, 3)),
    ),
    _Theme(
        "E-tjänst för ansökan om ekonomiskt bistånd", ("sof",), ("contact", "incl"), "social",
        "Sökande av ekonomiskt bistånd",
        "kunna ansöka och komplettera med underlag digitalt",
        "slippa besök på kontoret och få snabbare beslut",
        "Fler ansökningar kommer in kompletta.",
        _Goal("andelen ansökningar som görs digitalt", "Andel digitala ansökningar",
              "%", 20, 75),
        (_t("Mindre tid för registrering av ansökningar", 1800),
         _q("Färre besök i receptionen", "Invånare", "Besök per vecka", 120, 50)),
    ),
    _Theme(
        "Digitala möten för biståndshandläggning", ("sof", "af"), ("contact", "comm"),
        "social",
        "Biståndshandläggare, enskilda och deras anhöriga",
        "säkra digitala möten för utredningssamtal och uppföljning",
        "slippa resor och kunna hålla fler möten på kortare tid",
        "Kortare väntetid på utredningssamtal.",
        _Goal("andelen uppföljningsmöten som hålls digitalt", "Andel digitala möten",
              "%", 0, 40),
        (_t("Minskad restid för handläggare", 1200),
         _k("Minskade reskostnader", 80_000)),
    ),
    _Theme(
        "Taligenkänning för dokumentation i socialtjänsten", ("sof",), ("innov", "auto"),
        "econ",
        "Socialsekreterare",
        "taligenkänning för journalanteckningar",
        "lägga mindre tid på dokumentation och mer tid på klienterna",
        "Journalerna skrivs direkt efter samtalen.",
        _Goal("tiden för dokumentation per journalanteckning", "Minuter per anteckning",
              "minuter", 25, 12),
        (_t("Minskad dokumentationstid", 2000),),
    ),
    _Theme(
        "E-tjänst för orosanmälan", ("sof",), ("contact", "sec"), "social",
        "Skolor, vårdgivare och allmänhet som gör orosanmälningar",
        "en säker e-tjänst för orosanmälan direkt till socialtjänstens mottagning",
        "anmälningar ska nå rätt handläggare snabbt och säkert",
        "Skyddsbedömningar görs samma dag.",
        _Goal("tiden från anmälan till registrering", "Timmar till registrering",
              "timmar", 48, 4),
        (_t("Minskad registrering av pappersanmälningar", 700),
         _q("Snabbare skyddsbedömning", "Invånare",
            "Andel bedömda inom 24 timmar (%)", 70, 98)),
    ),
    _Theme(
        "Automatisk inhämtning av uppgifter från andra myndigheter", ("sof",),
        ("auto", "data"), "econ",
        "Handläggare inom ekonomiskt bistånd",
        "automatisk inhämtning av uppgifter från Försäkringskassan, CSN och Skatteverket",
        "slippa begära in papper från sökande och minska felaktiga utbetalningar",
        "Färre kompletteringar och säkrare beslut.",
        _Goal("andelen ärenden där underlag hämtas automatiskt",
              "Andel ärenden med automatisk inhämtning", "%", 0, 90),
        (_t("Minskad tid för kontroll av underlag", 1400),
         _k("Färre felaktiga utbetalningar", 250_000)),
    ),
    _Theme(
        "Digitalt bildstöd i LSS-boenden", ("sof",), ("incl", "innov"), "social",
        "Brukare och personal i LSS-boenden",
        "bildstöd och digitala scheman i surfplatta",
        "brukarna ska kunna planera sin dag mer självständigt",
        "Ökad självständighet och färre frågor till personalen.",
        _Goal("andelen brukare med digitalt bildstöd", "Andel brukare med bildstöd",
              "%", 10, 80),
        (_q("Ökad självständighet för brukare", "Invånare",
            "Andel brukare med digitalt bildstöd (%)", 10, 80),
         _t("Mindre tid för muntliga påminnelser", 400)),
    ),
    _Theme(
        "Vägledande e-tjänst för stöd till egenföretagare", ("sof", "gaf"), ("contact",),
        "social",
        "Egenföretagare som behöver tillfälligt stöd",
        "en vägledande e-tjänst som visar vilka underlag som krävs",
        "lämna en komplett ansökan första gången",
        "Färre kompletteringar och kortare handläggningstid.",
        _Goal("andelen ansökningar som är kompletta vid första inlämning",
              "Andel kompletta ansökningar", "%", 35, 70),
        (_t("Färre kompletteringar att hantera", 500),
         _q("Tydligare vägledning till sökande", "Företag",
            "Andel kompletta ansökningar (%)", 35, 70)),
    ),
    # ---- Äldreomsorgsförvaltningen ----------------------------------------------------
    _Theme(
        "Nyckelfria lås i hemtjänsten", ("af",), ("auto", "sec"), "econ",
        "Hemtjänstpersonal",
        "digitala nyckelfria lås hos brukarna",
        "slippa hämta och lämna nycklar och minska risken för borttappade nycklar",
        "Mer tid hos brukarna och färre låsbyten.",
        _Goal("tiden för nyckelhantering per medarbetare och dag", "Minuter per dag",
              "minuter", 25, 5),
        (_t("Minskad tid för nyckelhantering", 5000),
         _k("Minskade kostnader för låsbyten", 150_000)),
    ),
    _Theme(
        "Mobil dokumentation i hemtjänsten", ("af",), ("auto", "infra"), "social",
        "Undersköterskor i hemtjänsten",
        "mobil dokumentation och signering av insatser i mobilen",
        "kunna dokumentera direkt hos brukaren i stället för på kontoret",
        "Mer tid hos brukaren och bättre kvalitet i journalen.",
        _Goal("andelen insatser som dokumenteras direkt hos brukaren",
              "Andel mobilt dokumenterade insatser", "%", 20, 90),
        (_t("Minskad tid för dokumentation på kontoret", 4000),
         _q("Mer tid hos brukaren", "Invånare", "Andel av arbetstiden hos brukare (%)",
            55, 65)),
    ),
    _Theme(
        "Digitala trygghetslarm", ("af",), ("infra", "sec"), "social",
        "Äldre som bor hemma med trygghetslarm",
        "digitala trygghetslarm med larmmottagning via mobilnätet",
        "larmen ska fungera när det analoga telenätet släcks",
        "En säker larmkedja för alla med trygghetslarm.",
        _Goal("andelen trygghetslarm med digital överföring", "Andel digitala larm",
              "%", 0, 100),
        (_q("Säkrare larmkedja", "Invånare", "Larm som inte når fram per månad", 12, 0),
         _k("Lägre kostnad för larmmottagning", 200_000)),
    ),
    _Theme(
        "Wi-Fi i äldreboenden", ("af",), ("infra", "incl"), "social",
        "Boende, anhöriga och personal på äldreboenden",
        "trådlöst nätverk i alla särskilda boenden",
        "kunna använda digitala hjälpmedel, videosamtal och mobil dokumentation",
        "Grund för välfärdsteknik på alla boenden.",
        _Goal("andelen äldreboenden med fullt trådlöst nätverk", "Andel boenden med Wi-Fi",
              "%", 20, 100),
        (_q("Boende kan ha videosamtal med anhöriga", "Invånare",
            "Andel boenden med Wi-Fi (%)", 20, 100),
         _t("Mindre tid för dokumentation vid stationära datorer", 800)),
    ),
    _Theme(
        "Digital nattillsyn med kamera", ("af", "sof"), ("innov",), "social",
        "Brukare som har tillsyn nattetid",
        "digital tillsyn med kamera nattetid efter samtycke",
        "få tillsyn utan att väckas av personal som öppnar dörren",
        "Ostörd nattsömn och färre bilresor nattetid.",
        _Goal("antalet fysiska tillsynsbesök nattetid", "Tillsynsbesök per natt",
              "st", 120, 70),
        (_t("Färre tillsynsbesök på natten", 3000),
         _q("Ostörd nattsömn för brukare", "Invånare",
            "Andel brukare som upplever ostörd sömn (%)", 50, 85),
         _k("Minskade kostnader för bilresor nattetid", 180_000)),
    ),
    _Theme(
        "Digitala läkemedelsautomater i hemtjänsten", ("af",), ("innov", "auto"), "social",
        "Brukare med läkemedel i hemtjänsten",
        "läkemedelsautomater som påminner och delar ut rätt dos",
        "kunna ta sina läkemedel i rätt tid utan hembesök",
        "Färre missade doser och frigjord tid i hemtjänsten.",
        _Goal("antalet missade läkemedelsdoser", "Missade doser per månad", "st", 40, 5),
        (_t("Färre hembesök för läkemedelsgivning", 2500),
         _q("Färre missade läkemedelsdoser", "Invånare", "Missade doser per månad", 40, 5)),
    ),
    _Theme(
        "Digital planering av hemtjänstinsatser", ("af",), ("auto", "data"), "eco",
        "Planerare i hemtjänsten",
        "ett digitalt planeringsverktyg med ruttoptimering",
        "minska restiden mellan brukarna och få kontinuitet i bemanningen",
        "Kortare körsträckor och fler besök av samma personal.",
        _Goal("restiden mellan besök", "Restid per besök", "minuter", 14, 9),
        (_t("Minskad restid mellan brukare", 3000),
         _k("Lägre kostnader för bilar och drivmedel", 220_000)),
    ),
    _Theme(
        "Digitala ambassadörer i äldreomsorgen", ("af",), ("lead", "incl"), "social",
        "Medarbetare i äldreomsorgen",
        "digitala ambassadörer som lär kollegor nya verktyg på arbetsplatsen",
        "alla ska känna sig trygga med mobil dokumentation och välfärdsteknik",
        "Nya digitala arbetssätt används i hela verksamheten.",
        _Goal("andelen medarbetare som känner sig trygga med digitala verktyg",
              "Andel trygga medarbetare", "%", 45, 80),
        (_q("Ökad digital kompetens hos personalen", "Medarbetare",
            "Andel medarbetare som känner sig trygga (%)", 45, 80),),
    ),
    # ---- Barn- och utbildningsförvaltningen ------------------------------------------
    _Theme(
        "Digital närvarohantering i förskolan", ("buf",), ("auto", "contact"), "econ",
        "Pedagoger och vårdnadshavare i förskolan",
        "digital in- och utcheckning och frånvaroanmälan i en app",
        "ha säker koll på vilka barn som är på plats och slippa pappersrutiner",
        "Säker närvaro vid utrymning och korrekt debitering av avgifter.",
        _Goal("tiden för närvarohantering per avdelning och vecka", "Timmar per vecka",
              "timmar", 3, 0.5),
        (_t("Minskad tid för närvaroregistrering", 6000),
         _q("Säkrare koll på närvarande barn vid utrymning", "Invånare",
            "Andel avdelningar med digital närvaro (%)", 0, 100),
         _i("Färre missade avgifter för barnomsorg", 150_000)),
    ),
    _Theme(
        "E-tjänst för förskoleplats och skolval", ("buf",), ("contact",), "social",
        "Vårdnadshavare",
        "kunna ansöka om förskoleplats och göra skolval digitalt",
        "slippa blanketter och få besked snabbare",
        "Placeringar görs snabbare och med färre fel.",
        _Goal("andelen ansökningar om förskoleplats som görs digitalt",
              "Andel digitala ansökningar", "%", 60, 95),
        (_t("Mindre tid för registrering av ansökningar", 1300),
         _q("Snabbare placeringsbesked", "Invånare", "Dagar till besked", 30, 10)),
    ),
    _Theme(
        "Digital frånvaroanmälan i grundskolan", ("buf",), ("contact", "auto"), "social",
        "Vårdnadshavare och mentorer",
        "digital frånvaroanmälan med automatisk avisering vid ogiltig frånvaro",
        "skolan ska veta direkt när en elev saknas",
        "Snabbare insatser vid problematisk frånvaro.",
        _Goal("andelen vårdnadshavare som aviseras samma dag vid ogiltig frånvaro",
              "Andel aviserade samma dag", "%", 40, 98),
        (_t("Mindre tid för telefonsamtal om frånvaro", 2500),
         _q("Snabbare kontakt vid ogiltig frånvaro", "Invånare",
            "Andel aviserade samma dag (%)", 40, 98)),
    ),
    _Theme(
        "Elevdatorer och digitala läromedel i grundskolan", ("buf",), ("infra", "incl"),
        "social",
        "Elever i årskurs 4–9",
        "en egen elevdator och digitala läromedel",
        "klara de digitala nationella proven och utveckla sin digitala kompetens",
        "Likvärdig tillgång till digitala verktyg i alla skolor.",
        _Goal("antalet elever per dator", "Elever per dator", "st", 3, 1),
        (_q("Likvärdig tillgång till digitala verktyg", "Invånare", "Elever per dator", 3, 1),
         _k("Minskade kostnader för tryckta läromedel", 400_000)),
    ),
    _Theme(
        "Automatiserad schemaläggning i förskolan", ("buf",), ("auto",), "econ",
        "Förskolechefer och planerare",
        "automatiserad schemaläggning av personal utifrån barnens vistelsetider",
        "minska tiden för planering och undvika övertid",
        "Bättre bemanning när barnen är på plats.",
        _Goal("tiden för schemaläggning per förskola och månad", "Timmar per månad",
              "timmar", 20, 6),
        (_t("Mindre tid för schemaläggning", 2800),
         _k("Minskade kostnader för vikarier", 500_000)),
    ),
    _Theme(
        "Digital kartläggning av läsförmåga", ("buf",), ("innov", "data"), "social",
        "Lärare i lågstadiet",
        "ett digitalt screeningverktyg för läsförmåga",
        "upptäcka elever i behov av stöd tidigare",
        "Fler elever får rätt stöd tidigt.",
        _Goal("andelen elever som når kravnivån i läsning i årskurs 1",
              "Andel elever över kravnivån", "%", 78, 88),
        (_q("Tidigare upptäckt av lässvårigheter", "Invånare",
            "Andel elever som når kravnivån i åk 1 (%)", 78, 88),
         _t("Mindre tid för manuella lästester", 900)),
    ),
    _Theme(
        "Digital elevhälsojournal", ("buf", "gaf"), ("sec", "data"), "social",
        "Skolsköterskor, kuratorer och psykologer",
        "en gemensam digital elevhälsojournal",
        "kunna dokumentera säkert och dela information inom elevhälsan",
        "Inga pappersjournaler och säker informationsöverföring mellan skolor.",
        _Goal("antalet pappersjournaler i elevhälsans arkiv", "Pappersjournaler",
              "st", 4000, 0),
        (_t("Mindre tid för journalhantering", 1500),
         _q("Säkrare hantering av känsliga uppgifter", "Kommunen",
            "Pappersjournaler i arkiv", 4000, 0)),
    ),
    # ---- Gymnasie- och arbetsmarknadsförvaltningen -----------------------------------
    _Theme(
        "Läsplattor för gymnasiet", ("gaf",), ("incl", "infra"), "social",
        "Gymnasieelever på introduktionsprogrammen",
        "läsplattor med digitala läromedel och inläsningstjänst",
        "få stöd i sitt lärande oavsett språk och läsförmåga",
        "Fler elever blir behöriga till ett nationellt program.",
        _Goal("andelen elever som blir behöriga till nationellt program",
              "Andel behöriga elever", "%", 35, 45),
        (_k("Minskade kostnader för tryckta läromedel", 300_000),
         _q("Fler elever som blir behöriga", "Invånare",
            "Andel behöriga till nationellt program (%)", 35, 45)),
    ),
    _Theme(
        "Digital matchning för arbetsmarknadsinsatser", ("gaf",), ("innov", "data"), "econ",
        "Arbetssökande och arbetsmarknadskonsulenter",
        "en digital matchningstjänst mellan arbetssökande och arbetsgivare",
        "fler ska komma i arbete snabbare",
        "Kortare tid med försörjningsstöd.",
        _Goal("tiden från inskrivning till arbete eller studier", "Månader till arbete",
              "månader", 14, 9),
        (_k("Minskade kostnader för ekonomiskt bistånd", 900_000),
         _t("Mindre tid för manuell matchning", 1200),
         _q("Fler arbetsgivare som tar emot praktikanter", "Företag",
            "Anslutna arbetsgivare", 40, 120)),
    ),
    _Theme(
        "E-tjänst för ansökan till Komvux", ("gaf",), ("contact",), "social",
        "Vuxna som vill studera på Komvux",
        "kunna ansöka till kurser digitalt med e-legitimation",
        "slippa pappersansökan och få antagningsbesked snabbare",
        "Snabbare antagning och färre ofullständiga ansökningar.",
        _Goal("tiden till antagningsbesked", "Dagar till besked", "dagar", 21, 5),
        (_t("Mindre tid för registrering av ansökningar", 1000),
         _q("Snabbare antagningsbesked", "Invånare", "Dagar till besked", 21, 5)),
    ),
    _Theme(
        "Digital plattform för arbetsplatsförlagt lärande", ("gaf",), ("auto", "comm"), "econ",
        "Elever, handledare och APL-samordnare",
        "en digital plattform för platser, närvaro och bedömningar under APL",
        "hålla ordning på praktikplatserna och slippa pappersblanketter",
        "Bättre överblick över praktikplatser och bedömningar.",
        _Goal("tiden för administration av APL per elev", "Timmar per elev", "timmar", 4, 1.5),
        (_t("Mindre administration för APL-samordnare", 900),
         _q("Enklare för arbetsgivare att vara handledare", "Företag",
            "Nöjdhet bland handledare (%)", 60, 80)),
    ),
    _Theme(
        "Provmiljö för digitala nationella prov", ("gaf", "buf"), ("infra", "sec"), "social",
        "Gymnasieskolorna",
        "ett stabilt trådlöst nät och låsta provmiljöer",
        "kunna genomföra de digitala nationella proven säkert",
        "Inga prov behöver göras om på grund av tekniska fel.",
        _Goal("antalet prov som avbryts på grund av tekniska fel", "Avbrutna prov",
              "st", 15, 0),
        (_q("Säkert genomförda digitala prov", "Invånare", "Avbrutna prov per år", 15, 0),),
    ),
    # ---- Kultur- och fritidsförvaltningen --------------------------------------------
    _Theme(
        "E-tjänst för föreningsbidrag", ("kff",), ("contact", "auto"), "social",
        "Föreningar som söker bidrag",
        "en e-tjänst för ansökan och redovisning av föreningsbidrag",
        "slippa pappersblanketter och få besked snabbare",
        "Kortare handläggning och enklare redovisning för föreningarna.",
        _Goal("handläggningstiden för föreningsbidrag", "Handläggningstid", "dagar", 45, 15),
        (_t("Mindre tid för registrering av bidragsansökningar", 700),
         _q("Enklare för föreningar att söka bidrag", "Företag",
            "Nöjdhet bland föreningar (%)", 60, 80)),
    ),
    _Theme(
        "Digital lokalbokning", ("kff", "nbf"), ("contact",), "econ",
        "Föreningar och invånare som hyr idrottshallar och lokaler",
        "kunna boka och betala lokaler direkt i en e-tjänst",
        "se lediga tider och boka utan att ringa",
        "Högre beläggning i hallar och lokaler.",
        _Goal("beläggningen i idrottshallarna", "Beläggningsgrad", "%", 62, 80),
        (_i("Ökade intäkter från uthyrning av lediga tider", 350_000),
         _t("Mindre tid för bokningar per telefon", 900),
         _q("Enklare bokning för föreningar", "Företag",
            "Andel bokningar via e-tjänst (%)", 10, 80)),
    ),
    _Theme(
        "Meröppet bibliotek", ("kff",), ("innov", "incl"), "social",
        "Låntagare som vill besöka biblioteket utanför bemannade tider",
        "meröppet med passersystem och självbetjäning",
        "kunna låna och studera på kvällar och helger",
        "Längre öppettider utan ökad bemanning.",
        _Goal("antalet öppettimmar per vecka", "Öppettimmar per vecka", "timmar", 40, 84),
        (_q("Längre öppettider", "Invånare", "Öppettimmar per vecka", 40, 84),
         _t("Självbetjäning ersätter manuell utlåning", 1200)),
    ),
    _Theme(
        "E-tjänst för anmälan till kulturskolan", ("kff",), ("contact", "auto"), "econ",
        "Barn och vårdnadshavare",
        "kunna anmäla sig, se kön och betala avgiften digitalt",
        "slippa manuella köer och pappersfakturor",
        "Färre uteblivna avgifter och mindre administration.",
        _Goal("tiden för köhantering per termin", "Timmar per termin", "timmar", 120, 30),
        (_t("Mindre tid för köhantering", 600),
         _i("Färre uteblivna avgifter", 80_000)),
    ),
    _Theme(
        "Digital entré och besöksstatistik i simhallen", ("kff",), ("innov", "data"), "econ",
        "Besökare och personal i simhallen",
        "digital entré med kort och app samt automatisk besöksstatistik",
        "slippa köer i kassan och planera bemanningen efter besöksmönster",
        "Högre intäkter och bemanning efter behov.",
        _Goal("kötiden i entrén under rusningstid", "Kötid", "minuter", 12, 3),
        (_i("Ökade entréintäkter", 250_000),
         _t("Mindre tid i kassan", 500)),
    ),
    _Theme(
        "Digital hjälp för seniorer på biblioteket", ("kff",), ("incl", "lead"), "social",
        "Invånare som inte är vana vid digitala tjänster",
        "digital hjälp på biblioteket med e-legitimation, e-tjänster och videosamtal",
        "ingen ska stå utanför kommunens digitala service",
        "Minskat digitalt utanförskap.",
        _Goal("antalet invånare som fått digital hjälp", "Invånare som fått hjälp",
              "personer per år", 0, 1500),
        (_q("Minskat digitalt utanförskap", "Invånare",
            "Besökare som fått digital hjälp per år", 0, 1500),),
    ),
    # ---- Miljö- och bygglovsförvaltningen --------------------------------------------
    _Theme(
        "E-tjänst för ansökan om bygglov", ("mbf",), ("contact",), "econ",
        "Privatpersoner och företag som söker bygglov",
        "en e-tjänst för ansökan om bygglov med digitala ritningar",
        "lämna en komplett ansökan direkt och få snabbare beslut",
        "Färre ofullständiga ansökningar och kortare handläggningstid.",
        _Goal("andelen bygglovsansökningar som kommer in digitalt",
              "Andel digitala bygglovsansökningar", "%", 30, 90),
        (_t("Mindre tid för registrering och komplettering", 1800),
         _q("Kortare handläggningstid för bygglov", "Företag",
            "Handläggningstid (veckor)", 8, 5)),
    ),
    _Theme(
        "Digital tillsyn av livsmedel", ("mbf",), ("auto", "innov"), "econ",
        "Livsmedelsinspektörer",
        "en mobil inspektionsapp med digital rapport direkt efter kontrollen",
        "minska efterarbetet och skicka kontrollrapporten samma dag",
        "Fler kontroller per inspektör.",
        _Goal("tiden för efterarbete per kontroll", "Timmar efterarbete per kontroll",
              "timmar", 3, 1),
        (_t("Mindre tid för efterarbete", 1100),
         _i("Fler debiterade kontroller per år", 200_000),
         _q("Snabbare besked till livsmedelsföretagare", "Företag",
            "Dagar till kontrollrapport", 10, 1)),
    ),
    _Theme(
        "Automatiserad debitering av tillsynsavgifter", ("mbf",), ("auto",), "econ",
        "Handläggare och ekonomiadministratörer på miljöenheten",
        "automatisk debitering av tillsynsavgifter från ärendesystemet",
        "inga avgifter ska missas och faktureringen gå snabbare",
        "Alla avgifter debiteras i tid.",
        _Goal("andelen tillsynsavgifter som debiteras automatiskt",
              "Andel automatiska debiteringar", "%", 0, 85),
        (_i("Färre missade tillsynsavgifter", 300_000),
         _t("Mindre tid för manuell fakturering", 500)),
    ),
    _Theme(
        "Digitalt grannehörande i bygglovsärenden", ("mbf",), ("comm", "contact"), "eco",
        "Grannar som ska höras i bygglovsärenden",
        "kunna ta del av handlingar och lämna synpunkter digitalt",
        "korta tiden för grannehörandet",
        "Snabbare bygglov och lägre portokostnader.",
        _Goal("tiden för grannehörande", "Dagar för grannehörande", "dagar", 28, 14),
        (_k("Minskade portokostnader för rekommenderade brev", 90_000),
         _t("Mindre tid för utskick", 400)),
    ),
    _Theme(
        "Kartbaserad inventering av enskilda avlopp", ("mbf",), ("data", "innov"), "eco",
        "Miljöinspektörer",
        "en kartbaserad app för inventering av enskilda avlopp i fält",
        "inventera fler avlopp per säsong och minska övergödningen",
        "Fler åtgärdade avlopp och renare vattendrag.",
        _Goal("antalet inventerade avlopp per år", "Inventerade avlopp", "st", 150, 400),
        (_t("Mindre tid för efterarbete efter fältbesök", 600),
         _q("Fler inventerade avlopp", "Kommunen", "Inventerade avlopp per år", 150, 400)),
    ),
    # ---- Samhällsbyggnadsförvaltningen -----------------------------------------------
    _Theme(
        "Digitala detaljplaner", ("sbf",), ("data", "infra"), "econ",
        "Planarkitekter, byggherrar och bygglovshandläggare",
        "detaljplaner som maskinläsbar data enligt Boverkets föreskrifter",
        "kunna pröva bygglov snabbare och dela planerna med Lantmäteriet",
        "Planbestämmelserna kan läsas direkt i bygglovsprövningen.",
        _Goal("andelen nya detaljplaner som tas fram digitalt",
              "Andel digitala detaljplaner", "%", 0, 100),
        (_t("Snabbare tolkning av planbestämmelser", 900),
         _q("Bättre underlag för byggherrar", "Företag", "Antal digitala detaljplaner",
            0, 25)),
    ),
    _Theme(
        "Digital tvilling av kommunen i 3D", ("sbf",), ("innov", "data"), "eco",
        "Samhällsplanerare och invånare i dialog om ny bebyggelse",
        "en digital tvilling av kommunen i 3D",
        "visualisera förslag och fatta bättre beslut tidigt i planeringen",
        "Bättre beslutsunderlag och mer begriplig medborgardialog.",
        _Goal("antalet planprojekt som använder 3D-modellen", "Planprojekt med 3D",
              "st", 0, 12),
        (_q("Bättre medborgardialog", "Invånare", "Dialogtillfällen med 3D-modell", 0, 10),
         _k("Minskade kostnader för externa visualiseringar", 150_000)),
    ),
    _Theme(
        "E-tjänst för nybyggnadskarta och geodata", ("sbf",), ("contact", "data"), "econ",
        "Byggherrar och privatpersoner",
        "kunna beställa nybyggnadskarta och geodata via e-tjänst",
        "få kartan snabbare och betala direkt",
        "Kortare leveranstid och mer försåld geodata.",
        _Goal("leveranstiden för nybyggnadskarta", "Leveranstid", "dagar", 20, 7),
        (_i("Ökade intäkter från försäljning av geodata", 180_000),
         _t("Mindre tid för beställningar per e-post", 500),
         _q("Snabbare leverans till byggherrar", "Företag", "Leveranstid (dagar)", 20, 7)),
    ),
    _Theme(
        "Digital hantering av exploateringsavtal", ("sbf",), ("auto", "sec"), "econ",
        "Exploateringsingenjörer och jurister",
        "digital avtalshantering med mallar, signering och bevakning av villkor",
        "inga avtalsvillkor eller ersättningar ska missas",
        "Full kontroll över avtal och ersättningar från exploatörer.",
        _Goal("andelen exploateringsavtal med digital bevakning", "Andel bevakade avtal",
              "%", 0, 100),
        (_i("Färre missade ersättningar från exploatörer", 400_000),
         _t("Mindre tid för avtalsuppföljning", 350)),
    ),
    # ---- Natur- och byggnadsförvaltningen --------------------------------------------
    _Theme(
        "Sensorer för fuktmätning i fastigheter", ("nbf",), ("innov", "data"), "eco",
        "Fastighetsförvaltare",
        "trådlösa sensorer som mäter fukt och temperatur i skolor och förskolor",
        "upptäcka fuktskador tidigt och undvika dyra saneringar",
        "Färre fuktskador och bättre inomhusmiljö.",
        _Goal("antalet akuta fuktskador per år", "Akuta fuktskador", "st", 12, 4),
        (_k("Minskade kostnader för fuktsanering", 600_000),
         _q("Bättre inomhusmiljö", "Invånare", "Klagomål på inomhusmiljö per år", 40, 15)),
    ),
    _Theme(
        "Felanmälan för gata och park i app", ("nbf",), ("contact", "comm"), "social",
        "Invånare som ser fel i gatu- och parkmiljön",
        "felanmälan i en app med karta och bild",
        "felet ska åtgärdas snabbare och invånaren få återkoppling",
        "Snabbare åtgärder och färre samtal om samma fel.",
        _Goal("tiden från felanmälan till åtgärd", "Dagar till åtgärd", "dagar", 14, 5),
        (_t("Mindre tid för registrering av felanmälningar", 800),
         _q("Snabbare åtgärd av fel", "Invånare", "Dagar till åtgärd", 14, 5)),
    ),
    _Theme(
        "Nivågivare i papperskorgar och behovsstyrd tömning", ("nbf",), ("innov", "data"),
        "eco",
        "Renhållningsentreprenörer och parkförvaltare",
        "nivågivare i papperskorgar och optimerade tömningsrutter",
        "tömma när det behövs i stället för enligt schema",
        "Färre onödiga körningar och renare parker.",
        _Goal("antalet överfulla papperskorgar per månad", "Överfulla papperskorgar",
              "st", 60, 10),
        (_k("Färre onödiga tömningar", 300_000),
         _q("Renare parker", "Invånare", "Överfulla papperskorgar per månad", 60, 10)),
    ),
    _Theme(
        "Digital energiuppföljning i kommunala fastigheter", ("nbf",), ("data", "infra"),
        "eco",
        "Energiingenjörer och fastighetsförvaltare",
        "automatisk insamling av energidata från fastigheterna",
        "styra värme och ventilation efter verklig förbrukning",
        "Lägre energianvändning och klimatpåverkan.",
        _Goal("energianvändningen i kommunala fastigheter", "Energianvändning", "kWh/m²",
              140, 120),
        (_k("Minskade energikostnader", 800_000),
         _q("Lägre klimatpåverkan", "Kommunen", "Energianvändning (kWh/m²)", 140, 120)),
    ),
    _Theme(
        "Betalning av parkering i app", ("nbf",), ("contact",), "econ",
        "Bilister och parkeringsvakter",
        "betalning av parkering i app och digital parkeringsövervakning",
        "slippa automater och förenkla kontrollen",
        "Högre intäkter och färre automater att underhålla.",
        _Goal("andelen parkeringar som betalas i app", "Andel appbetalningar", "%", 20, 80),
        (_i("Ökade parkeringsintäkter", 400_000),
         _k("Minskade kostnader för underhåll av automater", 120_000),
         _q("Enklare betalning för besökare och företag", "Företag",
            "Andel appbetalningar (%)", 20, 80)),
    ),
    _Theme(
        "GPS-uppföljning av vinterväghållning", ("nbf",), ("auto", "data"), "econ",
        "Driftledare och invånare",
        "GPS i snöröjningsfordon och en karta över röjda gator",
        "se vad som är röjt och följa upp entreprenörerna",
        "Korrekt fakturering och färre samtal om snöröjning.",
        _Goal("antalet samtal om snöröjning per vinter", "Samtal per vinter", "st", 900, 300),
        (_k("Korrekt fakturering från entreprenörer", 250_000),
         _t("Färre samtal till kontaktcenter om snöröjning", 400)),
    ),
)

# Goals added to an application beyond the theme's own: by focus tag.
_EXTRA_GOALS: dict[str, tuple[_Goal, ...]] = {
    "contact": (
        _Goal("andelen ärenden som inleds digitalt", "Andel digitalt inkomna ärenden",
              "%", 30, 70),
        _Goal("nöjdheten med kommunens e-tjänster", "Nöjd-kund-index e-tjänster",
              "index", 62, 72),
        _Goal("antalet samtal om ärendets status", "Statusfrågor per månad",
              "samtal", 400, 150),
    ),
    "auto": (
        _Goal("andelen ärenden som handläggs automatiskt", "Andel automatiserade ärenden",
              "%", 0, 50),
        _Goal("tiden för manuell registrering", "Timmar manuell registrering per månad",
              "timmar", 120, 40),
        _Goal("andelen felregistreringar", "Andel felregistreringar", "%", 4, 1),
    ),
    "infra": (
        _Goal("andelen verksamheter som använder den gemensamma lösningen",
              "Anslutna verksamheter", "%", 10, 80),
        _Goal("antalet driftstörningar per år", "Driftstörningar", "st", 12, 3),
    ),
    "innov": (
        _Goal("antalet verksamheter som testat lösningen", "Verksamheter i pilot",
              "st", 0, 5),
        _Goal("andelen medarbetare som vill fortsätta använda lösningen efter piloten",
              "Andel positiva medarbetare", "%", 0, 75),
    ),
    "lead": (
        _Goal("andelen medarbetare som känner sig trygga med digitala verktyg",
              "Andel trygga medarbetare", "%", 45, 80),
    ),
    "incl": (
        _Goal("antalet invånare som fått digital hjälp", "Invånare som fått hjälp",
              "personer per år", 0, 1000),
    ),
}
_EXTRA_GOALS["comm"] = _EXTRA_GOALS["contact"]
_EXTRA_GOALS["data"] = _EXTRA_GOALS["auto"]
_EXTRA_GOALS["sec"] = _EXTRA_GOALS["infra"]

VAGUE_GOALS = (
    "Effektivisera verksamheten",
    "Skapa förutsättningar för ökad digitalisering",
    "Förbättra servicen till medborgarna",
    "Öka digitaliseringen i förvaltningen",
    "Modernisera arbetssätten",
    "Bättre kvalitet för brukarna",
    "Frigöra tid till kärnverksamheten",
    "Ökad tillgänglighet",
    "En mer digital förvaltning",
    "Minska pappershanteringen",
    "Nöjdare invånare",
    "Ett modernt och effektivt arbetssätt",
)

# Which goal areas, directions and focus areas fit an application: by tag.
_TAGS: dict[str, tuple[str, ...]] = {
    # Huddinge goal areas
    "God ekonomi och effektiv verksamhet": ("econ",),
    "En kommun där människor trivs och växer": ("social",),
    "Naturkommun som tar klimatansvar": ("eco",),
    "Bra att leva och bo": ("mbf", "sbf", "kff", "nbf"),
    "Utbildning med hög kvalitet": ("buf", "gaf"),
    "Fler i jobb": ("gaf",),
    "God omsorg för individen": ("sof", "af"),
    "Ekosystem i balans": ("eco",),
    "Attraktiv arbetsgivare": ("lead",),
    "Sund ekonomi": ("econ",),
    "Systematisk kvalitetsutveckling": ("ksf", "data"),
    # Huddinge directions and fund focus areas
    "1. Kundens och invånarens behov styr vårt uppdrag": ("contact", "comm"),
    "2. Ett Huddinge där digitalisering är till för alla": ("incl", "lead"),
    "3. Vi sätter informationen i centrum": ("data", "auto"),
    "4. Vi utgår från en gemensam digital plattform": ("infra",),
    "5. Vi löser framtidens utmaningar på ett innovativt sätt": ("innov",),
    "6. Vi prioriterar säkerhetsfrågorna högt": ("sec",),
    "1. Kommungemensam möjliggörande infrastruktur": ("infra", "sec", "data", "lead"),
    "2. Underlätta Huddingefamiljens kontakter med kommunen": ("contact", "comm", "incl"),
    "3. Robotisering och automatisering – effektiva och rättssäkra processer": ("auto",),
    "4. Innovation – testa, prova och skapa tillsammans": ("innov",),
    # Täby
    "Smart och hållbar": ("eco", "innov"),
    "Högre kvalitet och förbättrad service": ("social", "contact"),
    "Effektivare organisation": ("econ", "auto"),
    "Digitalt ledarskap och medarbetarskap": ("lead", "incl", "auto"),
    "Innovationsprojekt i framkant": ("innov", "contact", "comm"),
    "Infrastruktur som ger möjligheter": ("infra", "sec", "data"),
    # Burlöv
    "Ekonomisk hållbarhet": ("econ",),
    "Social hållbarhet": ("social",),
    "Ekologisk hållbarhet": ("eco",),
    "1. Kontakten med kommunen ska vara enkel och digital först": ("contact", "auto"),
    "2. Vi kommunicerar digitalt först": ("comm",),
    "3. Vi prövar i liten skala": ("innov", "infra"),
    "4. Vi motverkar digitalt utanförskap": ("incl", "lead"),
    "5. Ledare med digital kompetens": ("lead",),
    "6. Säker informationshantering": ("sec",),
    "7. Öppna standarder och öppna data": ("data", "infra"),
}

# PM3 activities by objekt kind: (name, type U/F, goal text, indicator, target).
_Act = tuple[str, str, str | None, str | None, float | None]
_ACTIVITIES: dict[str, tuple[_Act, ...]] = {
    "utbildning": (
        ("Införa digital närvarohantering i förskolan", "U",
         "Digital närvaro i alla förskolor", "Andel förskolor med digital närvaro (%)", 100),
        ("Byte av lärplattform i grundskolan", "U",
         "Alla skolor använder den nya lärplattformen", "Andel skolor på ny plattform (%)",
         100),
        ("Uppgradering av elevregistret", "F", None, None, None),
        ("Förvaltning av elevdatorer och licenser", "F", None, None, None),
        ("Provmiljö för digitala nationella prov", "U",
         "Inga prov avbryts av tekniska fel", "Avbrutna prov", 0),
        ("Behörighetsöversyn i skolans system", "F", None, None, None),
        ("Integration mellan schemasystem och lärplattform", "U", None, None, None),
        ("Support och utbildning för lärare", "F",
         "Lärarna är nöjda med supporten", "Nöjdhet med support (%)", 80),
    ),
    "omsorg": (
        ("Införa mobil dokumentation i hemtjänsten", "U",
         "Mobil dokumentation i alla hemtjänstgrupper",
         "Andel grupper med mobil dokumentation (%)", 100),
        ("Uppgradering av verksamhetssystemet för socialtjänsten", "F", None, None, None),
        ("Utrullning av nyckelfria lås", "U",
         "Digitala lås hos alla brukare med hemtjänst", "Brukare med digitala lås", 1500),
        ("Förvaltning av trygghetslarm", "F", None, None, None),
        ("Automatisering av utbetalningar i ekonomiskt bistånd", "U",
         "Majoriteten av utbetalningarna automatiseras",
         "Andel automatiserade utbetalningar (%)", 60),
        ("Behörighetsrevision i journalsystemet", "F",
         "Alla behörigheter granskade", "Andel granskade behörigheter (%)", 100),
        ("E-tjänst för ansökan om bistånd", "U", None, None, None),
        ("Utbildning av superanvändare", "F", None, None, None),
    ),
    "samhalle": (
        ("Digitala detaljplaner enligt Boverkets föreskrifter", "U",
         "Alla nya detaljplaner tas fram digitalt", "Andel digitala detaljplaner (%)", 100),
        ("Förvaltning av kartdatabasen", "F", None, None, None),
        ("Vidareutveckling av e-tjänsten för bygglov", "U",
         "Nästan alla bygglovsansökningar kommer in digitalt",
         "Andel digitala bygglovsansökningar (%)", 90),
        ("Uppgradering av ärendesystemet för bygglov", "F", None, None, None),
        ("Sensorer i kommunala fastigheter", "U", None, None, None),
        ("Ajourhållning av baskartan", "F", None, None, None),
        ("3D-modell för planering", "U", None, None, None),
        ("Avtalsuppföljning för GIS-system", "F", None, None, None),
    ),
    "ekonomi": (
        ("Automatiserad fakturahantering", "U",
         "De flesta fakturor konteras automatiskt",
         "Andel automatiskt konterade fakturor (%)", 70),
        ("Årlig uppgradering av ekonomisystemet", "F", None, None, None),
        ("Självservice i lönesystemet", "U", None, None, None),
        ("Förvaltning av HR-systemet", "F", None, None, None),
        ("Digital signering av avtal", "U",
         "Avtal signeras digitalt", "Andel digitalt signerade avtal (%)", 90),
        ("Bokslutsstöd och rapporter", "F", None, None, None),
        ("Beslutsstöd med nyckeltal", "U", None, None, None),
    ),
    "kontakt": (
        ("Chattbot på webbplatsen", "U",
         "En tredjedel av frågorna löses av chattboten", "Andel lösta frågor (%)", 30),
        ("Förvaltning av e-tjänsteplattformen", "F", None, None, None),
        ("Mina sidor för invånare", "U", None, None, None),
        ("Uppgradering av telefonisystemet för kontaktcenter", "F", None, None, None),
        ("Digital brevlåda för utskick", "U",
         "Hälften av utskicken går digitalt", "Andel digitala utskick (%)", 50),
        ("Tillgänglighetsgranskning av webbplatsen", "F",
         "Webbplatsen uppfyller WCAG 2.1 AA", "Andel tillgängliga sidor (%)", 95),
        ("Nya e-tjänster för tillstånd", "U", None, None, None),
    ),
    "kultur": (
        ("Meröppet på biblioteken", "U",
         "Meröppet på alla bibliotek", "Antal meröppna bibliotek", 4),
        ("Förvaltning av bibliotekssystemet", "F", None, None, None),
        ("Digital lokalbokning", "U", None, None, None),
        ("Uppgradering av bokningssystemet", "F", None, None, None),
        ("E-tjänst för föreningsbidrag", "U", None, None, None),
        ("Kassasystem i simhallar", "F", None, None, None),
    ),
    "it": (
        ("Wi-Fi i alla äldreboenden och skolor", "U",
         "Fullt trådlöst nät i alla verksamheter", "Andel verksamheter med Wi-Fi (%)", 100),
        ("Livscykelbyte av nätverksutrustning", "F", None, None, None),
        ("Gemensam identitets- och behörighetshantering", "U", None, None, None),
        ("Drift och övervakning av serverhallen", "F", None, None, None),
        ("Övergång till molntjänster", "U", None, None, None),
        ("Säkerhetskopiering och återläsningstest", "F",
         "Återläsning testad för alla kritiska system", "Andel testade system (%)", 100),
        ("Anslutning av verksamhetssystem till e-arkivet", "U",
         "Verksamhetssystem levererar till e-arkivet", "Anslutna system", 10),
        ("Patchning och sårbarhetsskanning", "F", None, None, None),
    ),
}
# fmt: on


@dataclass(frozen=True)
class _ObjektSpec:
    name: str
    kinds: tuple[str, ...]
    sectors: tuple[str, ...]  # administrations by sector code (mapped per profile)
    budget: int  # yearly total budget in the first year, kr
    tags: tuple[str, ...]  # for goal areas and directions of its activities


@dataclass(frozen=True)
class _Setup:
    """How the sample looks for one profile (not reference data: only sample choices)."""

    prefix: str
    domain: str
    seed: int
    decided_by: str
    applications: int  # at scale 1
    count_weights: tuple[float, float, float]  # a + b * budget_mnkr + c * year_index
    admin_of_sector: dict[str, str]
    admin_weights: dict[str, int]
    areas: tuple[str, ...]
    objekt: tuple[_ObjektSpec, ...]
    singles: int = 0


_ALL_SECTORS = ("ksf", "buf", "gaf", "sof", "af", "kff", "mbf", "nbf", "sbf")

SETUPS: dict[str, _Setup] = {
    "huddinge": _Setup(
        prefix="HUD",
        domain="huddinge.se",
        seed=20_201,
        decided_by="Kommundirektören",
        applications=150,
        count_weights=(5.5, 1.6, 0.0),
        admin_of_sector={
            "ksf": "Kommunstyrelsens förvaltning",
            "buf": "Barn- och utbildningsförvaltningen",
            "gaf": "Gymnasie- och arbetsmarknadsförvaltningen",
            "sof": "Socialförvaltningen",
            "af": "Äldreomsorgsförvaltningen",
            "kff": "Kultur- och fritidsförvaltningen",
            "mbf": "Miljö- och bygglovsförvaltningen",
            "nbf": "Natur- och byggnadsförvaltningen",
            "sbf": "Samhällsbyggnadsförvaltningen",
        },
        admin_weights={
            "Kommunstyrelsens förvaltning": 20,
            "Socialförvaltningen": 16,
            "Barn- och utbildningsförvaltningen": 15,
            "Äldreomsorgsförvaltningen": 10,
            "Gymnasie- och arbetsmarknadsförvaltningen": 8,
            "Miljö- och bygglovsförvaltningen": 8,
            "Natur- och byggnadsförvaltningen": 8,
            "Samhällsbyggnadsförvaltningen": 7,
            "Kultur- och fritidsförvaltningen": 7,
        },
        areas=(
            "Flemingsberg",
            "Skogås",
            "Trångsund",
            "Stuvsta",
            "Sjödalen",
            "Segeltorp",
            "Vårby",
            "Visättra",
            "Glömsta",
            "Snättringe",
            "Fullersta",
            "Masmo",
            "Länna",
            "Kästa",
            "Balingsta",
            "Solgård",
        ),
        objekt=(
            _ObjektSpec(
                "Utbildning", ("utbildning",), ("buf", "gaf"), 9_000_000, ("social", "buf")
            ),
            _ObjektSpec("Omsorg", ("omsorg",), ("sof", "af"), 8_000_000, ("social", "sof")),
            _ObjektSpec(
                "Samhällsbyggnad",
                ("samhalle",),
                ("mbf", "nbf", "sbf"),
                5_000_000,
                ("eco", "econ", "sbf"),
            ),
            _ObjektSpec("Ekonomi och HR", ("ekonomi",), ("ksf",), 4_000_000, ("econ", "auto")),
            _ObjektSpec(
                "Kontaktcenter och e-tjänster",
                ("kontakt",),
                _ALL_SECTORS,
                3_000_000,
                ("social", "contact"),
            ),
            _ObjektSpec("Kultur och fritid", ("kultur",), ("kff",), 1_500_000, ("social", "kff")),
            _ObjektSpec(
                "Gemensam IT-infrastruktur",
                ("it",),
                _ALL_SECTORS,
                12_000_000,
                ("econ", "infra", "sec"),
            ),
        ),
        singles=3,
    ),
    "taby": _Setup(
        prefix="TAB",
        domain="taby.se",
        seed=20_222,
        decided_by="Digitaliseringsrådet",
        applications=25,
        count_weights=(4.0, 0.0, 0.5),
        admin_of_sector={
            "ksf": "Kommunstyrelsen",
            "buf": "Barn- och grundskolenämnden",
            "gaf": "Gymnasie- och näringslivsnämnden",
            "sof": "Socialnämnden",
            "af": "Socialnämnden",
            "kff": "Kultur- och fritidsnämnden",
            "mbf": "Stadsbyggnadsnämnden",
            "nbf": "Stadsbyggnadsnämnden",
            "sbf": "Stadsbyggnadsnämnden",
        },
        admin_weights={
            "Kommunstyrelsen": 25,
            "Barn- och grundskolenämnden": 20,
            "Socialnämnden": 20,
            "Stadsbyggnadsnämnden": 14,
            "Gymnasie- och näringslivsnämnden": 11,
            "Kultur- och fritidsnämnden": 10,
        },
        areas=(
            "Täby centrum",
            "Näsbypark",
            "Gribbylund",
            "Ensta",
            "Viggbyholm",
            "Arninge",
            "Hägernäs",
            "Roslags-Näsby",
            "Skarpäng",
            "Hägernäs strand",
        ),
        objekt=(
            _ObjektSpec("Lärande", ("utbildning",), ("buf", "gaf"), 4_000_000, ("social", "buf")),
            _ObjektSpec("Omsorg och stöd", ("omsorg",), ("sof",), 3_000_000, ("social",)),
            _ObjektSpec("Stadsbyggnad", ("samhalle",), ("sbf",), 2_000_000, ("eco", "innov")),
            _ObjektSpec(
                "Verksamhetsstöd och e-tjänster",
                ("kontakt", "ekonomi", "it", "kultur"),
                ("ksf", "kff", "buf", "gaf", "sof", "sbf"),
                5_000_000,
                ("econ", "auto", "infra"),
            ),
        ),
    ),
    "burlov": _Setup(
        prefix="BUR",
        domain="burlov.se",
        seed=20_193,
        decided_by="Strategiska rådet",
        applications=15,
        count_weights=(3.0, 0.0, 0.4),
        admin_of_sector={
            "ksf": "Kommunstyrelsen",
            "buf": "Utbildnings- och kulturnämnden",
            "gaf": "Utbildnings- och kulturnämnden",
            "sof": "Socialnämnden",
            "af": "Socialnämnden",
            "kff": "Utbildnings- och kulturnämnden",
            "mbf": "Miljö- och byggnadsnämnden",
            "nbf": "Miljö- och byggnadsnämnden",
            "sbf": "Miljö- och byggnadsnämnden",
        },
        admin_weights={
            "Kommunstyrelsen": 30,
            "Socialnämnden": 25,
            "Utbildnings- och kulturnämnden": 25,
            "Miljö- och byggnadsnämnden": 20,
        },
        areas=("Arlöv", "Åkarp", "Tågarp", "Kronetorp", "Burlövs egnahem", "Sunnanå"),
        objekt=(
            _ObjektSpec(
                "Skola och kultur", ("utbildning", "kultur"), ("buf", "kff"), 1_500_000, ("social",)
            ),
            _ObjektSpec("Vård och omsorg", ("omsorg",), ("sof",), 1_200_000, ("social",)),
            _ObjektSpec(
                "Kommungemensamma system",
                ("it", "ekonomi", "kontakt", "samhalle"),
                ("ksf", "mbf"),
                2_000_000,
                ("econ", "eco", "infra"),
            ),
        ),
    ),
}

FIRST_NAMES = (
    "Anna", "Maria", "Karin", "Eva", "Lena", "Sara", "Emma", "Johanna", "Åsa", "Linnéa",
    "Helena", "Sofia", "Malin", "Ingrid", "Maja", "Elin", "Annika", "Camilla", "Jenny",
    "Ulrika", "Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Mikael", "Peter", "Jonas",
    "Fredrik", "Magnus", "Mats", "Björn", "Göran", "Henrik", "Oskar", "Daniel", "Andreas",
    "Mattias", "Håkan", "Ali", "Fatima", "Ahmed", "Amira", "Nikola", "Elif", "Mehmet", "Leila",
    "Jörgen", "Agnes",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Bengtsson",
    "Lindberg", "Lindström", "Lindqvist", "Berg", "Bergström", "Lundgren", "Lundberg",
    "Ström", "Öberg", "Åberg", "Bäckström", "Sjöberg", "Holm", "Engström", "Falk", "Nyström",
    "Hedlund", "Sandberg", "Forsberg", "Wallin", "Hassan", "Yilmaz", "Dahlén", "Kovačević",
    "Mohammed", "Ekström",
)  # fmt: skip

RISKS = (
    "Beroende av leverantörens tidplan.",
    "Upphandlingen kan överprövas.",
    "Begränsad tid hos verksamheten för test och införande.",
    "Integrationen mot verksamhetssystemet kan bli dyrare än beräknat.",
    "Personuppgiftsbehandlingen kräver en konsekvensbedömning (DPIA).",
    "Låg acceptans hos medarbetarna om införandet går för fort.",
    "Förseningar i nätverksutbyggnaden.",
    "Nyckelpersoner kan bli upptagna av andra uppdrag.",
    "Leverantören kan lägga ned produkten.",
)
INVESTMENT_ITEMS = (
    "Licenser",
    "Konsulttimmar",
    "Implementering",
    "Utbildning",
    "Hårdvara",
    "Integration",
    "Projektledning",
)
MOTIVATIONS = {
    "Beviljad": (
        "Tydlig nytta och god förankring.",
        "Bidrar till effektivare handläggning.",
        "Stödjer kommungemensam infrastruktur.",
        "Väl underbyggd nyttokalkyl.",
        "Ligger i linje med årets inriktning.",
    ),
    "Delvis beviljad": (
        "Beviljas för första etappen; resterande medel söks nästa år.",
        "Medlen räcker inte till hela beloppet.",
        "Licenskostnaderna ska finansieras av förvaltningen.",
        "Pilot i mindre skala innan full utrullning.",
    ),
    "Avslagen": (
        "Nyttan är inte tillräckligt beskriven.",
        "Bör finansieras inom förvaltningens egen budget.",
        "Överlappar med pågående kommungemensamt initiativ.",
        "Saknar nyttokalkyl.",
    ),
}
BUDGET_REJECTION = "Ryms inte inom årets budget."
UNANCHORED_REJECTION = "Saknar förankring i förvaltningsledningen."

FOLLOW_UP_COMMENTS = {
    "on_track": (
        "Fullt infört i alla enheter.",
        "Enligt plan.",
        "Nyttan realiserad enligt kalkyl.",
        "Mätt via verksamhetssystemets statistik.",
        None,
    ),
    "mid": ("Delvis infört.", "Nästan i nivå med plan.", "Några enheter återstår.", None),
    "lagging": (
        "Försenad upphandling.",
        "Införandet pågår fortfarande i flera enheter.",
        "Lägre användning än planerat.",
        "Integrationen försenad.",
        "Personalomsättning har bromsat införandet.",
        None,
    ),
}
REPORT_COMMENTS = {
    "Grön": (
        "Enligt plan.",
        "Pilot genomförd i två enheter.",
        "Upphandlingen klar, införandet har startat.",
        "Utbildning av användare pågår.",
        None,
    ),
    "Gul": (
        "Leverantören är försenad, ny tidplan tas fram.",
        "Resursbrist i verksamheten under sommaren.",
        "Integrationen tar längre tid än beräknat.",
    ),
    "Röd": (
        "Integrationen fungerar inte, eskalerat till leverantören.",
        "Kostnaderna överstiger budget, behov av omprioritering.",
        "Upphandlingen har överprövats.",
    ),
}

# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """ASCII-fold a name for an e-mail address: 'Åsa Öberg' -> 'asa oberg'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _email(name: str, domain: str) -> str:
    first, last = name.split(" ", 1)
    return f"{_fold(first)}.{_fold(last).replace(' ', '')}@{domain}"


def _round_to(value: float, step: int) -> int:
    return int(round(value / step)) * step


def _floor_to(value: float, step: int) -> int:
    return int(math.floor(value / step + 1e-9)) * step


def _ceil_to(value: float, step: int) -> int:
    return int(math.ceil(value / step - 1e-9)) * step


def _nice_amount(value: float) -> int:
    """Round-ish kronor, as people write them in applications."""
    if value < 300_000:
        return max(_round_to(value, 25_000), 25_000)
    if value < 1_000_000:
        return _round_to(value, 50_000)
    return _round_to(value, 100_000)


def _num(value: float) -> str:
    """A number as written in Swedish text: 3, 0,5, 180 000."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:.1f}".replace(".", ",")


def _indicator_and_unit(indicator: str | None) -> tuple[str | None, str | None]:
    """ "Andel X (%)" as indicator "Andel X" and Enhet "%", as an objekt owner fills in the
    plan now that activities have an Enhet column; a count keeps its plain name."""
    if indicator and indicator.endswith(" (%)"):
        return indicator.removesuffix(" (%)"), "%"
    return indicator, None


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    keys = list(options)
    return rng.choices(keys, weights=[options[k] for k in keys])[0]


def _pick_tagged(
    rng: random.Random, options: Sequence[str], tags: set[str], p_match: float = 0.85
) -> str:
    """One of `options`, usually one whose tags meet `tags`."""
    matching = [o for o in options if tags.intersection(_TAGS.get(o, ()))]
    if matching and rng.random() < p_match:
        return rng.choice(matching)
    return rng.choice(list(options))


def _last_day(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return _last_day(index // 12, index % 12 + 1)


def _goal_text(goal: _Goal, deadline: dt.date | None, with_numbers: bool) -> str:
    verb = "Öka" if goal.target > goal.baseline else "Minska"
    text = f"{verb} {goal.phrase}"
    if with_numbers:
        unit = "" if goal.unit == "index" else f" {goal.unit}"
        text += f" från {_num(goal.baseline)} till {_num(goal.target)}{unit}"
    if deadline is not None:
        text += f" senast {deadline.isoformat()}"
    return text


# --------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------


@dataclass
class _App:
    """One application while it is generated: the row plus what later steps need."""

    row: Row
    sector: str
    theme: _Theme
    tags: set[str]
    goals: list[Row] = field(default_factory=list)
    benefits: list[Row] = field(default_factory=list)
    costs: list[Row] = field(default_factory=list)
    priority: float = 0.0
    merit_reject: bool = False
    decision: Row | None = None
    end: dt.date | None = None


class _Generator:
    def __init__(self, profile: Profile, setup: _Setup, scale: int) -> None:
        self.profile = profile
        self.setup = setup
        self.scale = scale
        self.rng = random.Random(setup.seed)
        self.hourly = profile.parameters.hourly_cost_sek
        self.years = sorted(f.year for f in profile.fund_years)
        self.admins = [a.name for a in profile.administrations]
        self.theme_uses: dict[str, int] = {}
        self.themes_by_admin = {
            admin: [t for t in THEMES if any(setup.admin_of_sector[s] == admin for s in t.sectors)]
            for admin in self.admins
        }
        self._make_people()
        self.objekt_rows = self._make_objekt()

    # ---- people ----------------------------------------------------------------------

    def _make_people(self) -> None:
        rng = self.rng
        used: set[str] = set()

        def person() -> str:
            while True:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if name not in used:
                    used.add(name)
                    return name

        per_admin = 3 if len(self.admins) > 6 else 4
        self.contacts = {a: [person() for _ in range(per_admin)] for a in self.admins}
        self.staff = [person() for _ in range(24)]
        self.object_people = [person() for _ in range(3 * len(self.setup.objekt))]

    # ---- objekt ----------------------------------------------------------------------

    def _make_objekt(self) -> list[Row]:
        rows = []
        people = iter(self.object_people)
        for spec in self.setup.objekt:
            admins = []
            for sector in spec.sectors:
                admin = self.setup.admin_of_sector[sector]
                if admin not in admins:
                    admins.append(admin)
            rows.append(
                {
                    "name": spec.name,
                    "owner": next(people),
                    "manager_business": next(people),
                    "manager_it": next(people),
                    "administrations": tuple(admins),
                }
            )
        return rows

    def objekt_tables(self) -> list[tuple[Any, list[Row]]]:
        rng = self.rng
        plans: list[Row] = []
        activities: list[Row] = []
        for spec in self.setup.objekt:
            total = spec.budget
            share = rng.uniform(0.22, 0.38)  # development's share of the objekt's budget
            for year in self.years:
                total = _round_to(total * rng.uniform(1.02, 1.07), 50_000)
                development = _round_to(total * (share + rng.uniform(-0.02, 0.02)), 10_000)
                maintenance = total - development
                plans.append(
                    {
                        "objekt": spec.name,
                        "year": year,
                        "maintenance_sek": maintenance,
                        "development_sek": development,
                    }
                )
                activities.extend(self._activities(spec, year, maintenance, development))
        return [(OBJEKT_SHEET, self.objekt_rows), (OBJEKTPLAN, plans), (AKTIVITETER, activities)]

    def _activities(
        self, spec: _ObjektSpec, year: int, maintenance: int, development: int
    ) -> list[Row]:
        rng = self.rng
        catalogue = [a for kind in spec.kinds for a in _ACTIVITIES[kind]]
        rng.shuffle(catalogue)
        count = rng.randint(3, 6) * self.scale
        chosen = []
        for i in range(count):
            name, kind, goal, indicator, target = catalogue[i % len(catalogue)]
            round_ = i // len(catalogue)
            if round_:
                name = f"{name} – del {round_ + 1}"
            chosen.append((name, kind, goal, indicator, target))
        # Budgets: development activities share at most the plan's development budget.
        budgets: list[int | None] = [None] * count
        # Maintenance activities name only part of the maintenance budget (the rest is
        # licences and operation).
        for kind, pot, used in (("U", development, (0.75, 1.0)), ("F", maintenance, (0.3, 0.6))):
            indices = [i for i, c in enumerate(chosen) if c[1] == kind]
            if not indices:
                continue
            weights = [rng.uniform(0.5, 1.5) for _ in indices]
            share = pot * rng.uniform(*used) / sum(weights)
            for i, w in zip(indices, weights, strict=True):
                budgets[i] = _floor_to(share * w, 10_000) or None
        goal_areas = self.profile.goal_areas_in(year)
        directions = self.profile.directions_in(year)
        tags = set(spec.tags)
        rows = []
        for (name, kind, goal, indicator, target), budget in zip(chosen, budgets, strict=True):
            if kind == "F" and rng.random() < 0.1:
                budget = None
            row: Row = {
                "objekt": spec.name,
                "year": year,
                "name": name,
                "type": "Utveckling" if kind == "U" else "Förvaltning",
                "goal_area": None,
                "strategic_directions": (),
                "budget_sek": budget,
                "status": self._activity_status(year),
            }
            if goal_areas and rng.random() >= 0.15:
                row["goal_area"] = _pick_tagged(rng, goal_areas, tags, 0.95)
            if directions and rng.random() < 0.35:
                row["strategic_directions"] = (_pick_tagged(rng, directions, tags),)
            if goal and rng.random() < 0.6:
                row["goal"] = goal
                row["indicator"], row["unit"] = _indicator_and_unit(indicator)
                row["target"] = target
                row["deadline"] = rng.choice((dt.date(year, 6, 30), dt.date(year, 12, 31)))
            rows.append(row)
        return rows

    def _activity_status(self, year: int) -> str:
        age = CURRENT_YEAR - year
        if age >= 2:
            weights = {"Klar": 88, "Stoppad": 12}
        elif age == 1:
            weights = {"Klar": 65, "Pågår": 25, "Stoppad": 10}
        else:
            weights = {"Pågår": 50, "Planerad": 30, "Klar": 15, "Stoppad": 5}
        return _weighted(self.rng, weights)

    # ---- applications ----------------------------------------------------------------

    def counts(self) -> dict[int, int]:
        """Applications per fund year: the profile's total spread by budget and year."""
        a, b, c = self.setup.count_weights
        weights = [
            a + b * self.profile.fund_year(y).budget_sek / 1_000_000 + c * i
            for i, y in enumerate(self.years)
        ]
        total = self.setup.applications * self.scale
        raw = [total * w / sum(weights) for w in weights]
        counts = [int(r) for r in raw]
        by_remainder = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
        for i in by_remainder[: total - sum(counts)]:
            counts[i] += 1
        return dict(zip(self.years, counts, strict=True))

    def admin_queue(self, total: int) -> list[str]:
        """Administrations for `total` applications, in proportion to their weights.

        Quotas by largest remainder, then shuffled, so every administration is there and
        the frequent ones are frequent at any scale.
        """
        weights = self.setup.admin_weights
        raw = {a: total * w / sum(weights.values()) for a, w in weights.items()}
        quota = {a: int(r) for a, r in raw.items()}
        by_remainder = sorted(weights, key=lambda a: quota[a] - raw[a])
        for admin in by_remainder[: total - sum(quota.values())]:
            quota[admin] += 1
        queue = [a for a in weights for _ in range(quota[a])]
        self.rng.shuffle(queue)
        return queue

    def _title(self, theme: _Theme) -> str:
        k = self.theme_uses.get(theme.title, 0)
        self.theme_uses[theme.title] = k + 1
        if k == 0:
            return theme.title
        if k <= 3:
            return f"{theme.title} – etapp {k + 1}"
        areas = self.setup.areas
        area = areas[(k - 4) % len(areas)]
        cycle = (k - 4) // len(areas)
        return f"{theme.title} – {area}" + (f", etapp {cycle + 2}" if cycle else "")

    def _pick_theme(self, admin: str) -> _Theme:
        candidates = self.themes_by_admin[admin]
        weights = [1.0 / (1 + self.theme_uses.get(t.title, 0)) ** 2 for t in candidates]
        return self.rng.choices(candidates, weights=weights)[0]

    def requested_amounts(self, year: int, count: int, decided_share: float = 1.0) -> list[int]:
        """What a year's applications ask for: in all 1.3–1.6 times the budget (per scale).

        Drawn lognormal, then scaled so that the applications that get decided ask for more
        than the fund holds: the budget runs out, some are cut and some rejected.
        """
        rng = self.rng
        budget = self.profile.fund_year(year).budget_sek
        cap = min(2_500_000, max(budget * 0.6, 200_000))
        draws = [rng.lognormvariate(0.0, 0.55) for _ in range(count)]
        target = budget * self.scale * rng.uniform(1.3, 1.6) / decided_share
        factor = target / sum(draws)
        return [_nice_amount(min(max(d * factor, 100_000), cap)) for d in draws]

    def application(self, app_id: str, year: int, requested: int, admin: str | None = None) -> _App:
        rng = self.rng
        setup = self.setup
        if admin is None:
            admin = _weighted(rng, setup.admin_weights)
        theme = self._pick_theme(admin)
        sector = next(s for s in theme.sectors if setup.admin_of_sector[s] == admin)
        tags = {theme.area, sector, *theme.tags}
        fund = self.profile.fund_year(year)
        contact = rng.choice(self.contacts[admin])

        own = None
        if rng.random() < 0.3:
            own = _round_to(requested * rng.uniform(0.1, 0.5), 10_000)

        start = dt.date(year, rng.randint(3, 12), 1)
        if rng.random() < 0.04:
            start = dt.date(year + 1, 1, 1)
        end = _add_months(start, rng.choice((6, 9, 12, 12, 18, 18, 24, 24, 30)) - 1)

        directions = self.profile.directions_in(year)
        chosen_directions: list[str] = []
        if directions:
            for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
                d = _pick_tagged(rng, directions, tags)
                if d not in chosen_directions:
                    chosen_directions.append(d)

        objekt = None
        if rng.random() < 0.6:
            objekt = self._objekt_for(theme, sector, admin)

        anchored_draw = rng.random()
        anchored = True if anchored_draw < 0.85 else (False if anchored_draw < 0.93 else None)
        row: Row = {
            "id": app_id,
            "year": year,
            "title": self._title(theme),
            "administration": admin,
            "objekt": objekt,
            "contact": contact,
            "email": _email(contact, setup.domain),
            "fund_focus": _pick_tagged(rng, fund.focus_areas, tags),
            "strategic_directions": tuple(chosen_directions),
            "goal_area": _pick_tagged(rng, self.profile.goal_areas_in(year), tags, 0.9),
            "need": f"{theme.who} behöver {theme.what} för att {theme.why}.",
            "expected_effect": theme.effect if rng.random() < 0.85 else None,
            "requested_sek": requested,
            "own_funding_sek": own,
            "start": start,
            "end": end,
            "risks": rng.choice(RISKS) if rng.random() < 0.5 else None,
            "anchored": anchored,
            "status": None,
        }
        app = _App(row, sector, theme, tags, end=end)
        app.goals = self._goals(app)
        app.benefits = self._benefits(app)
        app.costs = self._costs(app)
        smart = sum(1 for g in app.goals if g.get("deadline") and g.get("target") is not None)
        app.priority = rng.random() + 0.25 * min(smart, 1) + (0.2 if anchored else 0.0)
        unanchored = anchored is False
        app.merit_reject = rng.random() < (0.45 if unanchored else 0.1)
        return app

    def _objekt_for(self, theme: _Theme, sector: str, admin: str) -> str | None:
        focus = theme.tags[0]
        if focus in ("infra", "sec"):
            kind = "it"
        elif focus in ("contact", "comm"):
            kind = "kontakt"
        else:
            kind = {
                "ksf": "ekonomi",
                "buf": "utbildning",
                "gaf": "utbildning",
                "sof": "omsorg",
                "af": "omsorg",
                "kff": "kultur",
            }.get(sector, "samhalle")
        for spec, row in zip(self.setup.objekt, self.objekt_rows, strict=True):
            if kind in spec.kinds and admin in row["administrations"]:
                return spec.name
        for row in self.objekt_rows:
            if admin in row["administrations"]:
                return row["name"]
        return None

    # Goal quality by sector: (SMART, partly, vague) weights; some administrations are worse.
    _QUALITY = {
        "ksf": (52, 36, 12),
        "sof": (50, 35, 15),
        "af": (45, 38, 17),
        "buf": (42, 40, 18),
        "nbf": (42, 38, 20),
        "gaf": (30, 42, 28),
        "mbf": (25, 37, 38),
        "kff": (22, 40, 38),
        "sbf": (20, 42, 38),
    }

    def _goals(self, app: _App) -> list[Row]:
        rng = self.rng
        year = app.row["year"]
        smart_w, partial_w, vague_w = self._QUALITY[app.sector]
        if year <= 2021:  # before the audit the goals were vaguer
            smart_w, vague_w = smart_w - 8, vague_w + 8
        goal_areas = self.profile.goal_areas_in(year)
        extra = list(_EXTRA_GOALS.get(app.theme.tags[0], ()))
        rng.shuffle(extra)
        specs = [app.theme.goal, *extra]
        rows = []
        vague_used: set[str] = set()
        for spec in specs[: rng.choice((1, 1, 2, 2, 2, 3))]:
            quality = _weighted(rng, {"smart": smart_w, "partial": partial_w, "vague": vague_w})
            deadline = rng.choice(
                (
                    dt.date(year, 12, 31),
                    dt.date(year + 1, 6, 30),
                    dt.date(year + 1, 12, 31),
                    dt.date(year + 2, 6, 30),
                )
            )
            row: Row = {"application_id": app.row["id"]}
            if quality == "smart":
                row.update(
                    text=_goal_text(spec, deadline, True),
                    indicator=spec.indicator,
                    unit=spec.unit,
                    baseline=spec.baseline,
                    target=spec.target,
                    deadline=deadline,
                    owner=rng.choice(self.staff),
                    goal_area=app.row["goal_area"]
                    if rng.random() < 0.8
                    else _pick_tagged(rng, goal_areas, app.tags),
                )
            elif quality == "partial":
                fields = {
                    "indicator": spec.indicator,
                    "unit": spec.unit,
                    "baseline": spec.baseline,
                    "target": spec.target,
                    "deadline": deadline,
                    "owner": rng.choice(self.staff),
                    "goal_area": app.row["goal_area"],
                }
                keys = list(fields)
                kept = set(rng.sample(keys, rng.randint(2, len(keys) - 2)))
                row.update({k: (v if k in kept else None) for k, v in fields.items()})
                numbers = "baseline" in kept and "target" in kept and rng.random() < 0.5
                row["text"] = _goal_text(spec, deadline if "deadline" in kept else None, numbers)
            else:
                if not rows and rng.random() < 0.25:
                    text = app.theme.title  # the goal is just the initiative's name
                else:
                    text = rng.choice([v for v in VAGUE_GOALS if v not in vague_used])
                vague_used.add(text)
                row["text"] = text
                if rng.random() < 0.25:
                    row["goal_area"] = app.row["goal_area"]
                if rng.random() < 0.2:
                    row["owner"] = rng.choice(self.staff)
            rows.append(row)
        return rows

    def _benefits(self, app: _App) -> list[Row]:
        rng = self.rng
        year = app.row["year"]
        specs = list(app.theme.benefits)
        rng.shuffle(specs)
        count = min(len(specs), rng.choice((1, 2, 2, 3)))
        # An application's size scales its benefits a little.
        size = (app.row["requested_sek"] / 600_000) ** 0.5
        rows = []
        for spec in specs[:count]:
            factor = size * rng.uniform(0.6, 1.5)
            row: Row = {
                "application_id": app.row["id"],
                "name": spec.name,
                "type": _TYPE[spec.type],
                "beneficiary": spec.beneficiary,
                "first_year": year + int(_weighted(rng, {"1": 70, "0": 15, "2": 15})),
                "owner": rng.choice(self.staff) if rng.random() < 0.8 else None,
            }
            if spec.type == "T":
                hours = max(_round_to(spec.amount * factor, 50), 50)
                row["hours_per_year"] = hours
                if rng.random() < 0.4:
                    row["value_per_year_sek"] = _round_to(hours * self.hourly, 1_000)
            elif spec.type in ("K", "I"):
                row["value_per_year_sek"] = max(_round_to(spec.amount * factor, 10_000), 10_000)
            else:
                row["indicator"] = spec.indicator
                row["baseline"] = spec.baseline
                row["target"] = spec.target
            rows.append(row)
        return rows

    def _costs(self, app: _App) -> list[Row]:
        rng = self.rng
        year = app.row["year"]
        app_id = app.row["id"]
        requested = app.row["requested_sek"]
        rows: list[Row] = []
        items = rng.sample(INVESTMENT_ITEMS, rng.choice((1, 2, 2)))
        remaining = requested
        for i, item in enumerate(items):
            last = i == len(items) - 1
            amount = remaining if last else _round_to(requested * rng.uniform(0.4, 0.7), 10_000)
            remaining -= amount
            rows.append(
                {
                    "application_id": app_id,
                    "item": item,
                    "type": "Investering",
                    "year": year,
                    "amount_sek": amount,
                }
            )
        own = app.row["own_funding_sek"]
        if len(rows) < 4 and (own or rng.random() < 0.4):
            internal = own or _round_to(rng.randint(80, 400) * self.hourly, 10_000)
            rows.append(
                {
                    "application_id": app_id,
                    "item": "Intern tid",
                    "type": "Intern tid",
                    "year": year,
                    "amount_sek": internal,
                }
            )
        room = 4 - len(rows)
        if room:
            drift = max(_round_to(requested * rng.uniform(0.08, 0.2), 10_000), 10_000)
            for offset in range(1, rng.randint(min(1, room), room) + 1):
                rows.append(
                    {
                        "application_id": app_id,
                        "item": "Drift och licenser",
                        "type": "Drift",
                        "year": year + offset,
                        "amount_sek": drift,
                    }
                )
        return rows

    # ---- decisions -------------------------------------------------------------------

    def _offer(self, requested: int, remaining: int, partial: bool) -> tuple[str, int] | None:
        """What fits in `remaining`: all, 40–80 % (rounded to 10 000), or nothing."""
        lo = _ceil_to(requested * 0.4, 10_000)
        hi = min(_floor_to(requested * 0.8, 10_000), _floor_to(remaining, 10_000))
        if requested <= remaining and not partial:
            return "Beviljad", requested
        if hi >= lo:
            want = _round_to(requested * self.rng.uniform(0.4, 0.8), 10_000)
            return "Delvis beviljad", max(lo, min(want, hi))
        return None

    def fund_budget(self, year: int) -> int:
        """The fund holds `scale` times the profile's budget: a portfolio N times as large
        competes for N times the money, so the share granted is as at scale 1."""
        return self.profile.fund_year(year).budget_sek * self.scale

    def decide(self, year: int, apps: list[_App]) -> None:
        """Decide a year's applications in priority order within the fund budget.

        The granted sum never exceeds the budget: every grant is taken from what remains.
        """
        rng = self.rng
        budget = self.fund_budget(year)
        undecided: set[int] = set()
        if self._newest_open(year):
            # The newest year: most are decided, a late round is still being prepared.
            undecided = set(rng.sample(range(len(apps)), round(len(apps) * UNDECIDED_SHARE)))
        decided = [a for i, a in enumerate(apps) if i not in undecided]
        by_priority = sorted(decided, key=lambda a: -a.priority)
        meetings = sorted({dt.date(year, rng.randint(2, 4), rng.randint(1, 28)) for _ in range(2)})
        remaining = budget
        for app in by_priority:
            offer = None
            if app.merit_reject:
                motivation = (
                    UNANCHORED_REJECTION
                    if app.row["anchored"] is False
                    else rng.choice(MOTIVATIONS["Avslagen"])
                )
            else:
                offer = self._offer(app.row["requested_sek"], remaining, rng.random() < 0.18)
                motivation = rng.choice(MOTIVATIONS[offer[0]]) if offer else BUDGET_REJECTION
            decision, granted = offer or ("Avslagen", 0)
            remaining -= granted
            app.decision = {
                "application_id": app.row["id"],
                "decision": decision,
                "granted_sek": granted if granted or rng.random() < 0.5 else None,
                "date": rng.choice(meetings),
                "decided_by": self.setup.decided_by,
                "motivation": motivation,
            }
        # With much money left, weaker (but anchored) applications get a second chance.
        for app in by_priority:
            if remaining <= 0.15 * budget:
                break
            decision = app.decision
            if decision["decision"] != "Avslagen" or app.row["anchored"] is False:
                continue
            offer = self._offer(app.row["requested_sek"], remaining, False)
            if offer:
                remaining -= offer[1]
                decision.update(
                    decision=offer[0],
                    granted_sek=offer[1],
                    motivation=rng.choice(MOTIVATIONS[offer[0]]),
                )
        # Some rejections in every year with a real competition.
        if len(apps) >= 5 and not any(a.decision["decision"] == "Avslagen" for a in decided):
            last = by_priority[-1]
            remaining += last.decision["granted_sek"] or 0
            last.decision.update(decision="Avslagen", granted_sek=0, motivation=BUDGET_REJECTION)
        # Money left over tops up the partly granted ones, still at most 80 % of the request.
        for app in by_priority:
            decision = app.decision
            if decision["decision"] != "Delvis beviljad" or remaining < 10_000:
                continue
            hi = _floor_to(app.row["requested_sek"] * 0.8, 10_000)
            raised = max(decision["granted_sek"], min(hi, decision["granted_sek"] + remaining))
            raised = _floor_to(raised, 10_000)
            remaining -= raised - decision["granted_sek"]
            decision["granted_sek"] = raised
        for app in apps:
            app.row["status"] = self._status(app)

    def _status(self, app: _App) -> str:
        rng = self.rng
        if app.decision is None:
            anchored = app.row["anchored"]
            if not anchored:
                return "Inskickad"
            return _weighted(rng, {"Förankrad": 30, "Beredd": 40, "Föredragen": 30})
        decision = app.decision["decision"]
        if decision == "Avslagen":
            return "Avslagen"
        if app.end is not None and app.end < SAMPLE_DATE:
            return "Avslutad"  # set to Uppföljd once follow-ups exist
        if app.row["start"] <= SAMPLE_DATE:
            return "Pågående"
        return decision

    # ---- follow-ups and status reports -----------------------------------------------

    def follow_ups(self, app: _App) -> list[Row]:
        rng = self.rng
        decision = app.decision
        if decision is None or decision["decision"] == "Avslagen":
            return []
        discipline = _weighted(rng, {"full": 55, "partial": 20, "none": 25})
        if discipline == "none":
            return []
        rows: list[Row] = []
        for benefit in app.benefits:
            first = benefit["first_year"]
            if first > CURRENT_YEAR:
                continue
            if benefit["owner"] is None and rng.random() < 0.6:
                continue  # nobody owns it, nobody follows it up
            if discipline == "partial" and rng.random() < 0.5:
                continue
            years = list(range(max(first, app.row["start"].year), CURRENT_YEAR))
            if discipline == "partial" and len(years) > 1:
                years = years[: rng.randint(1, len(years) - 1)]
            dates = [dt.date(y, 12, 31) for y in years]
            if rng.random() < 0.15 or (not dates and rng.random() < 0.5):
                dates.append(dt.date(CURRENT_YEAR, 6, 30))
            track = _weighted(rng, {"on_track": 55, "lagging": 30, "mid": 15})
            base = {
                "on_track": rng.uniform(0.92, 1.15),
                "lagging": rng.uniform(0.3, 0.7),
                "mid": rng.uniform(0.72, 0.88),
            }[track]
            for date in dates:
                # A mid-year follow-up states the yearly rate reached so far.
                ratio = base * rng.uniform(0.97, 1.03)
                row: Row = {
                    "application_id": app.row["id"],
                    "benefit": benefit["name"],
                    "date": date,
                    "comment": rng.choice(FOLLOW_UP_COMMENTS[track]),
                }
                hours = benefit.get("hours_per_year")
                value = benefit.get("value_per_year_sek")
                if hours:
                    row["actual"] = _round_to(hours * ratio, 10)
                    if rng.random() < 0.35:
                        row["actual_sek"] = _round_to(row["actual"] * self.hourly, 1_000)
                elif value:
                    row["actual_sek"] = _round_to(value * ratio, 1_000)
                else:
                    b, t = benefit["baseline"], benefit["target"]
                    progress = min(ratio, 1.0)
                    actual = b + (t - b) * progress
                    whole = float(b).is_integer() and float(t).is_integer() and abs(t - b) >= 10
                    row["actual"] = round(actual) if whole else round(actual, 1)
                rows.append(row)
        if rows and app.row["status"] == "Avslutad" and discipline == "full":
            app.row["status"] = "Uppföljd"
        return rows

    def status_reports(self, app: _App) -> list[Row]:
        rng = self.rng
        status = app.row["status"]
        if status not in ("Pågående", "Beviljad", "Delvis beviljad"):
            return []
        start = app.row["start"]
        eligible = [d for d in REPORT_DATES if d >= start]
        if status != "Pågående" or not eligible:
            discipline = "none" if rng.random() < 0.7 else "regular"
        else:
            discipline = _weighted(rng, {"regular": 65, "stale": 15, "none": 20})
        if discipline == "none" or not eligible:
            return []
        if discipline == "stale":
            eligible = [d for d in eligible if d < REPORT_DATES[-2]]
            if not eligible:
                return []
            dates = eligible[: rng.randint(1, len(eligible))]
        else:
            dates = eligible[-rng.randint(1, min(3, len(eligible))) :]
        health = _weighted(rng, {"good": 68, "troubled": 24, "bad": 8})
        granted = app.decision["granted_sek"] or app.row["requested_sek"]
        span = max((app.end - start).days, 1)
        rows = []
        overall_weights = {
            "good": {"Grön": 92, "Gul": 8, "Röd": 0},
            "troubled": {"Grön": 30, "Gul": 60, "Röd": 10},
            "bad": {"Grön": 0, "Gul": 40, "Röd": 60},
        }[health]
        for date in dates:
            overall = _weighted(rng, overall_weights)
            colours = self._rag_parts(overall)
            progress = min(max((date - start).days / span, 0.05), 1.0)
            overrun = 1.25 if colours["cost"] == "Röd" else 1.05 if colours["cost"] == "Gul" else 1
            spent = _round_to(granted * progress * overrun * rng.uniform(0.8, 1.05), 1_000)
            rows.append(
                {
                    "application_id": app.row["id"],
                    "date": date,
                    "status": overall,
                    "time": colours["time"],
                    "cost": colours["cost"],
                    "benefit": colours["benefit"],
                    "spent_sek": max(spent, 1_000),
                    "comment": rng.choice(REPORT_COMMENTS[overall]),
                }
            )
        return rows

    def _rag_parts(self, overall: str) -> dict[str, str]:
        """Time, cost and benefit colours that agree with the overall one."""
        rng = self.rng
        parts = ("time", "cost", "benefit")
        if overall == "Grön":
            return {p: "Gul" if rng.random() < 0.05 else "Grön" for p in parts}
        below = ("Grön", "Gul") if overall == "Gul" else ("Grön", "Gul", "Röd")
        colours = {p: rng.choice(below) for p in parts}
        colours[rng.choice(parts)] = overall
        return colours

    # ---- a year's compilation --------------------------------------------------------

    def _newest_open(self, year: int) -> bool:
        """The newest year is still open: a late round is not decided yet."""
        return year == self.years[-1] == CURRENT_YEAR

    def compilation(self, year: int, count: int, admins: list[str]) -> list[tuple[Any, list[Row]]]:
        decided_share = 1 - UNDECIDED_SHARE if self._newest_open(year) else 1.0
        amounts = self.requested_amounts(year, count, decided_share)
        apps = [
            self.application(f"{self.setup.prefix}-{year}-{n:03d}", year, requested, admin)
            for n, admin, requested in zip(range(1, count + 1), admins, amounts, strict=True)
        ]
        self.decide(year, apps)
        follow_ups: list[Row] = []
        reports: list[Row] = []
        for app in apps:
            follow_ups.extend(self.follow_ups(app))
        for app in apps:
            reports.extend(self.status_reports(app))
        return [
            (ANSOKNINGAR, [a.row for a in apps]),
            (MAL_LINKED, [g for a in apps for g in a.goals]),
            (NYTTOR_LINKED, [b for a in apps for b in a.benefits]),
            (KOSTNADER_LINKED, [c for a in apps for c in a.costs]),
            (BESLUT, [a.decision for a in apps if a.decision is not None]),
            (UPPFOLJNING, follow_ups),
            (LAGESRAPPORT, reports),
        ]

    def single(self, app_id: str, year: int, count: int) -> _App:
        """A freshly submitted application: no decision yet."""
        requested = self.requested_amounts(year, count)[0]
        app = self.application(app_id, year, requested)
        app.row["status"] = "Inskickad"
        return app


def write_sample(
    out_dir: Path,
    *,
    scale: int = 1,
    profiles: Sequence[str] = ("huddinge", "taby", "burlov"),
) -> list[Path]:
    """Write the sample workbooks under out_dir/<profile>/ and return their paths in import order.

    `scale` multiplies the number of applications and objekt activities; ids stay unique.
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    out_dir = Path(out_dir)
    paths: list[Path] = []
    for key in profiles:
        if key not in SETUPS or key not in PROFILES:
            raise KeyError(f"no sample for profile {key!r}; choose from {', '.join(SETUPS)}")
        profile = PROFILES[key]
        generator = _Generator(profile, SETUPS[key], scale)
        folder = out_dir / key
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.xlsx"):
            stale.unlink()

        path = folder / "referensdata.xlsx"
        budgets = tuple(
            dataclasses.replace(f, budget_sek=generator.fund_budget(f.year))
            for f in profile.fund_years
        )
        write_workbook(path, reference_tables(dataclasses.replace(profile, fund_years=budgets)))
        paths.append(path)

        path = folder / "objekt.xlsx"
        write_workbook(path, generator.objekt_tables())
        paths.append(path)

        counts = generator.counts()
        queue = generator.admin_queue(sum(counts.values()))
        for year in generator.years:
            path = folder / f"ansokningar_{year}.xlsx"
            admins, queue = queue[: counts[year]], queue[counts[year] :]
            write_workbook(path, generator.compilation(year, counts[year], admins))
            paths.append(path)

        newest = generator.years[-1]
        for n in range(counts[newest] + 1, counts[newest] + 1 + generator.setup.singles):
            app = generator.single(
                f"{generator.setup.prefix}-{newest}-{n:03d}", newest, counts[newest]
            )
            path = folder / f"ansokan_{app.row['id']}.xlsx"
            write_workbook(
                path,
                [(MAL, app.goals), (NYTTOR, app.benefits), (KOSTNADER, app.costs)],
                labels=(ANSOKAN, app.row),
            )
            paths.append(path)
    return paths
