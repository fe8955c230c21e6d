"""A table of realistic goal texts with the SMART verdicts a careful reader would give them.

The verdicts for Specifik, Mätbar and Tidsatt were written from the rules' intent (see the
docstring of `portfolio.smart`), goal by goal, before the heuristics existed; they are not
copied from the implementation's output. Only the text is assessed (no structured fields), so
each expected verdict is True or False.

- specific: says what changes (a quantity, or a concrete change such as "digitalisera",
  "automatisera") and in which service or process, or for whom; a vague verb without such an
  object, or a bare heading, is not specific.
- measurable: a target number with a unit or percentage, "från X till Y", "halvera",
  "fördubbla", a fraction ("en tredjedel"), an amount in kronor. "Alla"/"samtliga" without a
  number does not count (the rules ask for "100 %").
- time_bound: a date or a period by which the goal is reached; a baseline year ("jämfört med
  2023"), a frequency ("årligen", "per år") or "snarast"/"på sikt" is not. "Inom N dagar" is a
  service level (measurable), not a deadline; "inom N månader/år" is a period.

Some goals are borderline on purpose; the note says why the verdict was chosen.
"""

from __future__ import annotations

from typing import NamedTuple


class Goal(NamedTuple):
    text: str
    specific: bool
    measurable: bool
    time_bound: bool
    note: str = ""


T, F = True, False

GOALS: tuple[Goal, ...] = (
    # --- Swedish: good goals -----------------------------------------------------------
    Goal("Minska handläggningstiden för bygglov från 10 till 4 veckor senast 2025-12-31", T, T, T),
    Goal(
        "Öka andelen ansökningar om ekonomiskt bistånd som lämnas via e-tjänst "
        "från 35 % till 80 % under 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Minska väntetiden i kontaktcentrets telefonkö från 6 till 2 minuter till utgången av 2026",
        T,
        T,
        T,
    ),
    Goal("Halvera antalet manuellt registrerade leverantörsfakturor senast 2025-06-30", T, T, T),
    Goal("Minst 90 % av leverantörsfakturorna ska hanteras automatiskt senast Q3 2025", T, T, T),
    Goal(
        "Alla justerade protokoll ska publiceras på webbplatsen inom 2 dagar efter "
        "sammanträdet från och med 2025",
        T,
        T,
        T,
        "inom 2 dagar is a service level (measurable); från och med 2025 the deadline",
    ),
    Goal(
        "Minska antalet samtal till kontaktcenter om snöröjning från 900 till 300 per vinter "
        "senast 2026-04-30",
        T,
        T,
        T,
    ),
    Goal(
        "Öka andelen elever i grundskolan som loggar in i lärplattformen varje vecka "
        "från 60 till 90 % under läsåret 2025/26",
        T,
        T,
        T,
        "varje vecka is a frequency, but the school year is a period",
    ),
    Goal(
        "Minska sjukfrånvaron bland medarbetarna i hemtjänsten från 9 % till 7 % "
        "till utgången av 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Korta tiden från sammanträde till justerat protokoll från 14 till 5 dagar "
        "senast 2025-03-31",
        T,
        T,
        T,
    ),
    Goal(
        "Andelen verksamhetssystem som levererar till e-arkivet ska öka från 20 % till 100 % "
        "senast 2026-12-31",
        T,
        T,
        T,
    ),
    Goal(
        "Öka andelen frågor till kontaktcenter som besvaras utan handläggare "
        "från 40 till 65 % inom 12 månader",
        T,
        T,
        T,
    ),
    Goal(
        "Minska tiden för manuell registrering hos lönecenter från 120 till 40 timmar "
        "per månad senast första kvartalet 2026",
        T,
        T,
        T,
    ),
    Goal(
        "Minska antalet felregistreringar i ekonomisystemet från 4 % till 1 % under 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Andelen bygglovsärenden med digital statusinformation till sökande ska öka "
        "från 0 till 95 % senast 2025-10-31",
        T,
        T,
        T,
    ),
    Goal(
        "Minska antalet statusfrågor om ärenden till handläggarna från 400 till 150 samtal "
        "per månad senast december 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Öka nöjd-kund-index för kommunens e-tjänster från 62 till 72 till utgången av 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Ansökan om plats i förskola ska kunna göras helt digitalt av alla vårdnadshavare "
        "senast 2025-08-01",
        T,
        F,
        T,
        "'alla' without a number is not a target value",
    ),
    Goal(
        "Minska pappersutskrifterna i socialtjänsten med 50 % jämfört med 2023 senast 2026-06-30",
        T,
        T,
        T,
        "a baseline year and a real deadline",
    ),
    Goal(
        "Minska kostnaden för porto och utskrifter inom ekonomiskt bistånd med 200 tkr per år "
        "senast 2025-12-31",
        T,
        T,
        T,
    ),
    Goal(
        "Minska handläggningstiden för ekonomiskt bistånd till i genomsnitt 5 dagar under 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Senast 2026 ska 75 % av alla ansökningar om bostadsanpassning komma in via e-tjänst",
        T,
        T,
        T,
    ),
    Goal(
        "Kontaktcenter ska besvara 80 % av samtalen inom 60 sekunder från och med 1 mars 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Öka antalet invånare som fått digital hjälp på biblioteken från 0 till 1 000 personer "
        "per år senast 2025-12-31",
        T,
        T,
        T,
    ),
    Goal("Andelen e-fakturor av alla kundfakturor ska öka till 60 % under 2026", T, T, T),
    Goal(
        "Införa digitala lås i hemtjänsten så att nyckelhanteringen minskar med 90 % "
        "inom 18 månader",
        T,
        T,
        T,
    ),
    Goal(
        "Öka andelen förskolor som använder digital närvaroregistrering till 100 % "
        "senast hösten 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Till utgången av 2026 ska 95 % av skolans betygsdokument arkiveras i e-arkivet",
        T,
        T,
        T,
    ),
    Goal(
        "Minska pappershanteringen i hemtjänsten med 80 % till 2026",
        T,
        T,
        T,
        "'till 2026' is a deadline",
    ),
    Goal(
        "Minska antalet klagomål på skolmaten med en tredjedel till vårterminen 2026",
        T,
        T,
        T,
        "a fraction is a measurable change",
    ),
    Goal(
        "Minska antalet fel i löneutbetalningarna med 50 % under första halvåret 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Öka andelen protokoll som signeras digitalt från 0 till 100 % inom en månad",
        T,
        T,
        T,
        "SMT fine; achievable is the problem (tested elsewhere)",
    ),
    Goal(
        "Minska antalet nattliga tillsynsbesök som stör brukarna i särskilt boende med 40 % "
        "till 2026",
        T,
        T,
        T,
    ),
    Goal(
        "Handläggarna ska lägga 30 % mindre tid på administration av ekonomiskt bistånd "
        "senast 2026-06-30",
        T,
        T,
        T,
    ),
    Goal(
        "Effektivisera fakturahanteringen så att 30 % av tiden frigörs senast 2026",
        T,
        T,
        T,
        "the vague verb is followed by what changes",
    ),
    Goal(
        "Antalet inkomna pappersblanketter till bygglov ska minska från 1 200 till 300 per år "
        "till och med 2026",
        T,
        T,
        T,
    ),
    Goal(
        "Skolskjutsar ska kunna bokas digitalt av vårdnadshavare från och med höstterminen 2025",
        T,
        F,
        T,
    ),
    Goal(
        "Inom två år ska alla invånare kunna logga in i kommunens e-tjänster med e-legitimation",
        T,
        F,
        T,
    ),
    Goal(
        "Inom 12 månader ska vårdnadshavare kunna anmäla frånvaro för elever via skolappen",
        T,
        F,
        T,
    ),
    Goal(
        "Automatisera utbetalningarna av ekonomiskt bistånd senast 2025-09-30",
        T,
        F,
        T,
        "automatisera + a service names the change",
    ),
    Goal("Inför digital signering av avtal inom upphandling under 2025", T, F, T),
    # --- Swedish: partial goals --------------------------------------------------------
    Goal(
        "Minska energiförbrukningen i kommunens skolor med 15 % jämfört med 2023",
        T,
        T,
        F,
        "a baseline year is not a deadline",
    ),
    Goal(
        "Öka andelen digitala möten i hemtjänstens planering till 70 % årligen",
        T,
        T,
        F,
        "a frequency is not a deadline",
    ),
    Goal("Handläggningstiden för ekonomiskt bistånd ska vara högst 10 dagar", T, T, F),
    Goal("Minska handläggningstiden för serveringstillstånd", T, F, F),
    Goal("Öka andelen bygglovsansökningar som kommer in kompletta", T, F, F),
    Goal(
        "Minska antalet driftstörningar i skolornas nätverk från 12 till 3 per år",
        T,
        T,
        F,
        "'per år' is a frequency",
    ),
    Goal("Minska kötiden till förskolan", T, F, F),
    Goal(
        "Trygghetslarm ska åtgärdas inom 30 minuter",
        T,
        T,
        F,
        "a response time in minutes is a service level, not a deadline",
    ),
    Goal("Öka användningen av kommunens e-tjänster", T, F, F),
    Goal("Digitalisera ansökan om bygglov", T, F, F),
    Goal(
        "Medarbetarna i äldreomsorgen ska lägga mindre tid på dokumentation",
        T,
        F,
        F,
    ),
    Goal("Öka antalet besök på kommunens webbplats", T, F, F),
    Goal("Minska handläggningstiden för bygglov snarast", T, F, F),
    Goal(
        "På sikt ska alla ärenden i socialtjänsten hanteras digitalt",
        T,
        F,
        F,
        "'på sikt' is not a deadline",
    ),
    Goal("Öka antalet e-tjänster för företag", T, F, F),
    Goal(
        "Andelen digitala ansökningar om ekonomiskt bistånd ska öka jämfört med 2023",
        T,
        F,
        F,
    ),
    Goal("Handläggningstiden för bygglov ska minska med 20 % per år", T, T, F),
    Goal(
        "Minska väntetiden för färdtjänstbokning till högst 3 minuter i jämförelse med 2022",
        T,
        T,
        F,
    ),
    Goal("Öka antalet digitala bokningar av lokaler från 200 till 600 per år", T, T, F),
    Goal("Färre samtal till kontaktcenter om snöröjning", T, F, F),
    Goal("Kortare väntetider för bygglov", T, F, F),
    Goal("Öka antalet elever som använder digitala läromedel", T, F, F),
    Goal("Öka andelen invånare som är nöjda med kontakten med kommunen", T, F, F),
    Goal("Öka andelen fakturor som betalas i tid", T, F, F, "'i tid' is not a deadline"),
    Goal(
        "Säkerställa att alla elever har en egen digital enhet",
        T,
        F,
        F,
        "säkerställa followed by what shall be true and for whom",
    ),
    Goal(
        "Alla medarbetare ska ha genomgått utbildning i informationssäkerhet senast 2025-06-30",
        T,
        F,
        T,
    ),
    Goal(
        "Öka tryggheten för äldre i särskilt boende genom digital tillsyn nattetid",
        T,
        F,
        F,
        "names for whom, where and how",
    ),
    Goal(
        "Införa chattbot på kommunens webbplats för att avlasta kontaktcenter",
        T,
        F,
        F,
    ),
    Goal("Införa e-arkiv", T, F, F, "a concrete change in a named process, no number or date"),
    # --- Swedish: vague goals ----------------------------------------------------------
    Goal("Effektivisera verksamheten", F, F, F),
    Goal("Förbättra servicen till medborgarna", F, F, F),
    Goal("Utveckla den digitala närvaron", F, F, F),
    Goal("Säkerställa god kvalitet", F, F, F),
    Goal("Skapa förutsättningar för ökad digitalisering", F, F, F),
    Goal("Öka digitaliseringen i förvaltningen", F, F, F),
    Goal("Modernisera arbetssätten", F, F, F),
    Goal("Bättre kvalitet för brukarna", F, F, F),
    Goal("Frigöra tid till kärnverksamheten", F, F, F),
    Goal("Ökad tillgänglighet", F, F, F),
    Goal("En mer digital förvaltning", F, F, F),
    Goal("Nöjdare invånare", F, F, F),
    Goal("Minska pappershanteringen", F, F, F, "what paper, where?"),
    Goal("Effektivisera verksamheten under 2025", F, F, T),
    Goal("Förbättra servicen till medborgarna senast 2025-12-31", F, F, T),
    Goal("Utveckla e-tjänsterna för bygglov", F, F, F, "a service, but not what shall change"),
    Goal("Effektivisera handläggningen av ekonomiskt bistånd", F, F, F),
    Goal("Förbättra kommunens webbplats", F, F, F),
    Goal("Ökad digital kompetens hos medarbetarna", F, F, F),
    Goal("Utveckla samverkan med näringslivet", F, F, F),
    Goal("Höja kvaliteten i undervisningen", F, F, F),
    Goal("Eleverna ska få bättre förutsättningar att lyckas", F, F, F),
    Goal("Digitaliseringen ska öka årligen", F, F, F),
    Goal("Vi ska bli Sveriges bästa digitala kommun", F, F, F),
    Goal("Effektivare hantering av bygglov senast 2025", F, F, T),
    Goal(
        "Skapa förutsättningar för att fler ärenden ska kunna hanteras digitalt",
        F,
        F,
        F,
        "skapa förutsättningar: which cases, for whom?",
    ),
    Goal("Minska antalet dubbelregistreringar", F, F, F, "where, for whom?"),
    Goal("Minska antalet e-postmeddelanden", F, F, F),
    Goal("Kortare väntetider", F, F, F),
    # --- Swedish: headings -------------------------------------------------------------
    Goal("E-arkiv", F, F, F),
    Goal("Digitala detaljplaner", F, F, F),
    Goal("Robotisering av ekonomiprocesser", F, F, F),
    Goal("Ekonomiskt bistånd", F, F, F),
    Goal("Nytt ärendehanteringssystem för bygglov", F, F, F),
    Goal("Digital ansökan om försörjningsstöd", F, F, F),
    Goal("Kommunens fakturor", F, F, F),
    # --- English: good and partial -----------------------------------------------------
    Goal(
        "Reduce the processing time for building permits from 10 to 4 weeks by December 2025",
        T,
        T,
        T,
    ),
    Goal(
        "Increase the share of supplier invoices handled automatically to 90% by the end of 2026",
        T,
        T,
        T,
    ),
    Goal("Halve waiting times at the contact centre within 18 months", T, T, T),
    Goal(
        "Cut the number of paper forms in home care by 70% compared with 2023",
        T,
        T,
        F,
    ),
    Goal(
        "All residents should be able to book library rooms online by Q2 2026",
        T,
        F,
        T,
    ),
    Goal("Reduce sick leave among home care staff from 9% to 7% in 2025", T, T, T),
    Goal(
        "Answer 80% of calls to the contact centre within 60 seconds, measured monthly",
        T,
        T,
        F,
    ),
    Goal("Double the number of e-services available to businesses during 2025", T, T, T),
    Goal("Reduce printing costs in schools by SEK 150,000 a year by 2026", T, T, T),
    Goal(
        "Reduce the time staff spend on manual data entry in payroll from 120 to 40 hours "
        "a month by Q1 2026",
        T,
        T,
        T,
    ),
    Goal(
        "Pupils will get their timetable in the school app from autumn 2025",
        T,
        F,
        T,
    ),
    Goal("Reduce the number of complaints about snow clearing", T, F, F),
    Goal(
        "Increase resident satisfaction with e-services from 65 to 75 by 2026",
        T,
        T,
        T,
    ),
    Goal("Improve processing times for financial assistance", T, F, F),
    Goal("Make all council minutes searchable online", T, F, F),
    Goal(
        "Increase the number of companies using the e-service for food permits by 25% annually",
        T,
        T,
        F,
    ),
    Goal(
        "By 2026, 80% of building permit applications will be submitted digitally",
        T,
        T,
        T,
    ),
    Goal(
        "Ensure that all case workers in social services use the new case management system "
        "by June 2025",
        T,
        F,
        T,
        "ensure followed by who and what",
    ),
    Goal(
        "Reduce the average wait for home care assessments from 21 to 10 days within six months",
        T,
        T,
        T,
    ),
    Goal(
        "Save SEK 2 million a year on printing and postage in the finance department by 2027",
        T,
        T,
        T,
    ),
    # --- English: vague ----------------------------------------------------------------
    Goal("Improve efficiency", F, F, F),
    Goal("Improve the customer experience", F, F, F),
    Goal("Streamline the payroll process", F, F, F),
    Goal("Ensure high quality", F, F, F),
    Goal("Develop the digital presence", F, F, F),
    Goal("Digital building permits", F, F, F),
    Goal("Increase digital maturity across the organisation", F, F, F),
    Goal("Create the conditions for data-driven decisions", F, F, F),
    Goal("Make it easier for businesses to apply for permits", F, F, F),
    Goal("Reduce costs", F, F, F),
    Goal("Modernise IT systems", F, F, F),
    Goal("Strengthen cybersecurity as soon as possible", F, F, F),
    Goal("Improve the service to residents during 2025", F, F, T),
)
