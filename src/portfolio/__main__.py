"""`python -m portfolio COMMAND ... [--db PATH]`: argument parsing only (shared/spec/cli.md).

Exit status: 0 done, 1 refused input (message on stderr, nothing changed), 2 wrong usage.
An unforeseen error of ours also exits 1, with a Swedish message instead of a traceback; the
traceback goes to a file the message names.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from portfolio import bootstrap, config, db, files, imports, reference
from portfolio.cli_parser import SwedishParser, swedish_messages, whole_number, year_number


class Refused(Exception):
    """Input refused: printed on stderr, exit status 1."""


class Usage(Exception):
    """Wrong usage that argparse cannot see: exit status 2."""


def _in_the_dashboard(args: argparse.Namespace) -> str | None:
    """While the dashboard holds the database, where in it the command's work is done
    instead (None: nowhere, as for export --json)."""
    command = getattr(args, "command", "")
    if command == "import":
        return "ladda upp filerna på sidan Importera i instrumentpanelen"
    if command == "template":
        return "ladda ned mallen på sidan Importera i instrumentpanelen"
    if command != "export" or getattr(args, "json", False):
        return None
    if getattr(args, "objekt", None):
        return "ladda ned planen på sidan Objekt i instrumentpanelen"
    if getattr(args, "application", None):
        return "ladda ned ansökan där den visas på sidan Ansökningar i instrumentpanelen"
    return "ladda ned portföljen på sidan Ansökningar i instrumentpanelen"


def _open(args: argparse.Namespace) -> db.Connection:
    path = config.database_path(args.db)
    try:
        return bootstrap.open_database(path, seed_sample=False)
    except db.DatabaseBusy as exc:
        instead = _in_the_dashboard(args)
        said = f"{str(exc).removesuffix('.')}, eller {instead}." if instead else str(exc)
        raise Refused(said) from None
    except db.DatabaseUnavailable as exc:
        raise Refused(str(exc)) from None


def cmd_init(args: argparse.Namespace) -> int:
    created = not config.database_path(args.db).exists()
    con = _open(args)  # a new database gets the default profile here
    counts = bootstrap.load_profile(con, args.profile, config.current_user())
    state = "oförändrad" if counts.unchanged and not created else "inläst"
    print(f"Databas: {config.database_path(args.db)}")
    print(f"Profil {reference.profile(args.profile).name}: {state}")
    if args.sample:
        reports = bootstrap.load_sample(con, args.profile)
        for report in reports:
            print(report.summary())
        if any(r.refused for r in reports):
            _print_problems(reports)
            return 1
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from portfolio import sample  # generating is rare; keep the other commands light

    if args.scale < 1:
        raise Usage("--scale måste vara ett heltal, minst 1")
    try:
        paths = sample.write_sample(Path(args.out), scale=args.scale)
    except OSError as exc:
        raise Refused(f"{args.out}: {files.reason(exc, writing=True)}.") from None
    print(f"Skrev {len(paths)} arbetsböcker under {args.out}")
    return 0


def _print_problems(reports: Sequence[imports.FileReport]) -> None:
    """Errors on stderr, warnings on stdout, each as cli.md's `FILE: SHEET!CELL: message`:
    a warning's message begins "varning: " (before the file name, it broke that form)."""
    for report in reports:
        for problem in report.problems:
            if problem.severity == "error":
                print(problem, file=sys.stderr)
            else:
                print(dataclasses.replace(problem, message=f"varning: {problem.message}"))


def _marked_folder(folder: str | None) -> Path | None:
    """The folder for marked copies, made before anything is imported."""
    if folder is None:
        return None
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(
            f"mappen {folder} för markerade kopior: {files.reason(exc, writing=True)}"
        ) from None
    return path


def _write_marked(
    reports: Sequence[imports.FileReport], paths: Sequence[Path], folder: Path
) -> None:
    """A copy of each refused workbook with its problems marked in the cells (excel.annotate)."""
    from portfolio.excel import annotate

    for report, path in zip(reports, paths, strict=True):
        if not report.refused:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue  # its problem already says why it cannot be read
        if imports.sha256(data) != report.sha256:  # read again: someone saved it meanwhile
            print(
                f"{report.file}: ingen markerad kopia (filen ändrades medan den kontrollerades; "
                "importera den igen)"
            )
            continue
        if not annotate.annotatable(data, report.kind):
            print(
                f"{report.file}: ingen markerad kopia (inte en arbetsbok som kunde läsas, "
                f"eller större än {annotate.MAX_ANNOTATED_BYTES // 1024 // 1024} MB, "
                f"{annotate.MAX_ANNOTATED_UNPACKED // 1024 // 1024} MB uppackad)"
            )
            continue
        target = folder / f"{path.stem}_markerad.xlsx"
        try:
            marked = annotate.annotated_workbook(data, report.problems)
            files.write_whole(target, lambda partial, marked=marked: partial.write_bytes(marked))
        except annotate.NotAnnotated:
            print(f"{report.file}: ingen markerad kopia (filen gick inte att skriva om)")
            continue
        except OSError as exc:
            raise Refused(f"{target}: {files.reason(exc, writing=True)}") from None
        print(f"{report.file}: markerad kopia i {target}")


def cmd_import(args: argparse.Namespace) -> int:
    marked = _marked_folder(args.marked)
    con = _open(args)
    given = _in_dependency_order(args.files)
    paths = [Path(p) for p in given]
    if args.dry_run:
        reports = imports.import_files(con, paths, config.current_user(), dry_run=True)
    else:
        reports = imports.import_all_or_none(
            con, paths, config.current_user(), with_changes=args.changes
        )
    _name_as_given(reports, given)
    for report in reports:
        print(report.summary())
        for line in report.change_lines() if args.changes else ():
            print(line)
    _print_problems(reports)
    if marked is not None:
        _write_marked(reports, paths, marked)
    refused = sum(r.refused for r in reports)
    if refused and not args.dry_run and len(reports) > 1:
        print(
            f"Fel: inget importerades, eftersom {refused} av {len(reports)} filer har fel. "
            "Rätta felen och importera alla filerna igen.",
            file=sys.stderr,
        )
    return 1 if refused else 0


def _in_dependency_order(given: Sequence[str]) -> list[str]:
    """The files in the order to import them (imports.dependency_order), saying on stderr
    which were moved ahead, so that stdout keeps one line per file."""
    from portfolio.excel.read import likely_kind

    order = imports.dependency_order([likely_kind(name) for name in given])
    moved = imports.moved_first(given, order)
    if moved:
        print(
            f"Obs: {', '.join(moved)} importeras först: referensdata och objektplaner före "
            "ansökningar, som kan ange deras värden.",
            file=sys.stderr,
        )
    return [given[i] for i in order]


def _name_as_given(reports: Sequence[imports.FileReport], given: Sequence[str]) -> None:
    """Name each file as the command line named it: two folders' objekt.xlsx stay apart."""
    for report, name in zip(reports, given, strict=True):
        report.file = name
        report.problems = [dataclasses.replace(p, file=name) for p in report.problems]


def cmd_export(args: argparse.Namespace) -> int:
    from portfolio import snapshot

    if args.json == bool(args.out):
        raise Usage("ange antingen --json eller --out FIL.xlsx")
    if (args.application or args.objekt) and not args.out:
        raise Usage("--application och --objekt skriver en arbetsbok: ange --out FIL.xlsx")
    if args.application and args.objekt:
        raise Usage("ange antingen --application eller --objekt")
    if args.year is not None and not args.objekt:
        raise Usage("--year hör till --objekt (objektplanens år)")
    con = _open(args)
    if args.json:
        json.dump(snapshot.portfolio_dict(con), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise Usage(f"{out}: exporten skrivs som Excel-arbetsbok; ge filen ändelsen .xlsx")
    data, what = _export_bytes(con, args)
    try:
        files.write_whole(out, lambda partial: partial.write_bytes(data))
    except OSError as exc:
        raise Refused(f"{out}: kan inte skriva filen: {files.reason(exc, writing=True)}.") from None
    print(f"Skrev {what} till {out}")
    return 0


def _export_bytes(con: db.Connection, args: argparse.Namespace) -> tuple[bytes, str]:
    """The workbook `export --out` writes, and its name in the confirmation; what is not
    stored is refused before any file is touched."""
    from portfolio import model, queries, snapshot

    buffer = io.BytesIO()
    if args.application:
        if not snapshot.write_application(buffer, con, args.application):
            raise Refused(f'ansökan "{args.application}" finns inte i databasen.')
        return buffer.getvalue(), f"ansökan {args.application}"
    if args.objekt:
        year = args.year or model.template_year(queries.stored_profile(con), dt.date.today())
        if not snapshot.write_objekt_plan(buffer, con, args.objekt, year):
            raise Refused(f'objektet "{args.objekt}" finns inte i databasen.')
        return buffer.getvalue(), f"objektplanen för {args.objekt} {year}"
    snapshot.write_compilation(buffer, con)
    return buffer.getvalue(), "hela portföljen"


def cmd_template(args: argparse.Namespace) -> int:
    from portfolio import snapshot

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise Usage(f"{out}: mallen skrivs som Excel-arbetsbok; ge filen ändelsen .xlsx")
    con = _open(args)
    buffer = io.BytesIO()
    year = snapshot.write_blank_template(buffer, con, args.kind, args.year)
    try:
        files.write_whole(out, lambda partial: partial.write_bytes(buffer.getvalue()))
    except OSError as exc:
        raise Refused(f"{out}: kan inte skriva filen: {files.reason(exc, writing=True)}.") from None
    # The reference workbook holds every year's lists: no year to name.
    made_for = "" if args.kind == "referensdata" else f" för {year}"
    print(f"Skrev mallen {args.kind}{made_for} till {out}")
    return 0


def cmd_smart(args: argparse.Namespace) -> int:
    from portfolio import smart

    if args.texts and args.file:
        raise Usage("ange måltexter som argument eller --file FIL, inte båda")
    if not (args.texts or args.file):
        raise Usage("ange måltexter som argument eller --file FIL med en måltext per rad")
    if args.file:
        try:
            lines = Path(args.file).read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise Refused(f"{args.file}: {files.reason(exc)}.") from None
        except UnicodeDecodeError:
            raise Refused(
                f"{args.file}: filen är inte text i UTF-8. Spara den som UTF-8-text (i Excel: "
                "CSV UTF-8, i Anteckningar: kodning UTF-8) och försök igen."
            ) from None
        texts = [line.strip() for line in lines if line.strip()]
    else:
        texts = [t for t in args.texts if t.strip()]
    for text in texts:
        assessment = smart.assess(text)
        if args.json:
            print(json.dumps(assessment.to_json(text), ensure_ascii=False))
            continue
        print(f"{text}\n  SMART-poäng {assessment.score}/5")
        for attr, label in smart.LETTERS:
            verdict = getattr(assessment, attr)
            word = {True: "ja", False: "nej", None: "kan inte bedömas"}[verdict.ok]
            print(f"  {label}: {word} – {verdict.reason}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = SwedishParser(
        prog="python -m portfolio",
        description="Portföljstyrning av digitaliseringspotten: databas, import och export.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--db",
            metavar="PATH",
            help="databasfil (standard: $PORTFOLIO_DB eller data/portfolio.duckdb)",
        )
        return sub

    init = command("init", "skapa eller migrera databasen och läs in en kommunprofil")
    init.add_argument("--profile", choices=sorted(reference.PROFILES), default="huddinge")
    init.add_argument("--sample", action="store_true", help="läs också in exempelportföljen")
    init.set_defaults(run=cmd_init)

    smp = command("sample", "skriv exempelportföljens arbetsböcker")
    smp.add_argument("--out", required=True, metavar="DIR")
    smp.add_argument("--scale", type=whole_number, default=1, metavar="N")
    smp.set_defaults(run=cmd_sample)

    imp = command("import", "kontrollera och importera arbetsböcker")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="kontrollera bara, spara inget")
    imp.add_argument(
        "--changes",
        action="store_true",
        help="visa varje ändring i ansökningar och listor som redan finns",
    )
    imp.add_argument(
        "--marked",
        metavar="DIR",
        help="skriv en kopia av varje avvisad fil med problemen markerade i cellerna till DIR",
    )
    imp.set_defaults(run=cmd_import)

    sm = command("smart", "bedöm måltexter enligt SMART")
    sm.add_argument("texts", nargs="*", metavar="TEXT")
    sm.add_argument("--file", metavar="FILE", help="en måltext per rad")
    sm.add_argument("--json", action="store_true", help="ett JSON-objekt per rad")
    sm.set_defaults(run=cmd_smart)

    tpl = command("template", "skriv en tom mall att fylla i")
    kinds = ["ansokan", "ansokningar", "objekt", "referensdata"]
    tpl.add_argument("kind", choices=kinds, metavar="KIND", help=", ".join(kinds))
    tpl.add_argument("--out", required=True, metavar="FILE")
    tpl.add_argument(
        "--year",
        type=year_number,
        metavar="ÅR",
        help="året vars listor mallen ska ha (annars pottens aktuella år)",
    )
    tpl.set_defaults(run=cmd_template)

    exp = command("export", "exportera hela portföljen")
    exp.add_argument("--json", action="store_true", help="skriv JSON på standard ut")
    exp.add_argument("--out", metavar="FILE.xlsx", help="skriv en sammanställningsarbetsbok")
    exp.add_argument(
        "--application",
        metavar="ID",
        help="med --out: bara den ansökan, som den arbetsbok förvaltningen fyller i",
    )
    exp.add_argument(
        "--objekt",
        metavar="NAMN",
        help="med --out: objektets objektplan och aktiviteter för ett år, att fylla i",
    )
    exp.add_argument(
        "--year",
        type=year_number,
        metavar="ÅR",
        help="med --objekt: planens år (annars mallens år)",
    )
    exp.set_defaults(run=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with swedish_messages():
        parser = _parser()
        args, extra = parser.parse_known_args(argv)
        if extra and args.command == "import" and not any(e.startswith("-") for e in extra):
            args.files += extra  # `import a.xlsx --dry-run b.xlsx`: argparse stops at the flag
        elif extra:
            parser.error(f"okända argument: {' '.join(extra)}")
        if getattr(args, "db", None) is not None and not args.db.strip():
            # `--db "$DB"` with DB unset: the default database must not be taken instead.
            parser.error("--db: sökvägen är tom. Ange databasfilen, eller utelämna --db")
    try:
        return args.run(args)
    except Refused as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    except Usage as exc:
        print(f"python -m portfolio {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`export --json | head`): not a fault. Python's advice:
        # point stdout at devnull so that the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception:
        if config.raise_page_errors():
            raise
        print(f"Fel: {_fault_notice(args.command)}", file=sys.stderr)
        return 1


def _fault_notice(command: str) -> str:
    """Save the traceback for the maintainers and say in Swedish where it is.

    Every write is one transaction, so an interrupted command left nothing half written;
    what it had already stored (earlier files of an import) stays.
    """
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    text = f"python -m portfolio {command}, {stamp}\n\n{traceback.format_exc()}"
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", prefix="portfolio-fel-", suffix=".txt", delete=False
        ) as out:
            out.write(text)
        where = f"Felet finns beskrivet i {out.name}"
    except OSError:
        where = "Felbeskrivningen kunde inte sparas"
    return (
        f"ett oväntat fel i programmet stoppade kommandot {command} ({stamp}). "
        "Inget sparades till hälften; det som redan hade sparats finns kvar. "
        f"{where}: skicka den till den som förvaltar portföljverktyget."
    )


if __name__ == "__main__":
    sys.exit(main())
