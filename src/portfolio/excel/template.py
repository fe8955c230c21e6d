"""Empty workbooks for people to fill in: the sheets of excel.layout, with help and lists.

A template has the exact sheets and headers of layout.KIND_SHEETS[kind], drop-down lists
for every choice column (the municipality's lists valid in one year, kept on a hidden sheet
`Listor` and referenced by range, never inline), number formats where amounts and dates are
typed, required fields marked, and an `Instruktioner` sheet first that explains every field
with an example. The reader ignores `Instruktioner` and `Listor`, so a filled-in template
imports as it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from portfolio.excel import layout, stamp, values
from portfolio.excel.export import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    HEADER_FILL,
    font,
    guard_text,
    new_workbook,
    print_layout,
    text_value,
    write_labels,
    write_table,
)
from portfolio.excel.layout import Column, Sheet
from portfolio.excel.read import (
    FIXED_CHOICES,
    FULL_TIME_HOURS,
    MOST_LIKELY_HOURS,
    PAST_DATED_SHEETS,
)
from portfolio.model import References

TEMPLATE_KINDS = ("ansokan", "ansokningar", "objekt", "referensdata")

INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
FIRST_ROW, LAST_ROW = 2, 1000  # the table rows that get drop-downs and number formats
PERCENT_FORMAT = "0.0%"
MAX_WIDTH = 50
BOOL_LIST = "bool"  # the Ja/Nej list, which is no reference list of layout
YES_NO = ("Ja", "Nej")

REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")  # light orange: must be filled in
INPUT_BORDER = Border(*(Side(style="thin", color="A6A6A6"),) * 4)
HINT_FONT = font(italic=True, color="595959")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

TITLES = {
    "ansokan": "Ansökan till digitaliseringspotten",
    "ansokningar": "Sammanställning av ansökningar till digitaliseringspotten",
    "objekt": "Objektplaner för PM3-objekt",
    "referensdata": "Kommunens referensdata",
}

# Column headers on the Listor sheet, per list (year-dependent ones get the year appended).
LIST_TITLES = {
    layout.ADMINISTRATIONS: "Förvaltningar",
    layout.GOAL_AREAS: "Målområden",
    layout.DIRECTIONS: "Strategiska inriktningar",
    layout.FUND_FOCUS: "Pottens inriktningar",
    layout.OBJEKT: "Objekt",
    layout.APPLICATION_STATUS: "Ansökningsstatus",
    layout.DECISION: "Beslut",
    layout.BENEFIT_TYPE: "Nyttotyp",
    layout.BENEFICIARY: "Nyttomottagare",
    layout.COST_TYPE: "Kostnadstyp",
    layout.RAG: "Grön, Gul, Röd",
    layout.ACTIVITY_TYPE: "Aktivitetstyp",
    layout.ACTIVITY_STATUS: "Aktivitetsstatus",
    BOOL_LIST: "Ja/Nej",
}
YEAR_LISTS = (layout.GOAL_AREAS, layout.DIRECTIONS, layout.FUND_FOCUS)

# What a field means, where Column.help says nothing. (sheet, header) wins over header.
DESCRIPTIONS: dict[str, str] = {
    "Ansöknings-id": "Id för ansökan som raden hör till, som på bladet Ansökningar.",
    "Förvaltning": "Förvaltningen som söker och äger behovet.",
    "Kontaktperson": "Den som kan svara på frågor om ansökan.",
    "E-post": "Kontaktpersonens e-postadress.",
    "Potten inriktning": "Den av pottens inriktningar för året som ansökan bidrar mest till.",
    "Målområde": "Det av fullmäktiges målområden som arbetet bidrar mest till.",
    "Förväntad effekt": "Vad som blir bättre, för vem, och hur det märks.",
    "Egen finansiering (kr)": "Det som förvaltningen själv bidrar med.",
    "Startdatum": "När arbetet börjar.",
    "Risker": "Det som kan hindra att nyttan uppnås, och hur det hanteras.",
    "Status": (
        "Var ansökan är i processen; lämna tomt för en ny ansökan. Beviljad, Delvis "
        "beviljad och Avslagen följer beslutet och ska stämma med det."
    ),
    "Mål": "Målet i en mening: vad ska förändras, hur mycket och till när (SMART).",
    "Indikator": "Det som mäts för att se om målet nås.",
    "Enhet": "Indikatorns enhet, t.ex. dagar, procent eller antal.",
    "Utgångsvärde": "Indikatorns värde i dag.",
    "Målvärde": "Indikatorns värde när målet är nått.",
    "Måldatum": "När målet ska vara nått.",
    "Ansvarig": "Den som följer upp och svarar för målet eller nyttan.",
    "Nytta": "Nyttan med ett kort namn; samma namn används vid uppföljningen.",
    "Nyttotyp": (
        "Vilken sorts nytta det är. Kostnadsminskning och Intäktsökning räknas med Värde per "
        "år (kr), Tidsbesparing med Timmar per år (eller värdet); Kvalitet räknas aldrig i "
        "kronor. Annars visas en varning vid importen."
    ),
    "Nyttomottagare": "Vem som får nyttan.",
    "Värde per år (kr)": "Nyttan i kronor per år när den är fullt realiserad.",
    "Timmar per år": (
        "Sparad arbetstid i timmar per år, för alla som berörs tillsammans; en heltidstjänst "
        f"är ungefär {values.format_number(FULL_TIME_HOURS)} timmar. Över "
        f"{values.format_number(MOST_LIKELY_HOURS)} timmar visas en varning vid importen."
    ),
    "Första år": (
        "Första året som nyttan märks; tomt betyder året efter ansökans år. En nytta som "
        "börjar efter kalkylperioden räknas inte i nyttokalkylen (varning vid importen)."
    ),
    "Kostnadspost": "Vad kostnaden gäller.",
    "Kostnadstyp": "Investering, drift eller intern tid.",
    "År": "Årtal.",
    "Belopp (kr)": "Kostnaden det året.",
    "Beslut": "Beslutet om ansökan.",
    "Beviljat belopp (kr)": (
        "Det beviljade beloppet. Tomt betyder hela det sökta beloppet vid Beviljad och 0 vid "
        "Avslagen; vid Delvis beviljad ska beloppet stå här, högst det sökta beloppet. Blir "
        "årets beviljade belopp större än pottens budget visas en varning vid importen."
    ),
    "Beslutsdatum": "Dagen då beslutet fattades.",
    "Beslutsfattare": "Den person eller det organ som fattade beslutet.",
    "Motivering": "Skälen för beslutet.",
    "Datum": "Dagen som uppgifterna gäller.",
    "Utfall": "Indikatorns uppmätta värde.",
    "Utfall (kr)": "Realiserad nytta i kronor.",
    "Kommentar": "Fritext.",
    "Tidigare nytta": (
        "Ja när nyttan bara finns i en tidigare version av ansökan (exporten skriver det); "
        "uppföljningen sparas då som historik och räknas inte i nyttorealiseringen. Lämna "
        "tomt annars."
    ),
    "Tid": "Läget för tidplanen.",
    "Kostnad": "Läget för kostnaderna.",
    "Upparbetat (kr)": "Det som hittills har förbrukats.",
    "Objekt": "PM3-objektets namn.",
    "Objektägare": "Den som äger objektet och beslutar om objektplanen.",
    "Objektledare verksamhet": "Objektledare på verksamhetssidan.",
    "Objektledare IT": "Objektledare på IT-sidan.",
    "Förvaltningar": "Förvaltningarna som använder objektet.",
    "Förvaltningsbudget (kr)": "Budget för att förvalta objektet det året.",
    "Utvecklingsbudget (kr)": "Budget för att utveckla objektet det året.",
    "Aktivitet": "Aktivitetens namn.",
    "Typ": "Förvaltning eller utveckling.",
    "Strategisk inriktning": "Den eller de strategiska inriktningar som arbetet stödjer.",
    "Budget (kr)": (
        "Aktivitetens budget. Aktiviteterna av en typ ska rymmas i objektplanens budget för "
        "samma typ och år (planen i filen, annars den sparade); annars visas en varning vid "
        "importen."
    ),
    "Förkortning": "Förvaltningens förkortning, t.ex. SOF.",
    "Nämnder": "Nämnden eller nämnderna som förvaltningen arbetar åt.",
    "Från år": "Första året som värdet gäller; tomt betyder sedan tidigare.",
    "Till år": "Sista året som värdet gäller; tomt betyder tills vidare.",
    "Inriktning": "Den strategiska inriktningens namn, som den står i strategin.",
    "Inriktningar": "Pottens inriktningar det året.",
    "Parameter": (
        "Timkostnad (kr), Kalkylränta, Kalkylperiod (år) eller Rapportperiod (månader), en per "
        "rad; Kommun är kommunens namn som instrumentpanelen visar det, och Profil den korta "
        "nyckel som exporten anger kommunen med (t.ex. huddinge)."
    ),
    "Värde": (
        "Parameterns värde: timkostnad i kronor över 0 (t.ex. 520), kalkylränta i procent "
        "från 0 % och under 100 % (t.ex. 3,5 %), kalkylperiod i hela år från 1 till 50 (t.ex. "
        "5) och rapportperiod i hela månader från 1 till 60 (t.ex. 6)."
    ),
}
SHEET_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Ansökningar", "Ansöknings-id"): "Ansökans id; ett unikt id per ansökan.",
    ("Lägesrapport", "Status"): (
        "Läget totalt: Grön (enligt plan), Gul (avvikelse som hanteras) eller Röd (behöver beslut)."
    ),
    ("Lägesrapport", "Nytta"): "Läget för nyttan.",
    ("Uppföljning", "Nytta"): (
        "Namnet på en nytta i ansökan, som på bladet Nyttor. En nytta som bara finns i en "
        "tidigare version av ansökan tas emot med en varning: uppföljningen sparas men räknas "
        "inte i nyttorealiseringen."
    ),
    ("Aktiviteter", "Status"): "Var aktiviteten är.",
    ("Aktiviteter", "Mål"): "Aktivitetens mål i en mening (SMART).",
    ("Aktiviteter", "Objekt"): "Objektet på bladet Objekt eller ett redan lagrat objekt.",
    ("Objektplan", "Objekt"): "Objektet på bladet Objekt eller ett redan lagrat objekt.",
    ("Objektplan", "År"): "Året som planen gäller.",
    ("Aktiviteter", "År"): "Året som aktiviteten hör till.",
    ("Kostnader", "År"): (
        "Året som kostnaden uppstår. Nyttokalkylen räknar åren från ansökans år under "
        "kalkylperioden; en kostnad ett annat år visas men räknas inte (varning vid importen)."
    ),
    ("Potten", "År"): (
        "Året som budgeten gäller. Bladet ersätter alla år: ta med tidigare år också (ett år "
        "med ansökningar som saknas ger en varning)."
    ),
    ("Potten", "Budget (kr)"): "Pottens budget det året.",
    ("Förvaltningar", "Förvaltning"): "Förvaltningens namn, som det ska stå i listorna.",
    ("Målområden", "Målområde"): "Fullmäktiges målområde, som det står i budgeten.",
    ("Uppföljning", "Datum"): "Dagen då utfallet mättes.",
    ("Lägesrapport", "Datum"): "Rapportens datum.",
}

# A realistic example per field; {y} is the template year, {n} the year after.
EXAMPLES: dict[str, str] = {
    "Ansöknings-id": "ANS-{y}-001",
    "År": "{y}",
    "Titel": "Digital signering av protokoll",
    "Kontaktperson": "Anna Berg",
    "E-post": "anna.berg@kommunen.se",
    "Behov (vem, vad, varför)": (
        "Nämndsekreterare behöver kunna låta ledamöter signera protokoll digitalt, så att "
        "protokollen kan justeras och publiceras utan att papper skickas runt."
    ),
    "Förväntad effekt": "Protokoll justeras på 2 dagar i stället för 10; utskrifterna upphör.",
    "Sökt belopp (kr)": "450 000",
    "Egen finansiering (kr)": "100 000",
    "Startdatum": "{y}-02-01",
    "Slutdatum": "{y}-12-31",
    "Risker": "Låg användning om ledamöterna inte får utbildning; den ingår i planen.",
    "Förankrad i förvaltningsledning": "Ja",
    "Mål": (
        "Minska handläggningstiden för ekonomiskt bistånd från 10 till 3 dagar senast {n}-06-30"
    ),
    "Indikator": "Handläggningstid i dagar (median)",
    "Enhet": "dagar",
    "Utgångsvärde": "10",
    "Målvärde": "3",
    "Måldatum": "{n}-06-30",
    "Ansvarig": "Enhetschef försörjningsstöd",
    "Nytta": "Kortare handläggningstid för ekonomiskt bistånd",
    "Nyttotyp": "Tidsbesparing",
    "Nyttomottagare": "Medarbetare",
    "Värde per år (kr)": "312 000",
    "Timmar per år": "600",
    "Första år": "{n}",
    "Kostnadspost": "Licens för e-signering",
    "Kostnadstyp": "Drift",
    "Belopp (kr)": "120 000",
    "Beslut": "Beviljad",
    "Beviljat belopp (kr)": "450 000",
    "Beslutsdatum": "{y}-03-15",
    "Beslutsfattare": "Digitaliseringsrådet",
    "Motivering": "Tydlig nytta för invånarna och en realistisk plan.",
    "Datum": "{n}-06-30",
    "Utfall": "4",
    "Utfall (kr)": "250 000",
    "Kommentar": "Leverantören är två veckor försenad; slutdatumet håller.",
    "Upparbetat (kr)": "200 000",
    "Objekt": "Ekonomisystem",
    "Objektägare": "Ekonomichef",
    "Objektledare verksamhet": "Maria Lind",
    "Objektledare IT": "Johan Ek",
    "Förvaltningsbudget (kr)": "1 200 000",
    "Utvecklingsbudget (kr)": "400 000",
    "Aktivitet": "Införa e-fakturor från leverantörer",
    "Typ": "Utveckling",
    "Budget (kr)": "250 000",
    "Förvaltning": "Socialförvaltningen",
    "Förkortning": "SOF",
    "Nämnder": "Socialnämnden",
    "Målområde": "God ekonomi och effektiv verksamhet",
    "Från år": "2021",
    "Till år": "2025",
    "Inriktning": "Vi sätter informationen i centrum",
    "Inriktningar": "Infrastruktur; Invånarkontakter; Automatisering",
    "Parameter": "Timkostnad (kr)",
    "Värde": "520",
}
SHEET_EXAMPLES: dict[tuple[str, str], str] = {
    ("Ansökan", "Ansöknings-id"): "Lämna tomt, eller t.ex. ANS-{y}-001",
    ("Ansökan", "Status"): "Inskickad",
    ("Ansökningar", "Status"): "Inskickad",
    ("Lägesrapport", "Datum"): "{y}-09-30",
    ("Lägesrapport", "Status"): "Gul",
    ("Lägesrapport", "Tid"): "Gul",
    ("Lägesrapport", "Kostnad"): "Grön",
    ("Lägesrapport", "Nytta"): "Grön",
    ("Aktiviteter", "Status"): "Pågår",
    ("Aktiviteter", "Mål"): "Andelen e-fakturor ökar från 60 % till 90 % senast {y}-12-31",
    ("Aktiviteter", "Indikator"): "Andel e-fakturor",
    ("Aktiviteter", "Enhet"): "%",
    ("Aktiviteter", "Målvärde"): "90",
    ("Aktiviteter", "Måldatum"): "{y}-12-31",
    ("Objektplan", "År"): "{y}",
    ("Potten", "Budget (kr)"): "12 000 000",
    ("Målområden", "Till år"): "(tomt = tills vidare)",
    ("Uppföljning", "Kommentar"): "Mätt i verksamhetssystemet i juni.",
}

# Columns of free text that get room to write in.
WIDE_TEXT_KEYS = frozenset(
    {"title", "need", "expected_effect", "risks", "text", "motivation", "comment", "goal"}
)
KIND_WIDTHS = {
    layout.TEXT: 24,
    layout.AMOUNT: 16,
    layout.NUMBER: 14,
    layout.MEASURE: 14,
    layout.PERCENT: 12,
    layout.DATE: 14,
    layout.DEADLINE: 14,
    layout.YEAR: 8,
    layout.BOOL: 10,
    layout.LIST: 30,
    layout.EMAIL: 30,
}

# The step a filled-in selection adds when it brings the objekt its applications name.
CARRIED_OBJEKT = (
    "Bladet Objekt har de PM3-objekt som ansökningarna anger, så att filen kan läsas in även "
    "i en instrumentpanel som saknar dem. En ändring där ändrar objektet när filen importeras."
)
HOW_TO_FILL: dict[str, tuple[str, ...]] = {
    "ansokan": (
        "Fyll i bladet Ansökan: uppgifterna står i kolumn A och du skriver i kolumn B. "
        "Kolumn C säger kort vad som ska stå.",
        "Beskriv på bladet Mål vad ansökan ska uppnå, ett mål per rad. Ett bra mål är SMART: "
        "det har en indikator, ett utgångsvärde, ett målvärde, ett måldatum och en ansvarig.",
        "Beskriv på bladet Nyttor de nyttor som ska följas upp, en per rad, gärna med värde i "
        "kronor eller sparade timmar per år. Ge varje nytta ett eget namn: uppföljningen "
        "anger nyttan med dess namn.",
        "Fyll i bladet Kostnader med en rad per kostnadspost och år.",
    ),
    "ansokningar": (
        "Bladet Ansökningar har en rad per ansökan, med samma fält som ansökningsmallen. "
        "Ansöknings-id är obligatoriskt och ska vara unikt, t.ex. ANS-{y}-001.",
        "På bladen Mål, Nyttor och Kostnader hör varje rad till en ansökan genom kolumnen "
        "Ansöknings-id.",
        "Bladen Beslut, Uppföljning och Lägesrapport kan fyllas i senare och får vara tomma. "
        "De får också gälla ansökningar som redan finns i instrumentpanelen. Beslut har en "
        "rad per ansökan, Lägesrapport en per ansökan och datum och Uppföljning en per nytta "
        "och datum.",
        "En ansökan som redan finns ersätts av innehållet i filen som en ny version; de "
        "tidigare versionerna sparas.",
    ),
    "objekt": (
        "Bladet Objekt har en rad per PM3-objekt med objektägare och objektledare.",
        "Bladet Objektplan har en rad per objekt och år med förvaltnings- och utvecklingsbudget.",
        "Bladet Aktiviteter har en rad per aktivitet i objektplanen. Objektet ska finnas på "
        "bladet Objekt eller redan finnas i instrumentpanelen.",
    ),
    "referensdata": (
        "Arbetsboken innehåller kommunens listor som de är sparade nu: förvaltningar, "
        "fullmäktiges målområden, strategiska inriktningar, pottens budget och inriktningar "
        "per år samt parametrar för nyttokalkylen. Ändra, lägg till eller ta bort rader.",
        "Ett blad som finns i filen ersätter hela den listan vid import; ta bort ett blad för "
        "att lämna den listan som den är.",
        "Från år och Till år anger när ett målområde eller en inriktning gäller; tomt Till år "
        "betyder att den gäller tills vidare.",
        "Bladet Parametrar ska ha raderna Timkostnad (kr), Kalkylränta och Kalkylperiod (år).",
    ),
}
COMMON_FILL = (
    "Fält med orange bakgrund är obligatoriska. Tabellen nedan förklarar varje fält och ger "
    "ett exempel.",
    "Belopp skrivs i kronor (250 000, 250 tkr och 2,5 mnkr går också), {dates}flera värden i "
    "samma cell åtskilda med semikolon (;).",
)
HOW_TO_SEND = (
    "Spara filen som Excel-arbetsbok (.xlsx). Filer i formaten .xls, .csv och .ods kan inte läsas.",
    "Byt inte namn på bladen eller rubrikerna och ta inte bort några kolumner. Egna extra "
    "kolumner går bra men läses inte. {unread} läses inte. Sammanfoga "
    "inte celler i tabellerna: skriv värdet på varje rad.",
    "Ladda upp filen på sidan Importera i instrumentpanelen, eller skicka den till den som "
    "samordnar digitaliseringspotten. Alla fel i filen visas på en gång med blad och cell, "
    "så att du kan rätta dem och ladda upp filen igen. En fil med fel kan du ladda ned med "
    "felen markerade i cellerna.",
)
TABLE_HEADERS = ("Blad", "Fält", "Obligatoriskt", "Vad som ska stå", "Exempel")
INSTRUCTION_WIDTHS = (14, 24, 15, 57, 36)
LABEL_WIDTHS = (32, 60, 54)  # the Ansökan sheet: label, what is filled in, hint


@dataclass(frozen=True)
class _List:
    """One list on the Listor sheet and the range a drop-down refers to."""

    title: str
    values: tuple[str, ...]
    ref: str  # "Listor!$A$2:$A$10"; empty when the list is empty


def write_template(
    target: str | Path | IO[bytes],
    kind: str,
    refs: References,
    year: int,
    filled: Mapping[str, Any] | None = None,
    *,
    last_import: int | None = None,
) -> None:
    """An empty workbook of `kind` for a person to fill in, with drop-downs from `refs`.

    The drop-downs hold the lists valid in `year`; an unknown `kind` raises ValueError.
    filled: what to fill in, by sheet name: a dict of values for the Ansökan sheet, a
    list of row dicts for a table (an application sent back for completion).
    """
    filled = filled or {}
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f'Okänd malltyp "{kind}". Välj en av: {", ".join(TEMPLATE_KINDS)}.')
    kind_sheets = layout.KIND_SHEETS[kind]
    if kind == "ansokningar" and filled.get(layout.OBJEKT_SHEET.name):
        # A filled-in selection brings the objekt its applications name, as the whole
        # export does: another database may lack them, and refused every such application.
        kind_sheets += (layout.OBJEKT_SHEET,)
    sheets = tuple(
        s if s is layout.ANSOKAN else s.shown_for(filled.get(s.name, ())) for s in kind_sheets
    )
    wb = new_workbook()
    instructions = wb.create_sheet(INSTRUCTIONS_SHEET)
    lists = _lists_sheet(wb, sheets, refs, year, filled)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name, index=len(wb.sheetnames) - (1 if lists else 0))
        if sheet is layout.ANSOKAN:
            _label_sheet(ws, sheet, lists, year, filled.get(sheet.name, {}))
        else:
            _table_sheet(ws, sheet, lists, year, filled.get(sheet.name, ()))
    _instructions(instructions, kind, sheets, lists, year, refs.today)
    # An empty template opens on its instructions; a filled-in one on what it holds.
    first = sheets[0].name if filled else INSTRUCTIONS_SHEET
    wb.active = wb.sheetnames.index(first)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == first
    wb.properties.creator = "portfolio"
    wb.properties.title = f"{TITLES[kind]} – mall {year}"
    # The template's content does not depend on when it was made (openpyxl still stamps
    # the time of saving, so two files' bytes differ).
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 1, 1)
    stamp.stamp(wb, last_import)  # filled with stored records: which import they are as of
    wb.save(target)


# -- lists --------------------------------------------------------------------------------


def _list_name(column: Column) -> str | None:
    if column.choices is not None:
        return column.choices
    if column.kind == layout.BOOL:
        return BOOL_LIST
    return None


def _choices(name: str, refs: References, year: int) -> tuple[str, ...]:
    """The values of one list for `year`, as the reader will accept them."""
    if name == BOOL_LIST:
        return YES_NO
    if name in FIXED_CHOICES:
        return tuple(FIXED_CHOICES[name])
    if name == layout.ADMINISTRATIONS:
        return tuple(refs.administrations)
    if name == layout.OBJEKT:
        return tuple(refs.objekt)
    if name == layout.GOAL_AREAS:
        return tuple(refs.goal_areas_in(year))
    if name == layout.DIRECTIONS:
        return tuple(refs.directions_in(year))
    if name == layout.FUND_FOCUS:
        return tuple(refs.fund_focus.get(year, ()))
    raise KeyError(name)


def _lists_sheet(
    wb: Workbook,
    sheets: Sequence[Sheet],
    refs: References,
    year: int,
    filled: Mapping[str, Any] | None = None,
) -> dict[str, _List]:
    """The hidden Listor sheet, one column per list the sheets use; {} when none is needed.

    A value filled in that the year's list lacks (an administration since removed, which
    stays valid for the records naming it) is added at the end: a drop-down that refused
    the cell's own value, on the file sent back for completion, read as a fault."""
    names: list[str] = []
    extra: dict[str, list[str]] = {}
    for sheet in sheets:
        rows = (filled or {}).get(sheet.name, ())
        rows = [rows] if isinstance(rows, Mapping) else rows
        for column in sheet.columns:
            name = _list_name(column)
            if name is not None and name not in names:
                names.append(name)
            if name is None or name == BOOL_LIST:
                continue
            for row in rows:
                value = row.get(column.key)
                for item in value if isinstance(value, (list, tuple)) else (value,):
                    if isinstance(item, str) and item and item not in extra.setdefault(name, []):
                        extra[name].append(item)
    if not names:
        return {}
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    found: dict[str, _List] = {}
    for index, name in enumerate(names, start=1):
        title = LIST_TITLES[name] + (f" {year}" if name in YEAR_LISTS else "")
        items = _choices(name, refs, year)
        items += tuple(v for v in extra.get(name, ()) if v not in items)
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=title)
        header.font = font(bold=True)
        header.fill = HEADER_FILL
        for row, item in enumerate(items, start=2):
            guard_text(ws.cell(row=row, column=index, value=text_value(item)))
        ref = ""
        if items:
            ref = f"{LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
        found[name] = _List(title, items, ref)
        longest = max((len(v) for v in (title, *items)), default=0)
        ws.column_dimensions[letter].width = min(longest + 2, 80)
    ws.freeze_panes = "A2"
    return found


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validations(
    ws: Worksheet, columns: Sequence[tuple[Column, str]], lists: dict[str, _List], year: int
) -> None:
    """Drop-downs, year and length checks for (column, cell range) pairs of one sheet."""
    by_list: dict[tuple[str, bool], DataValidation] = {}
    for column, cells in columns:
        name = _list_name(column)
        listed = lists.get(name) if name else None
        if listed is not None and listed.ref:
            several = column.kind == layout.LIST
            key = (name, several)
            if key not in by_list:
                by_list[key] = _list_validation(listed, several, yes_no=name == BOOL_LIST)
                ws.add_data_validation(by_list[key])
            by_list[key].add(cells)
        elif column.kind == layout.YEAR:
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1=str(values.MIN_YEAR),
                formula2=str(values.MAX_YEAR),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Årtal",
                error=f"Skriv ett årtal med fyra siffror, t.ex. {year}.",
            )
            if column.key == "year" and ws.title in (layout.ANSOKAN.name, "Ansökningar"):
                dv.showInputMessage = True
                dv.promptTitle = "År"
                dv.prompt = f"Listorna i den här mallen gäller år {year}."
            dv.add(cells)
            ws.add_data_validation(dv)
        elif column.max_length:
            dv = DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(column.max_length),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="För lång text",
                error=f"{column.header} får vara högst {column.max_length} tecken.",
            )
            dv.add(cells)
            ws.add_data_validation(dv)


def _list_validation(listed: _List, several: bool, yes_no: bool = False) -> DataValidation:
    """A drop-down that stops a value not in its list; a yes/no one only warns, as the
    import reads x, J, N, Sant and Falskt too (workbooks.md), which people type."""
    if several:
        prompt = "Välj i listan, eller skriv flera åtskilda med semikolon (;)."
    else:
        prompt = "Välj ett värde i listan med pilen till höger om cellen."
    error = f"Välj ett värde i listan ({listed.title}) med pilen till höger om cellen."
    if yes_no:
        error = "Välj Ja eller Nej i listan. x (ja), J, N, Sant och Falskt läses också."
    return DataValidation(
        type="list",
        formula1=listed.ref,
        allow_blank=True,
        showErrorMessage=not several,
        showInputMessage=True,
        errorStyle="warning" if yes_no else "stop",
        errorTitle="Värdet finns inte i listan",
        error=_short(error, 255),
        promptTitle=_short(listed.title, 32),
        prompt=_short(prompt, 255),
    )


# -- the sheets people fill in ------------------------------------------------------------


def _number_format(column: Column) -> str | None:
    if column.kind == layout.AMOUNT:
        return AMOUNT_FORMAT
    if column.kind in (layout.DATE, layout.DEADLINE):
        return DATE_FORMAT
    if column.kind == layout.PERCENT:
        return PERCENT_FORMAT
    return None


def _width(column: Column, lists: dict[str, _List]) -> float:
    base = 45 if column.key in WIDE_TEXT_KEYS else KIND_WIDTHS.get(column.kind, 20)
    name = _list_name(column)
    longest_choice = max((len(v) for v in lists[name].values), default=0) if name in lists else 0
    return float(min(max(base, longest_choice + 3, len(column.header) + 4), MAX_WIDTH))


def _header_note(column: Column, sheet: Sheet, lists: dict[str, _List]) -> str:
    required = "Obligatoriskt." if column.required else "Frivilligt."
    return f"{required} {_explanation(sheet, column, lists)}"


def _table_sheet(
    ws: Worksheet,
    sheet: Sheet,
    lists: dict[str, _List],
    year: int,
    rows: Sequence[dict[str, Any]],
) -> None:
    """A header row and any filled-in rows: drop-downs and formats wait in rows 2..1000."""
    write_table(ws, sheet, rows)
    ranges: list[tuple[Column, str]] = []
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        header.font = font(bold=True)
        header.fill = REQUIRED_FILL if column.required else HEADER_FILL
        header.alignment = Alignment(vertical="top")
        header.comment = _comment(_header_note(column, sheet, lists))
        dimension = ws.column_dimensions[letter]
        # As wide as what is filled in too (the reference lists' names run to 60 characters).
        dimension.width = max(_width(column, lists), min(dimension.width or 0, MAX_WIDTH))
        number_format = _number_format(column)
        if number_format:
            dimension.number_format = number_format
        if column.key in WIDE_TEXT_KEYS:
            dimension.alignment = WRAP_TOP
        ranges.append((column, f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"))
    _validations(ws, ranges, lists, year)
    ws.freeze_panes = "A2"


def _label_sheet(
    ws: Worksheet,
    sheet: Sheet,
    lists: dict[str, _List],
    year: int,
    filled: dict[str, Any],
) -> None:
    """Labels in column A, column B to fill in (or filled in), a short hint in column C."""
    write_labels(ws, sheet, filled)
    ranges: list[tuple[Column, str]] = []
    for row, column in enumerate(sheet.columns, start=1):
        label, cell = ws.cell(row=row, column=1), ws.cell(row=row, column=2)
        label.fill = REQUIRED_FILL if column.required else HEADER_FILL
        label.alignment = WRAP_TOP
        cell.border = INPUT_BORDER
        hint = ws.cell(row=row, column=3, value=_header_note(column, sheet, lists))
        hint.font = HINT_FONT
        hint.alignment = WRAP_TOP
        # Tall enough for the whole hint and what is filled in: a row of default height
        # showed their first line only, or (LibreOffice, and printed) ran over the rows below.
        room = 60 if column.key in WIDE_TEXT_KEYS else 0
        texts = (str(cell.value or ""), str(hint.value))
        ws.row_dimensions[row].height = max(
            room, *(_text_height(t, w) for t, w in zip(texts, LABEL_WIDTHS[1:], strict=True))
        )
        ranges.append((column, f"B{row}"))
    _validations(ws, ranges, lists, year)
    for letter, width in zip("ABC", LABEL_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width


def _text_height(text: str, width: float) -> float:
    """Points for `text` wrapped in a column `width` characters wide (about 0,95 of them
    filled a line), at the workbook's 11 point font."""
    lines = math.ceil(len(text) / (width * 0.95)) if text else 1
    return 15 * max(lines, 1) + 3


def _comment(text: str) -> Comment:
    comment = Comment(text, "Mall")
    comment.width = 300
    comment.height = 40 + 15 * math.ceil(len(text) / 45)
    return comment


# -- the instructions ---------------------------------------------------------------------


def _explanation(sheet: Sheet, column: Column, lists: dict[str, _List]) -> str:
    """What to write in a field: its meaning, then how to type it."""
    parts = [
        column.help
        or SHEET_DESCRIPTIONS.get((sheet.name, column.header))
        or DESCRIPTIONS.get(column.header, "")
    ]
    name = _list_name(column)
    if column.kind == layout.BOOL:
        hint = "Välj Ja eller Nej."
    elif name is not None and name in lists and not lists[name].values:
        # Nothing typed here would be accepted: say so, rather than invite a guess.
        hint = f"Listan ({lists[name].title}) är tom"
        if column.required:
            hint += (
                "; fältet är obligatoriskt, så fråga den som samordnar digitaliseringspotten "
                "innan du skickar in."
            )
        else:
            hint += "; lämna fältet tomt."
    elif name is not None and column.kind == layout.LIST:
        hint = "Välj i listan, eller skriv flera åtskilda med semikolon (;)."
    elif name is not None:
        hint = "Välj i listan."
    elif column.kind == layout.AMOUNT:
        hint = "Belopp i kronor; 250 000, 250 tkr och 2,5 mnkr går också."
    elif column.kind == layout.DATE:
        hint = "Datum som ÅÅÅÅ-MM-DD."
    elif column.kind == layout.DEADLINE:
        # Excel may turn 2025-06 typed into this date-formatted cell into 1 June, shown as
        # such: the month is read as its last day only where it stays text or month-only.
        hint = (
            "Datum som ÅÅÅÅ-MM-DD. Ett årtal (2025) läses som 31 december. Skriv en månads "
            "sista dag hela: Excel kan göra 2025-06 till den 1 juni."
        )
    elif column.kind == layout.YEAR:
        hint = "Årtal med fyra siffror."
    elif column.kind == layout.NUMBER:
        hint = "Ett tal; decimalkomma går bra."
    elif column.kind == layout.MEASURE:
        hint = "Ett tal; decimalkomma går bra. En andel i procent, t.ex. 12 %, läses som 12."
    elif column.kind == layout.PERCENT:
        hint = "Procent, t.ex. 3,5 %."
    elif column.kind == layout.LIST:
        hint = "En eller flera, åtskilda med semikolon (;)."
    elif column.kind == layout.EMAIL:
        hint = "En e-postadress."
    elif column.max_length:
        hint = f"Fritext, högst {column.max_length} tecken."
    else:
        hint = "" if parts[0] else "Fritext."
    if column.kind == layout.AMOUNT and "belopp i kronor" in parts[0].casefold():
        hint = "250 000, 250 tkr och 2,5 mnkr går också."
    if hint and not _covered(hint, parts[0]):
        parts.append(hint)
    return " ".join(p for p in parts if p)


def _covered(hint: str, help_text: str) -> bool:
    """True when the help already says what the hint would (semicolons, Ja/Nej, max length)."""
    text = help_text.casefold()
    return any(
        marker in text and marker in hint.casefold()
        for marker in ("semikolon", "ja eller nej", "tecken", "e-postadress")
    )


def _example(
    sheet: Sheet, column: Column, lists: dict[str, _List], year: int, today: dt.date
) -> str:
    """An example the importer takes as it stands, in the lists of `year` and on `today`."""
    text = SHEET_EXAMPLES.get((sheet.name, column.header), EXAMPLES.get(column.header, ""))
    text = text.format(y=year, n=year + 1)
    name = _list_name(column)
    if name is not None and name in lists:
        options = lists[name].values
        if not options:
            return "" if column.required else "Lämna tomt"
        if column.kind == layout.LIST:
            return "; ".join(options[:2])
        if text not in options:
            return options[0]
    if sheet.name in PAST_DATED_SHEETS and column.kind == layout.DATE:
        # A decision, an outcome or a status report is dated when it happened.
        return min(dt.date.fromisoformat(text), today).isoformat()
    return text


def _paragraph(ws: Worksheet, row: int, text: str, *, bold: bool = False, size: int = 11) -> int:
    """One merged, wrapped line of text across the instruction table's width."""
    last = get_column_letter(len(TABLE_HEADERS))
    ws.merge_cells(f"A{row}:{last}{row}")
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = font(bold=bold, size=size)
    cell.alignment = WRAP_TOP
    characters_per_line = sum(INSTRUCTION_WIDTHS) * 1.1
    lines = max(1, math.ceil(len(text) / characters_per_line))
    ws.row_dimensions[row].height = max(size * 1.6, 15 * lines + 3)
    return row + 1


def _instructions(
    ws: Worksheet,
    kind: str,
    sheets: Sequence[Sheet],
    lists: dict[str, _List],
    year: int,
    today: dt.date,
) -> None:
    for index, width in enumerate(INSTRUCTION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    print_layout(ws, one_page_wide=True)
    row = _paragraph(ws, 1, f"{TITLES[kind]} – mall", bold=True, size=16)
    if lists:
        made_for = (
            f"Listorna att välja i är gjorda för år {year}. Använd en ny mall för ett annat år."
        )
    elif kind == "referensdata":  # every year's lists: no year to name (QA)
        made_for = "Arbetsboken gäller alla år, inte ett enskilt år."
    else:
        made_for = f"Mallen är gjord för år {year}."
    row = _paragraph(ws, row, made_for, bold=True) + 1
    row = _paragraph(ws, row, "Så fyller du i", bold=True, size=13)
    steps = HOW_TO_FILL[kind]
    if kind == "ansokningar" and any(s.name == layout.OBJEKT_SHEET.name for s in sheets):
        steps += (CARRIED_OBJEKT,)
    steps += COMMON_FILL
    if lists:
        steps += ("Celler med en pil har en lista att välja i.",)
    # The reference workbook holds no dates, and one without drop-downs no Listor (QA).
    dates = "" if kind == "referensdata" else "datum som ÅÅÅÅ-MM-DD och "
    unread = "Bladen Instruktioner och Listor" if lists else "Bladet Instruktioner"
    for number, step in enumerate(steps, start=1):
        row = _paragraph(ws, row, f"{number}. {step.format(y=year, dates=dates)}")
    row = _paragraph(ws, row + 1, "Så skickar du in", bold=True, size=13)
    for number, step in enumerate(HOW_TO_SEND, start=1):
        row = _paragraph(ws, row, f"{number}. {step.format(unread=unread)}")
    row = _paragraph(ws, row + 1, "Fälten", bold=True, size=13)
    top = row
    for index, header in enumerate(TABLE_HEADERS, start=1):
        cell = ws.cell(row=row, column=index, value=header)
        cell.font = font(bold=True)
        cell.fill = HEADER_FILL
    for sheet in sheets:
        for column in sheet.columns:
            row += 1
            cells = (
                sheet.name,
                column.header,
                "Ja" if column.required else "Nej",
                _explanation(sheet, column, lists),
                _example(sheet, column, lists, year, today),
            )
            for index, value in enumerate(cells, start=1):
                cell = ws.cell(row=row, column=index, value=text_value(value))
                cell.alignment = WRAP_TOP
                guard_text(cell)
            if column.required:
                ws.cell(row=row, column=3).fill = REQUIRED_FILL
            ws.row_dimensions[row].height = max(
                _text_height(str(value), width)
                for value, width in zip(cells, INSTRUCTION_WIDTHS, strict=True)
            )
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(TABLE_HEADERS))}{row}"
