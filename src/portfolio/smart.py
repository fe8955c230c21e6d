"""SMART assessment of goals: five verdicts, each with a short Swedish reason.

Pure Python: no Streamlit, no I/O, no database. `assess` reads the goal text (Swedish or
English) and, when the caller has them, the structured fields of the goal (indicator, unit,
baseline, target, deadline, owner, goal area) and returns an `Assessment` with one `Verdict` per
letter. A verdict is True, False, or None when the available information cannot tell; its
reason is a short Swedish phrase the goal's author can act on.

All word lists below are transparent regular expressions over the lower-cased text (so the
lists are case-insensitive, and å/ä/ö are ordinary letters of a word). Swedish terms are stems
that also match inside compounds ("tid" matches "handläggningstiden", "faktur" matches
"leverantörsfakturorna"); a term that starts with \b only matches at the start of a word.
Everything is compiled at import; assessing a goal is a couple of dozen regex searches on a
short string (see benchmarks/smart_bench.py: 10 000 goals well under a second).

Specifik (specific)
    A goal is specific when it names *what* changes and *where or for whom*.

    - what: an object of change (`_OBJECT_TERMS`: handläggningstid, väntetid, andel, antal,
      kostnad, fel, ärenden, samtal, processing time, share, number of, ...), a concrete change
      (`_CONCRETE_VERB_TERMS`: digitalisera, automatisera, införa, publicera, "digitalt", "online",
      "säkerställa att ...", ...), a measurable value (see Mätbar), or a structured indicator;
      weaker signals ("ska ...", "genom ...", "öka/minska ..." + noun, "snabbare", "will get")
      count only when the text has no vague word (`_VAGUE_VERB_TERMS`: effektivisera,
      förbättra, utveckla, säkerställa, skapa förutsättningar, improve, streamline, ensure,
      ...; `_VAGUE_WORD_TERMS`: kvalitet, digitalisering, tillgänglighet, bättre, efficiency,
      ...); a text without any verb, comparative or number is a heading, not a goal;
    - where/for whom: a service or process (`_SERVICE_TERMS`: e-tjänst, ansökan, bygglov,
      ekonomiskt bistånd, hemtjänst, förskola, fakturor, protokoll, arkiv, building permits,
      payroll, ...) or a beneficiary (`_BENEFICIARY_TERMS`: invånare, medborgare, elever, brukare,
      medarbetare, handläggare, företag, residents, staff, pupils, citizens, businesses, ...).

    Examples: "Minska handläggningstiden för bygglov" -> True ("handläggningstiden",
    "bygglov"); "Effektivisera verksamheten" -> False "'effektivisera' utan vad som ska bli
    bättre"; "Improve efficiency" -> False "'improve' utan vad som ska bli bättre";
    "Digitala detaljplaner" (no verb, no number) -> False "en rubrik, inte ett mål: säg vad
    som ska förändras och för vem"; "Minska antalet dubbelregistreringar" -> False
    "'antalet' utan verksamhet eller målgrupp"; "Utveckla e-tjänsterna för bygglov" -> False
    "'utveckla' utan vad som ska bli bättre"; "Säkerställa att alla elever har en egen
    digital enhet" -> True ("säkerställa att" states what shall hold, "elever" for whom).

Mätbar (measurable)
    True for a structured target value ("målvärde 3 dagar"), or a value in the text: "från X
    till Y" ("från 10 till 4 veckor"), a number with a unit or a percentage ("90 %", "5
    dagar", "200 tkr", "SEK 150,000", "2 million"), a bare target after "till/minst/högst"
    ("till 72"), "halvera"/"halve" ("halvering"), "fördubbla"/"double the" ("fördubbling"), a
    fraction ("med en tredjedel"). Years, dates and periods are not values: "inom 12 månader"
    is a deadline, while "inom 2 dagar" (days, hours, minutes, seconds, weeks) is a service
    level and is measurable. A number that looks like a year but carries a unit ("2000
    besök") or stands in "från 900 till 2000" is a value. "Alla"/"samtliga" without a number
    is not a target value ("Alla elever ska ha en dator" -> False "inget mätbart värde i
    texten").
    False: "målvärde saknas" when structured fields were given, otherwise "inget mätbart
    värde i texten".

Accepterad/rimlig (achievable)
    Uses baseline, target and unit (structured, or parsed from "från 40 till 20 dagar" and
    "95 %" in the text), a period in the text ("inom en månad") and the owner. False when
    - a percentage target is above 100 ("från 80 till 120 %" -> "målvärdet 120 % är över
      100 %");
    - a reduction is by more than 100 % ("minska med 150 %");
    - a share moves by 50 percentage points or more within a month or less ("från 0 till
      100 % inom en månad");
    - the target goes the wrong way against the text's only direction ("Minska väntetiden
      från 2 till 6 minuter" -> "'minska' men målvärdet 6 är högre än utgångsvärdet 2");
    - structured fields were given but no owner: "ansvarig saknas".
    True when nothing above applies and an owner is named. With the text only (no structured
    field at all) and nothing implausible: None, "kan inte bedömas utan utgångsvärde och
    ansvarig".

Relevant
    True when the goal is linked to a goal area valid in the goal's year (`goal_area`, checked
    against `valid_goal_areas` when given) or to a valid strategic direction. False "inget
    målområde" when the caller passed the valid areas but nothing is linked, and "målområdet
    'X' gäller inte 2024" when the linked area is not valid that year. None "kan inte bedömas
    utan målområde" for a text alone.

Tidsatt (time-bound)
    True for a structured deadline ("måldatum 2025-06-30") or a date or period in the text:
    "senast 2025-06-30" -> "måldatum 2025-06-30"; "senast Q3 2025", "under 2024", "till
    utgången av 2026", "första kvartalet 2025", "by December 2025", "from autumn 2025",
    "inom 12 månader", "within 18 months" -> the phrase itself. Not deadlines: a baseline year
    ("jämfört med 2023" -> "'jämfört med 2023' är ett basår, inte ett måldatum"), a frequency
    ("årligen", "per år", "annually" -> "'årligen' är en frekvens, inte ett måldatum"), a
    vague time ("snarast", "på sikt" -> "'snarast' är inget måldatum"), a service level
    ("inom 30 minuter" -> "'inom 30 minuter' är en svarstid, inte ett måldatum"), a strategy's
    name ("Agenda 2030", "verksamhetsplan 2025"). Otherwise "inget måldatum". A deadline
    before the goal's `year` is False ("måldatum 2023-06-30 ligger före 2024"). In "från 2024
    till 2026" the deadline is 2026.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from portfolio.model import Activity, Goal

LETTERS: tuple[tuple[str, str], ...] = (
    ("specific", "Specifik"),
    ("measurable", "Mätbar"),
    ("achievable", "Accepterad/rimlig"),
    ("relevant", "Relevant"),
    ("time_bound", "Tidsatt"),
)

NOT_JUDGED_ACHIEVABLE = "kan inte bedömas utan utgångsvärde och ansvarig"
HEADING = "en rubrik, inte ett mål: säg vad som ska förändras och för vem"


@dataclass(frozen=True)
class Verdict:
    ok: bool | None
    reason: str  # short Swedish phrase


@dataclass(frozen=True)
class Assessment:
    specific: Verdict
    measurable: Verdict
    achievable: Verdict
    relevant: Verdict
    time_bound: Verdict

    @property
    def score(self) -> int:
        """The number of True verdicts."""
        return sum(1 for key, _ in LETTERS if getattr(self, key).ok is True)

    @property
    def fully_smart(self) -> bool:
        return self.score == len(LETTERS)

    def weaknesses(self) -> list[str]:
        """Every verdict that is not True as "Label: reason", in SMART order."""
        out = []
        for key, label in LETTERS:
            verdict = getattr(self, key)
            if verdict.ok is not True:
                out.append(f"{label}: {verdict.reason}")
        return out

    def to_json(self, text: str) -> dict:
        """The object `python -m portfolio smart --json` prints (shared/spec/cli.md)."""
        out: dict = {"text": text, "score": self.score}
        for key, _ in LETTERS:
            verdict = getattr(self, key)
            out[key] = {"ok": verdict.ok, "reason": verdict.reason}
        return out


# -- Shared pieces ----------------------------------------------------------------------------


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


# A number: "12", "2,5", "1 200", "150,000", "1.5". Bounded, and never starting inside a run of
# digits, so that no pattern backtracks over a long string of digits.
_NUM = r"(?<!\d)(?:\d{1,3}(?:[ ,]\d{3}){1,4}(?:\.\d{1,6})?|\d{1,12}(?:[.,]\d{1,6})?)(?!\d)"
_YEAR = r"(?:19|20)\d\d"
_NUMWORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "femton": 15, "arton": 18, "tjugo": 20,
    "tjugofyra": 24, "trettio": 30, "fyrtio": 40, "femtio": 50,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_NUMWORD = _alt(*sorted((re.escape(w) for w in _NUMWORDS), key=len, reverse=True))
_MONTHS = _alt(
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
    "august", "october",
    r"jan\.?", r"feb\.?", r"apr\.?", r"jun\.?", r"jul\.?", r"aug\.?", r"sept?\.?", r"okt\.?",
    r"oct\.?", r"nov\.?", r"dec\.?",
)  # fmt: skip

# Units after a number that make it a target value.
_UNIT = _alt(
    "%", "procentenheter", "procent", "per cent", "percentage points", "percent", "pp",
    "mnkr", "mdkr", "mkr", "tkr", "msek", "kronor", "kr", "sek", "miljoner", "miljon",
    "miljarder", "millions?", "billions?", "thousand", "tusen",
    "arbetsdagar", "dagar", "dag", "dygn", "veckor", "vecka", "timmar", "timme", "tim",
    "minuter", "minut", "min", "sekunder", "sekund", "månader",
    "stycken", "st", "personer", "ärenden", "samtal", "besök", "sidor", "poäng", "index",
    "working days", "business days", "days", "day", "weeks", "week", "hours", "hour",
    "minutes", "minute", "seconds", "second", "people", "persons", "cases", "calls",
    "visits", "points", "pages",
)  # fmt: skip
_PCT = r"(?:%|procent|per cent|percent)"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# -- Time ---------------------------------------------------------------------------------------

_PREP = _alt(
    "senast", "till och med", r"t\.o\.m\.?", "till utgången av", "vid utgången av",
    "före utgången av", "innan utgången av", "till slutet av", "i slutet av", "i början av",
    "under", "till", "före", "innan", "från och med", r"fr\.o\.m\.?", "från", "per", "i",
    "by the end of", "by end of", "at the end of", "no later than", "not later than",
    "by", "before", "until", "through", "in", "during", "from", "starting",
)  # fmt: skip
_QUAL = _alt(
    rf"(?:den\s+)?\d{{1,2}}\s+{_MONTHS}",
    rf"{_MONTHS}(?:\s+\d{{1,2}},?)?",
    r"q[1-4]",
    r"kvartal\s+[1-4]",
    r"(?:första|andra|tredje|fjärde|sista)\s+(?:kvartalet|halvåret|tertialet)",
    r"(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:quarter|half)(?:\s+of)?",
    r"tertial\s+[1-3]",
    r"t[1-3]",
    r"h[12]",
    r"hösten", r"våren", r"sommaren", r"vintern", r"vårterminen", r"höstterminen",
    r"ht", r"vt", r"läsåret", r"budgetåret", r"verksamhetsåret", r"året", r"år",
    r"utgången av", r"slutet av", r"början av", r"mitten av",
    r"(?:the\s+)?(?:end|start|beginning|middle)\s+of",
    r"autumn", r"spring", r"summer", r"winter", r"fall", r"the\s+year",
)  # fmt: skip
# A year, an ISO date or a range of years; then the words before it, matched back from it.
_YEAR_AT = _rx(
    rf"(?<![\d-])(?P<year>{_YEAR})"
    rf"(?:-(?P<md>[01]\d-[0-3]\d)|/\d\d(?:\d\d)?|\s*[-–]\s*(?P<year2>{_YEAR}))?(?![\d-])"
)
_YEAR_IS_VALUE_AFTER = _rx(rf"\s*(?:{_UNIT})(?!\w)|\s+(?:till|to)\s+(?!{_YEAR}\b)\d")
_YEAR_IS_VALUE_BEFORE = _rx(
    rf"\b(?:från|from)\s+(?!{_YEAR}\b)(?:{_NUM})\s*(?:{_UNIT})?\s+(?:till|to)\s+$"
)
_START_OF_RANGE = _rx(r"(?:från|from) $")
_RANGE_END = _rx(rf"\s*(?:till|to|–|-)\s*(?:\w+\s+)?{_YEAR}\b")
_DATE_PREFIX = _rx(rf"(?:{_PREP} )?(?:the )?(?:{_QUAL} ?-? ?)?")
_MONTH_ONLY = _rx(
    rf"\b(?:senast|till och med|före|innan|by the end of|by|before|until|i slutet av|"
    rf"till utgången av)\s+(?:{_MONTHS})\b(?!\s*\d)"
)
_PERIOD = _rx(
    r"\b(?:inom|inom loppet av|within|in|på|under|over|during|for)\s+"
    r"(?:de\s+(?:närmaste|kommande)\s+|the\s+(?:next|coming)\s+)?"
    rf"(?P<n>\d+|{_NUMWORD})\s+"
    r"(?P<u>månader|månad|år|kvartal|halvår|months?|years?|quarters?)\b"
)
_SERVICE_LEVEL = _rx(
    r"\b(?:inom|within|in under|på högst|within a maximum of)\s+"
    rf"(?:{_NUM}|{_NUMWORD})\s+"
    r"(?:arbetsdagar|dagar|dag|dygn|timmar|timme|minuter|sekunder|veckor|vecka|"
    r"working days|business days|days|day|hours|hour|minutes|seconds|weeks|week)\b"
)
_BASELINE_BEFORE = _rx(
    r"(?:jämfört med|jämfört mot|i jämförelse med|jämförelse med|i förhållande till|relativt|"
    r"gentemot|\bmot|sedan|since|compared (?:with|to)|relative to|than(?: in)?|\bän|"
    r"basåret|basår|baseline|nivån|levels? (?:of|in))\s*(?:år\s*)?(?:the\s+)?$"
)
_BASELINE_AFTER = _rx(r"^\s*(?:års|'s)\s+(?:nivå|utfall|resultat|värde)|^\s*levels?\b")
_NAMED_YEAR_BEFORE = _rx(r"(?:agenda|vision|strategi\w*|plan\w*|program\w*|wcag)\s*$")
_FREQUENCY = _rx(
    r"\b(?:årligen|varje år|per år|om året|i året|årsvis|per månad|varje månad|månadsvis|"
    r"månatligen|kvartalsvis|varje kvartal|per kvartal|varje vecka|per vecka|veckovis|"
    r"dagligen|varje dag|per dag|löpande|kontinuerligt|annually|every year|each year|per year|"
    r"a year|yearly|monthly|every month|each month|per month|a month|quarterly|weekly|"
    r"every week|per week|a week|daily|every day|continuously|on an ongoing basis|ongoing)\b"
)
_VAGUE_TIME = _rx(
    r"\b(?:snarast(?: möjligt)?|så snart som möjligt|så fort som möjligt|på sikt|på längre sikt|"
    r"på kort sikt|framöver|i framtiden|inom kort|i tid|as soon as possible|asap|"
    r"in the long run|in the long term|over time|eventually|soon|in the future|in time|"
    r"on time|när det är möjligt)\b"
)


_DIGIT = _rx(r"\d")
# Numbers that are neither values nor deadlines: quarters, school years, standards, "3D".
_NOT_A_VALUE = _rx(r"\b(?:q[1-4]|t[1-3]|h[12]|årskurs \d+|wcag \d(?:\.\d)*|\d+d)\b")
_VALUE_PAREN = _rx(rf"\d\s*(?:{_UNIT})?\s*\($")
_CHANGE_BEFORE = _rx(r"\b(?:med|by)\s*$")
_THOUSANDS = _rx(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


# -- Values -------------------------------------------------------------------------------------

_FROM_TO = _rx(
    r"\b(?:från|from)\s+(?:i genomsnitt\s+|an average of\s+|around\s+|cirka\s+|ca\.?\s+)?"
    rf"(?P<a>{_NUM})\s*(?P<ua>{_UNIT})?\s+(?:till|to|ned till|down to|upp till|up to)\s+"
    r"(?:i genomsnitt\s+|an average of\s+|högst\s+|minst\s+|at least\s+|at most\s+)?"
    rf"(?P<b>{_NUM})(?:\s*(?P<ub>{_UNIT})(?!\w))?"
)
_NUM_UNIT = _rx(rf"(?<![\w.,])(?P<n>{_NUM})\s*(?P<u>{_UNIT})(?!\w)")
_CURRENCY_FIRST = _rx(
    rf"\b(?:sek|kr)\s*(?P<n>{_NUM})(?:\s*(?P<u>million|millions|miljoner|m|k|thousand))?\b"
)
_BARE_TARGET = _rx(
    r"\b(?:till|to|högst|minst|maximalt|max|minimum|at least|at most|no more than|under|below|"
    r"above|över|upp till|up to|ned till|down to)\s+(?:i genomsnitt\s+|an average of\s+)?"
    rf"(?P<n>{_NUM})(?![\d%])(?!\s*[-/])"
)
_WORD_PCT = _rx(rf"\b(?P<w>{_NUMWORD})\s+(?:procent|percent|per cent)\b")
_HALVE = _rx(r"\b(?:halvera\w*|halve[sd]?|halving|by half|in half)\b|\bhälften\b")
_DOUBLE = _rx(
    r"\b(?:fördubbla\w*|tredubbla\w*|doubling|tripling)\b|"
    r"\b(?:double[sd]?|triple[sd]?)\s+(?:the|our|its|their|all)\b"
)
_FRACTION = _rx(
    r"\b(?:med|by)\s+(?:en|ett|a|one)\s+(?:tredjedel|fjärdedel|femtedel|tiondel|third|"
    r"quarter|fifth|tenth)\b|\b(?:två tredjedelar|two thirds)\b"
)
_PCT_LEVEL = _rx(
    r"\b(?:till|to|minst|at least|högst|at most|upp till|up to)\s+"
    rf"(?P<n>{_NUM})\s*{_PCT}|(?P<m>{_NUM})\s*{_PCT}\s+(?:av|of)\b"
)
_PCT_CUT = _rx(
    r"\b(?:minska\w*|sänka\w*|reducera\w*|reduce[sd]?|reducing|cut|decrease[sd]?|lower)\b"
    rf"[^.;]{{0,80}}?\b(?:med|by)\s+(?P<n>{_NUM})\s*{_PCT}"
)
_DECREASE = _rx(
    r"\b(?:minska\w*|sänka\w*|sänk|korta|kortare|halvera\w*|reducera\w*|reduce[sd]?|reducing|"
    r"cut|decrease[sd]?|lower|shorten|halve)\b"
)
_INCREASE = _rx(r"\b(?:öka|ökar|ökas|höja|höjs|fördubbla\w*|increase[sd]?|raise|grow|boost)\b")


# -- Specific: the word lists -------------------------------------------------------------------
# Each term starts with a letter, or with \b and a letter (a word start); Swedish stems without
# \b also match inside compounds. `_lexicon` groups the terms by their first letter, so the
# regex engine rejects most positions of a text with one character comparison.


def _lexicon(*terms: str) -> re.Pattern[str]:
    groups: dict[str, list[str]] = {}
    for term in terms:
        if term.startswith(r"\b"):
            first, rest = term[2], rf"(?<=\b{re.escape(term[2])}){term[3:]}"
        else:
            first, rest = term[0], term[1:]
        if not first.isalnum():
            raise ValueError(f"a term must start with a letter: {term!r}")
        groups.setdefault(first, []).append(rest)
    return _rx("|".join(f"{re.escape(c)}(?:{'|'.join(rs)})" for c, rs in groups.items()))


_OBJECT_TERMS = (
    # Swedish quantities (stems, also inside compounds)
    r"tid(?<!framtid)(?<!samtid)(?<!alltid)(?<!fritid)(?<!heltid)(?<!deltid)(?<!nattetid)"
    r"(?<!\bi tid)(?:en|er|erna)?\b",
    r"\bandel", r"\bantal", r"kostnad", r"utgift",
    r"\bfel\b", r"\bfel(?:en|et|aktig|registrering|anmäl)",
    r"ärenden", r"samtal", r"frågor", r"klagomål",
    r"synpunkter", r"besök", r"frånvaro", r"utskrift",
    r"\bpapper", r"blankett", r"förbrukning", r"störning",
    r"användning", r"index\b", r"\bnki\b", r"utsläpp", r"resor\b",
    r"nöjdhet", r"registrering", r"avvikelse", r"incident",
    r"beläggning", r"sjukskrivning", r"personalomsättning",
    r"besparing", r"\bvolym", r"kötid", r"telefonkö",
    # English quantities
    r"\bprocessing times?\b", r"\bwaiting times?\b", r"\blead times?\b",
    r"\bresponse times?\b", r"\bhandling times?\b", r"\bturnaround times?\b",
    r"\bqueue times?\b",
    r"\btimes?\b", r"\bwaits?\b", r"\bshare\b", r"\bproportion\b", r"\bpercentage\b",
    r"\bnumber of\b", r"\bamount of\b", r"\brate\b", r"\bcosts?\b", r"\berrors?\b",
    r"\bmistakes?\b", r"\bcomplaints?\b", r"\bcalls?\b", r"\bvisits?\b",
    r"\bsick leave\b", r"\babsence\b", r"\bsatisfaction\b", r"\bpaper\b",
    r"\bprinting\b", r"\bqueues?\b", r"\busage\b", r"\buse of\b", r"\bemissions?\b",
    r"\bspending\b", r"\bbacklog\b", r"\bdowntime\b", r"\boutages?\b", r"\bincidents?\b",
    r"\bsavings?\b",
)  # fmt: skip
_SERVICE_TERMS = (
    # Swedish services and processes
    r"bygglov", r"bistånd", r"försörjningsstöd", r"hemtjänst",
    r"hemsjukvård", r"skol", r"e-tjänst", r"\betjänst", r"\btjänst",
    r"ansökan", r"ansökning", r"faktur", r"protokoll",
    r"arkiv", r"diari", r"kontaktcent", r"medborgarcent",
    r"servicecent", r"\blön", r"löne", r"ekonomisystem",
    r"verksamhetssystem", r"ärendehantering", r"lärplattform",
    r"socialtjänst", r"socialförvaltning", r"\bifo\b",
    r"bostadsanpassning", r"bibliotek", r"tillstånd", r"webbplats",
    r"\bwebben\b", r"hemsida", r"intranät", r"äldreomsorg",
    r"äldreboende", r"\bsärskilt?a? boende", r"snöröjning",
    r"väghållning", r"färdtjänst", r"\blokal(?:er|erna|bokning)",
    r"lokalbokning", r"larm", r"upphandling", r"avtal",
    r"nätverk", r"\bwi-?fi\b", r"utbetalning", r"betyg",
    r"informationssäkerhet", r"detaljplan", r"planprocess",
    r"nämnd", r"sammanträde", r"fullmäktige", r"kommunstyrelse",
    r"växel", r"parkering", r"avfall", r"renhållning",
    r"sophämtning", r"vatten", r"avlopp", r"tillsyn",
    r"\blss\b", r"\bvård", r"omsorg", r"journal", r"dokumentation",
    r"elevhälsa", r"föreningsbidrag", r"idrottshall", r"simhall",
    r"fritidsgård", r"mottagning", r"rekrytering", r"behörighet",
    r"utskick", r"brevlåda", r"posthantering", r"porto",
    r"inköp", r"\be-handel", r"leverantör", r"ekonomiavdelning",
    r"ekonomienhet", r"ekonomiprocess", r"redovisning",
    r"bokföring", r"schemaläggning", r"närvaroregistrering",
    r"närvarohantering", r"måltid", r"bokning", r"bygglovs",
    r"kontaktcenter", r"kundtjänst", r"bemanning", r"läromedel",
    r"kartor?\b", r"nybyggnadskarta", r"planbesked", r"datamängd",
    r"\böppna data\b", r"\bopen data\b", r"\bdata ?sets?\b", r"anmälan",
    r"läkemedel", r"inskrivning", r"antagning", r"\bprov(?:en|et)?\b",
    r"entré", r"kontroll(?:er|en|erna)?\b", r"grannehörande",
    r"planprojekt", r"fastighet", r"möten", r"webbsid",
    r"\bwcag\b", r"köhantering", r"bildstöd",
    # English services and processes
    r"\bbuilding permits?\b", r"\bpermits?\b", r"\bplanning\b",
    r"\bfinancial assistance\b", r"\bsocial assistance\b", r"\bwelfare\b",
    r"\bhome care\b", r"\belderly care\b", r"\bcare homes?\b", r"\bnursing homes?\b",
    r"\bresidential care\b", r"\bpre-?schools?\b", r"\bschools?\b", r"\bkindergartens?\b",
    r"\be-services?\b", r"\bonline services?\b", r"\bapplications?\b", r"\binvoices?\b",
    r"\bbilling\b", r"\baccounts payable\b", r"\bminutes\b(?! (?:to|after|from))",
    r"\barchives?\b", r"\brecords\b", r"\bcontact cent(?:re|er)s?\b",
    r"\bcall cent(?:re|er)s?\b", r"\bcustomer service\b", r"\bpayroll\b", r"\bsalar",
    r"\blibrar(?:y|ies)\b", r"\bsocial services?\b", r"\bwebsites?\b", r"\bintranet\b",
    r"\bsnow clearing\b", r"\broad maintenance\b", r"\bcase management\b",
    r"\bprocurement\b", r"\bpurchasing\b", r"\bcontracts?\b", r"\bnetworks?\b",
    r"\bfinance department\b", r"\baccounting\b", r"\brecruitment\b", r"\bonboarding\b",
    r"\bpostage\b", r"\btimetables?\b", r"\bschool app\b", r"\bparking\b",
    r"\bwaste collection\b", r"\bcouncil\b", r"\bassessments?\b", r"\bbookings?\b",
)  # fmt: skip
_BENEFICIARY_TERMS = (
    r"invånar", r"medborgar", r"\belev", r"brukar",
    r"medarbetar", r"handläggar", r"företag", r"vårdnadshavar",
    r"\bföräldrar", r"sökande\b", r"\bäldre\b", r"patient", r"\bkund",
    r"besökar", r"anställda", r"\bpersonal", r"\bchef(?:er|erna)?\b",
    r"lärar", r"pedagog", r"näringsidkar", r"entreprenör",
    r"föreningar", r"\bungdomar", r"\bbarn", r"\bunga\b", r"hyresgäst",
    r"nyanlända", r"arbetssökande", r"förtroendevalda",
    r"användar", r"vårdtagar", r"omsorgstagar", r"\bklient",
    r"\bresidents?\b", r"\bstaff\b", r"\bpupils?\b", r"\bstudents?\b", r"\bcitizens?\b",
    r"\bbusiness(?:es)?\b", r"\bcompan(?:y|ies)\b", r"\bcase ?workers?\b",
    r"\bemployees?\b", r"\busers?\b", r"\bcustomers?\b", r"\bparents?\b",
    r"\bguardians?\b", r"\bteachers?\b", r"\bpatients?\b", r"\bthe elderly\b",
    r"\bolder people\b", r"\bapplicants?\b", r"\bvisitors?\b", r"\bmanagers?\b",
    r"\bclients?\b", r"\bchildren\b", r"\byoung people\b", r"\btenants?\b",
    r"\bpoliticians?\b", r"\bcouncillors?\b", r"\bsocial workers?\b", r"\bcare workers?\b",
)  # fmt: skip
_CONCRETE_VERB_TERMS = (
    r"\bdigitalisera(?:s|de|t|r)?\b", r"\bautomatisera(?:s|de|t|r)?\b",
    r"\binför(?:a|as|s|t|de)?\b", r"\bpublicera(?:s|de|t|r)?\b",
    r"\barkivera(?:s|de|t|r)?\b", r"\bsignera(?:s|de|t|r)?\b", r"\be-?signera(?:s|de|t|r)?\b",
    r"\bboka(?:s|de|t|r)?\b", r"\blogga in\b", r"\banmäla(?:s)?\b",
    r"\bersätta(?:s)?\b", r"\bersätts\b", r"\bavveckla(?:s)?\b", r"\bbyta ut\b",
    r"\bansluta(?:s)?\b", r"\banslut(?:s|na)\b", r"\blansera(?:s)?\b",
    r"\bimplementera(?:s)?\b", r"\bsäkerställa att\b", r"\bsäkra att\b", r"\bta bort\b",
    r"\beliminera", r"\bhalvera", r"\bfördubbla",
    r"\bdigiti[sz]e[sd]?\b", r"\bautomate[sd]?\b", r"\bintroduce[sd]?\b",
    r"\bimplement(?:ed)?\b", r"\breplace[sd]?\b", r"\blaunch(?:ed)?\b",
    r"\bpublish(?:ed)?\b", r"\barchived?\b", r"\bbook(?:ed)?\b", r"\bensure that\b",
    r"\beliminate[sd]?\b", r"\bsaves?\b", r"\banswer(?:ed)?\b", r"\bhalve\b",
)  # fmt: skip
# Adverbs of a concrete change: they name the change but do not make a heading a goal.
_CONCRETE_ADVERB_TERMS = (
    r"\bdigitalt\b", r"\bautomatiskt\b", r"\belektroniskt\b", r"\bpappersfri",
    r"\bonline\b", r"\bdigitally\b", r"\bautomatically\b", r"\belectronically\b",
    r"\bsearchable\b", r"\bpaperless\b",
)  # fmt: skip
# Weaker signals of a concrete change: they count only when the text has no vague word.
_WEAK_TERMS = (
    r"\bska\b", r"\bskall\b", r"\bkommer att\b", r"\bshould\b", r"\bshall\b", r"\bwill\b",
    r"\bmust\b", r"\bgenom\b", r"\bmed hjälp av\b", r"\bby means of\b", r"\bthrough\b",
    r"\böka\b", r"\bminska\b", r"\bhöja\b", r"\bsänka\b", r"\bkorta\b", r"\breducera\b",
    r"\breduce\b", r"\bincrease\b", r"\braise\b", r"\blower\b", r"\bcut\b",
    r"\bshorten\b", r"\bdecrease\b", r"\bsnabbare\b", r"\bkortare\b", r"\bfärre\b",
    r"\blägre\b", r"\bfaster\b", r"\bshorter\b", r"\bfewer\b", r"\berbjuda",
    r"\btillhandahålla", r"\bprovide[sd]?\b", r"\boffer(?:s|ed)?\b", r"\bset up\b",
    r"\broll out\b",
)  # fmt: skip
_VAGUE_VERB_TERMS = (
    r"\beffektivisera", r"\bförbättra", r"\butveckla", r"\bsäkerställa\b",
    r"\bskapa (?:bättre |goda )?förutsättningar\b", r"\bmodernisera",
    r"\bförstärka", r"\bstärka", r"\bfrämja", r"\bverka för\b",
    r"\bbidra till\b", r"\bunderlätta", r"\boptimera", r"\bfrigöra",
    r"\bförenkla", r"\bsatsa på\b", r"\barbeta för\b", r"\bhöja kvaliteten\b",
    r"\bimprove", r"\bstreamline", r"\bdevelop", r"\bensure\b(?! that)",
    r"\bcreate (?:the )?conditions\b", r"\bmoderni[sz]e", r"\bstrengthen",
    r"\benhance", r"\boptimi[sz]e", r"\bpromote", r"\bsupport\b",
    r"\bfacilitate", r"\bmake it easier\b", r"\bfree up\b", r"\btransform",
)  # fmt: skip
# Nouns and adjectives that do not say what shall change.
_VAGUE_WORD_TERMS = (
    r"kvalitet", r"\bdigitaliseringen\b", r"\bdigitalisering\b",
    r"effektivitet", r"\beffektiv(?:t|a|are)?\b", r"tillgänglighet",
    r"\bförutsättningar", r"kompetens", r"mognad", r"\bsamverkan",
    r"\bdigitala? närvaro", r"\bservicen\b", r"\bservice\b", r"\bbättre\b",
    r"\benklare\b", r"\bsmidigare\b", r"\bnöjdare\b", r"\bmodern(?:t|a|are)?\b",
    r"\binnovation", r"\bbästa\b", r"\battraktiv",
    r"\bquality\b", r"\befficiency\b", r"\befficient\b", r"\bexperience\b",
    r"\bmaturity\b", r"\bpresence\b", r"\bconditions\b", r"\beasier\b", r"\bbetter\b",
    r"\bexcellence\b", r"\binnovative\b", r"\bbest\b", r"\bcybersecurity\b",
)  # fmt: skip
# Verbs and comparatives that make a text more than a heading (besides the lists above).
_VERB_HINT_TERMS = (
    r"\böka(?:r|s|d|de)?\b", r"\bminska(?:r|s|d|de)?\b", r"\bhöja\b", r"\bhöjd\b",
    r"\bsänka\b", r"\bkorta\b", r"\bhalvera\b", r"\bfördubbla\b", r"\bbli\b", r"\bvara\b",
    r"\bfå\b", r"\bha\b", r"\bnå\b", r"\bge\b", r"\bkunna\b", r"\bincrease\b",
    r"\breduce\b", r"\bcut\b", r"\bhalve\b", r"\bdouble\b", r"\bmake\b", r"\bget\b",
    r"\breach\b", r"\bbecome\b", r"\bbe\b", r"\bhave\b", r"\bgive\b", r"\blower\b",
    r"\braise\b", r"\bfärre\b", r"\bfler\b", r"\bkortare\b", r"\blägre\b", r"\bhögre\b",
    r"\bsnabbare\b", r"\bmindre\b", r"\bmer\b", r"\bfewer\b", r"\bmore\b", r"\bshorter\b",
    r"\bfaster\b", r"\bless\b",
)  # fmt: skip

_OBJECTS = _lexicon(*_OBJECT_TERMS)
_CONTEXT = _lexicon(*_SERVICE_TERMS, *_BENEFICIARY_TERMS)  # where or for whom
_CONCRETE = _lexicon(*_CONCRETE_VERB_TERMS, *_CONCRETE_ADVERB_TERMS)
_WEAK = _lexicon(*_WEAK_TERMS)
_WEAK_PHRASE = _rx(rf"(?:{_WEAK.pattern})(?:\s+\w+){{0,2}}")
_VAGUE_VERB = _lexicon(*_VAGUE_VERB_TERMS)
_VAGUE = _lexicon(*_VAGUE_VERB_TERMS, *_VAGUE_WORD_TERMS)
_VERB_HINT = _lexicon(*_CONCRETE_VERB_TERMS, *_VAGUE_VERB_TERMS, *_WEAK_TERMS, *_VERB_HINT_TERMS)


# -- Helpers ------------------------------------------------------------------------------------


def _num(text: str) -> float:
    s = text.replace(" ", "").replace("\u00a0", "")
    s = s.replace(",", "") if _THOUSANDS.fullmatch(s) else s.replace(",", ".")
    return float(s)


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}".replace(".", ",")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans replaced by spaces (indices stay valid)."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out += (text[pos:start], " " * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _is_pct(unit: str | None) -> bool:
    return bool(unit) and unit.strip().lower() in {"%", "procent", "percent", "per cent"}


def _months(n: str, unit: str) -> float:
    count = _NUMWORDS.get(n) or float(n)
    if unit.startswith(("år", "year")):
        return count * 12
    if unit.startswith("halvår"):
        return count * 6
    if unit.startswith(("kvartal", "quarter")):
        return count * 3
    return count


@dataclass(frozen=True)
class _Text:
    """The goal text once, normalised, with the time expressions found and masked."""

    raw: str
    show: str  # raw, or low when lower-casing changed the length (then indices differ)
    low: str
    masked: str  # low with dates, years and periods blanked out, for finding values
    deadline: str | None  # the phrase of the first deadline, as written
    deadline_year: int | None
    baseline: str | None  # the phrase of a baseline year, as written
    period_months: float | None
    digits: bool  # whether masked holds a digit at all (most value patterns need one)
    from_to: re.Match[str] | None  # "från X till Y" in masked
    num_unit: re.Match[str] | None  # the first number with a unit in masked

    # What the text alone says, worked out once per text (_scan keeps the _Text).
    @functools.cached_property
    def impossible_percent(self) -> str | None:
        """Why a percentage in the text cannot be reached (a level or a cut over 100 %)."""
        for m in _PCT_LEVEL.finditer(self.masked) if self.digits else ():
            value = _num(m.group("n") or m.group("m"))
            if value > 100:
                return f"målvärdet {_fmt(value)} % är över 100 %"
        m = _PCT_CUT.search(self.masked) if self.digits else None
        if m and _num(m.group("n")) > 100:
            return f"en minskning med {m.group('n')} % är omöjlig"
        return None

    @functools.cached_property
    def direction(self) -> tuple[re.Match[str] | None, re.Match[str] | None]:
        """The words saying the value should go down, and up."""
        return _DECREASE.search(self.low), _INCREASE.search(self.low)


def _date_prefix(window: str) -> int:
    """The length of the preposition and qualifier that end the window ("senast Q3 ")."""
    words = window.split(" ")
    for k in range(min(7, len(words)), 1, -1):
        tail = " ".join(words[-k:])
        if _DATE_PREFIX.fullmatch(tail):
            return len(tail)
    return 0


@functools.lru_cache(maxsize=16_384)
def _scan(text: str) -> _Text:
    """What the rules need from a goal's text; goals often share it, so it is kept."""
    raw = " ".join(text.split())
    low = raw.lower()
    show = raw if len(raw) == len(low) else low
    spans: list[tuple[int, int]] = []
    deadline = baseline = None
    deadline_year: int | None = None
    for m in _YEAR_AT.finditer(low) if _DIGIT.search(low) else ():
        after = low[m.end() : m.end() + 48]
        if _YEAR_IS_VALUE_AFTER.match(after) or _YEAR_IS_VALUE_BEFORE.search(
            low[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "2000 samtal", "från 900 till 2000": a value that looks like a year
        start = m.start() - _date_prefix(low[max(0, m.start() - 48) : m.start()])
        spans.append((start, m.end()))
        prefix = low[start : m.start()]  # "senast ", "under första kvartalet ", ""
        before = low[max(0, start - 40) : start]  # enough for the markers
        if _START_OF_RANGE.match(prefix) and _RANGE_END.match(after):
            continue  # "från 2024 till 2026": the deadline is the second year
        if not prefix.strip() and _NAMED_YEAR_BEFORE.search(before):
            continue  # "Agenda 2030", "verksamhetsplan 2025": a name, not a deadline
        base = None if prefix.strip() else _BASELINE_BEFORE.search(before)
        if base or _BASELINE_AFTER.search(after):
            if baseline is None:
                baseline = show[start - len(before) + base.start() if base else start : m.end()]
            continue
        if after.startswith(")") and _VALUE_PAREN.search(before):
            continue  # "från 40 (2023) till 20 dagar": the year of the baseline value
        if deadline is None:
            md = m.group("md")
            deadline = f"måldatum {m.group('year')}-{md}" if md else show[start : m.end()]
            deadline_year = int(m.group("year2") or m.group("year"))
    period_months = None
    for m in _PERIOD.finditer(low):
        spans.append(m.span())
        if period_months is None:
            period_months = _months(m.group("n"), m.group("u"))
        if deadline is None:
            deadline = show[m.start() : m.end()]
    if deadline is None:
        m = _MONTH_ONLY.search(low)
        if m:
            deadline = show[m.start() : m.end()]
    masked = _blank(low, spans)
    digits = bool(_DIGIT.search(masked))
    if digits:
        masked = _blank(masked, [m.span() for m in _NOT_A_VALUE.finditer(masked)])
        digits = bool(_DIGIT.search(masked))
    from_to = _FROM_TO.search(masked) if digits else None
    num_unit = _NUM_UNIT.search(masked) if digits else None
    return _Text(
        raw, show, low, masked, deadline, deadline_year, baseline, period_months, digits,
        from_to, num_unit,
    )  # fmt: skip


# -- The five letters ---------------------------------------------------------------------------


def _measurable(t: _Text, unit: str | None, baseline: float | None, target: float | None,
                indicator: str | None, structured: bool) -> Verdict:  # fmt: skip
    unit_text = f" {unit.strip()}" if unit and unit.strip() else ""
    if target is not None:
        if baseline is not None:
            return Verdict(True, f"från {_fmt(baseline)} till {_fmt(target)}{unit_text}")
        return Verdict(True, f"målvärde {_fmt(target)}{unit_text}")
    s = t.masked
    m = t.from_to
    if m:
        u = m.group("ub") or m.group("ua") or ""
        return Verdict(True, f"från {m.group('a')} till {m.group('b')} {u}".strip())
    if _HALVE.search(s):
        return Verdict(True, "halvering")
    if _DOUBLE.search(s):
        return Verdict(True, "fördubbling")
    m = _CURRENCY_FIRST.search(s) if t.digits else None
    if m:
        return Verdict(True, f"belopp {t.show[m.start() : m.end()]}")
    m = t.num_unit
    if m:
        value = f"{m.group('n')} {m.group('u')}"
        if _CHANGE_BEFORE.search(s[max(0, m.start() - 6) : m.start()]):
            return Verdict(True, f"förändring med {value}")
        return Verdict(True, f"målvärde {value}")
    m = _FRACTION.search(s)
    if m:
        return Verdict(True, f"förändring {m.group(0)}")
    m = _WORD_PCT.search(s) if "cent" in s else None
    if m:
        return Verdict(True, f"målvärde {m.group(0)}")
    m = _BARE_TARGET.search(s) if t.digits else None
    if m:
        return Verdict(True, f"målvärde {m.group('n')}")
    if indicator and indicator.strip():
        return Verdict(False, f"målvärde saknas för '{indicator.strip()}'")
    return Verdict(False, "målvärde saknas" if structured else "inget mätbart värde i texten")


def _time_bound(t: _Text, deadline: datetime.date | None, year: int | None) -> Verdict:
    if deadline is not None:
        if year is not None and deadline.year < year:
            return Verdict(False, f"måldatum {deadline.isoformat()} ligger före {year}")
        return Verdict(True, f"måldatum {deadline.isoformat()}")
    if t.deadline:
        if year is not None and t.deadline_year is not None and t.deadline_year < year:
            return Verdict(False, f"'{t.deadline}' ligger före {year}")
        return Verdict(True, t.deadline)
    if t.baseline:
        return Verdict(False, f"'{t.baseline}' är ett basår, inte ett måldatum")
    m = _FREQUENCY.search(t.low)
    if m:
        return Verdict(False, f"'{m.group(0)}' är en frekvens, inte ett måldatum")
    m = _VAGUE_TIME.search(t.low)
    if m:
        return Verdict(False, f"'{m.group(0)}' är inget måldatum")
    m = _SERVICE_LEVEL.search(t.low)
    if m:
        return Verdict(False, f"'{m.group(0)}' är en svarstid, inte ett måldatum")
    return Verdict(False, "inget måldatum")


def _word(low: str, m: re.Match[str]) -> str:
    """The whole word (compound) around a match of a stem."""
    start, end = m.start(), m.end()
    while start > 0 and (low[start - 1].isalnum() or low[start - 1] == "-"):
        start -= 1
    while end < len(low) and (low[end].isalnum() or low[end] == "-"):
        end += 1
    return low[start:end].strip()


@functools.lru_cache(maxsize=16_384)
def _specific_of(text: str, indicator: str | None) -> Verdict:
    """Specific depends on the text and indicator only; goals often share both."""
    return _specific(_scan(text), indicator)


def _specific(t: _Text, indicator: str | None) -> Verdict:
    low = t.low
    ind = indicator.strip() if indicator and indicator.strip() else ""
    heading = not t.digits and not _VERB_HINT.search(low)
    context = _CONTEXT.search(low)
    where = _word(low, context) if context else None
    if not context and ind:
        context = _CONTEXT.search(ind.lower())
        where = _word(ind.lower(), context) if context else None
    what: str | None = None
    if heading:
        pass  # a noun phrase names a subject, not a change
    elif (m := _OBJECTS.search(low)) or (m := _CONCRETE.search(low)):
        what = _word(low, m)
    elif t.from_to or t.num_unit or _HALVE.search(t.masked):
        what = "ett målvärde"
    if what is None and ind:
        what = ind  # the structured indicator names what changes
    vague = None
    if what is None:
        vague = _VAGUE.search(low)
        if not vague and not heading and (m := _WEAK_PHRASE.search(low)):
            what = m.group(0)
    if what and where:
        return Verdict(True, f"vad: {what}; var/för vem: {where}")
    if vague:
        verb = _VAGUE_VERB.search(low)
        word = verb.group(0) if verb else _word(low, vague)
        return Verdict(False, f"'{word}' utan vad som ska bli bättre")
    if heading and not what:
        return Verdict(False, HEADING)
    if what:
        return Verdict(False, f"'{what}' utan verksamhet eller målgrupp")
    if where:
        return Verdict(False, f"säg vad som ska förändras i '{where}'")
    return Verdict(False, "säg vad som ska förändras, var och för vem")


def _achievable(t: _Text, unit: str | None, baseline: float | None, target: float | None,
                owner: str | None, structured: bool) -> Verdict:  # fmt: skip
    pct = _is_pct(unit)
    base, goal = baseline, target
    m = t.from_to
    if m and base is None and goal is None:  # "från 40 till 20 dagar"
        base, goal = _num(m.group("a")), _num(m.group("b"))
        pct = pct or _is_pct(m.group("ub")) or _is_pct(m.group("ua"))
    # A percentage target above 100.
    if goal is not None and pct and goal > 100:
        return Verdict(False, f"målvärdet {_fmt(goal)} % är över 100 %")
    if t.impossible_percent:
        return Verdict(False, t.impossible_percent)
    # A large jump in a share within a month.
    if (
        base is not None
        and goal is not None
        and pct
        and t.period_months is not None
        and t.period_months <= 1
        and abs(goal - base) >= 50
    ):
        return Verdict(
            False, f"från {_fmt(base)} till {_fmt(goal)} % inom en månad är inte rimligt"
        )
    # The target goes the other way than the text says.
    if base is not None and goal is not None:
        down, up = t.direction
        if down and not up and goal > base:
            return Verdict(
                False,
                f"'{down.group(0)}' men målvärdet {_fmt(goal)} är högre än "
                f"utgångsvärdet {_fmt(base)}",
            )
        if up and not down and goal < base:
            return Verdict(
                False,
                f"'{up.group(0)}' men målvärdet {_fmt(goal)} är lägre än "
                f"utgångsvärdet {_fmt(base)}",
            )
    if not structured:
        return Verdict(None, NOT_JUDGED_ACHIEVABLE)
    name = owner.strip() if owner else ""
    if not name:
        return Verdict(False, "ansvarig saknas")
    if base is not None and goal is not None:
        return Verdict(True, f"från {_fmt(base)} till {_fmt(goal)} är rimligt, ansvarig {name}")
    return Verdict(True, f"ansvarig {name}")


def _in(value: str, valid: Collection[str]) -> bool:
    if value in valid:
        return True
    folded = value.strip().casefold()
    return any(v.strip().casefold() == folded for v in valid if isinstance(v, str))


def _relevant(goal_area: str | None, year: int | None,
              valid_goal_areas: Collection[str] | None,
              valid_directions: Collection[str] | None,
              directions: Collection[str]) -> Verdict:  # fmt: skip
    area = goal_area.strip() if goal_area and goal_area.strip() else None
    if area and (valid_goal_areas is None or _in(area, valid_goal_areas)):
        return Verdict(True, f"målområde: {area}")
    linked = [d for d in (directions or ()) if d and d.strip()]
    for d in linked:
        if valid_directions is None or _in(d, valid_directions):
            return Verdict(True, f"strategisk inriktning: {d.strip()}")
    when = f" {year}" if year is not None else " längre"
    if area:
        return Verdict(False, f"målområdet '{area}' gäller inte{when}")
    if linked:
        return Verdict(False, f"inriktningen '{linked[0].strip()}' gäller inte{when}")
    if valid_goal_areas is not None or valid_directions is not None:
        return Verdict(False, "inget målområde")
    return Verdict(None, "kan inte bedömas utan målområde")


def clear_caches() -> None:
    """Forget what was worked out per text (for benchmarks measuring the rules cold)."""
    _scan.cache_clear()
    _specific_of.cache_clear()


def assess(
    text: str,
    *,
    indicator: str | None = None,
    unit: str | None = None,
    baseline: float | None = None,
    target: float | None = None,
    deadline: datetime.date | None = None,
    owner: str | None = None,
    goal_area: str | None = None,
    year: int | None = None,
    valid_goal_areas: Collection[str] | None = None,
    valid_directions: Collection[str] | None = None,
    directions: Collection[str] = (),
) -> Assessment:
    """Assess one goal; see the module docstring for the rules."""
    t = _scan(text or "")
    structured = any(v is not None for v in (indicator, target, owner, baseline, unit, deadline))
    baseline = None if baseline is None or not math.isfinite(baseline) else float(baseline)
    target = None if target is None or not math.isfinite(target) else float(target)
    if isinstance(directions, str):
        directions = (directions,)
    return Assessment(
        specific=_specific_of(text or "", indicator),
        measurable=_measurable(t, unit, baseline, target, indicator, structured),
        achievable=_achievable(t, unit, baseline, target, owner, structured),
        relevant=_relevant(goal_area, year, valid_goal_areas, valid_directions, directions),
        time_bound=_time_bound(t, deadline, year),
    )


def assess_goal(goal: Goal, **context: Any) -> Assessment:
    """Assess a stored or imported goal with its own fields; `context` as for `assess`."""
    return assess(
        goal.text,
        indicator=goal.indicator,
        unit=goal.unit,
        baseline=goal.baseline,
        target=goal.target,
        deadline=goal.deadline,
        owner=goal.owner,
        **context,
    )


ACTIVITY_OWNER = "objektägaren"  # in PM3 the objekt owner answers for the plan's activities


def assess_activity(activity: Activity, **context: Any) -> Assessment:
    """Assess an activity's goal: it has no baseline of its own, and its objekt's owner
    answers for it; `context` as for `assess`."""
    return assess(
        activity.goal or "",
        indicator=activity.indicator,
        unit=activity.unit,
        target=activity.target,
        deadline=activity.deadline,
        owner=ACTIVITY_OWNER,
        **context,
    )
