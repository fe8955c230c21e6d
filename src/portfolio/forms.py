"""Values typed into the dashboard's forms, checked at the boundary like a workbook's cells."""

from __future__ import annotations

import datetime as dt

from portfolio.excel.values import MAX_AMOUNT, MAX_CELL_CHARS, MAX_NUMBER, format_number
from portfolio.model import RAG, FollowUp, StatusReport

EARLIEST = dt.date(2015, 1, 1)


def _bound_problems(label: str, value: float | None, largest: int) -> list[str]:
    """An entry is exported to Excel and must import back, so it keeps the import's bounds."""
    if value is None:
        return []
    if value < 0:
        return [f"{label} kan inte vara negativt."]
    if value > largest:
        return [f"{label} är orimligt stort: högst {format_number(largest)}."]
    return []


def _comment_problems(text: str) -> list[str]:
    if len(text) > MAX_CELL_CHARS:
        return [
            f"Kommentaren har {format_number(len(text))} tecken; en cell i Excel rymmer högst "
            f"{format_number(MAX_CELL_CHARS)}. Korta den."
        ]
    return []


def _date_problems(date: dt.date | None, today: dt.date) -> list[str]:
    if date is None:
        return ["Ange ett datum."]
    if date > today:
        return [f"Datumet {date:%Y-%m-%d} ligger i framtiden; rapportera det som har hänt."]
    if date < EARLIEST:
        return [f"Datumet {date:%Y-%m-%d} är orimligt tidigt."]
    return []


def follow_up(
    application_id: str,
    benefit: str | None,
    date: dt.date | None,
    actual: float | None,
    actual_sek: float | None,
    comment: str,
    today: dt.date,
) -> tuple[FollowUp | None, list[str]]:
    """A follow-up, or the Swedish reasons it cannot be stored."""
    problems = [] if benefit else ["Välj vilken nytta uppföljningen gäller."]
    problems += _date_problems(date, today)
    problems += _bound_problems("Utfall", actual, MAX_NUMBER)
    problems += _bound_problems("Utfall (kr)", actual_sek, MAX_AMOUNT)
    text = comment.strip()
    problems += _comment_problems(text)
    if actual is None and actual_sek is None and not text:
        problems.append("Ange ett utfall, ett utfall i kronor eller en kommentar.")
    if problems:
        return None, problems
    assert benefit is not None and date is not None
    return (
        FollowUp(
            application_id,
            benefit,
            date,
            None if actual is None else float(actual),
            None if actual_sek is None else round(actual_sek),
            text or None,
        ),
        [],
    )


def status_report(
    application_id: str,
    date: dt.date | None,
    status: str | None,
    time: str | None,
    cost: str | None,
    benefit: str | None,
    spent_sek: float | None,
    comment: str,
    today: dt.date,
) -> tuple[StatusReport | None, list[str]]:
    """A status report (red/amber/green), or the Swedish reasons it cannot be stored."""
    problems = _date_problems(date, today)
    if status not in RAG:
        problems.append("Välj en samlad status: Grön, Gul eller Röd.")
    for value in (time, cost, benefit):
        if value is not None and value not in RAG:
            problems.append(f"Okänd status {value!r}.")
    problems += _bound_problems("Upparbetat belopp", spent_sek, MAX_AMOUNT)
    problems += _comment_problems(comment.strip())
    if status in ("Gul", "Röd") and not comment.strip():
        problems.append("Förklara en gul eller röd status i kommentaren.")
    if problems:
        return None, problems
    assert date is not None and status is not None
    return (
        StatusReport(
            application_id,
            date,
            status,
            time,
            cost,
            benefit,
            None if spent_sek is None else round(spent_sek),
            comment.strip() or None,
        ),
        [],
    )
