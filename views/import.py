"""Importera: upload workbooks, see every problem or a preview, then confirm."""

import streamlit as st

from portfolio import config, imports, tables, ui

version = ui.data_version()
st.title("Importera arbetsböcker")
st.write(
    "Ladda upp ansökningar, sammanställningar, objektplaner eller referensdata som Excel-"
    "arbetsböcker (.xlsx). Varje fil kontrolleras först i sin helhet; inget sparas förrän du "
    "bekräftar, och en fil med fel sparas inte alls."
)
actor = ui.actor_name()
with st.expander("Mallar att fylla i", expanded=not st.session_state.get("uploader_round")):
    year = ui.selected_year()
    st.write(
        "Utgå från en mall: den har rätt blad och rubriker, rullgardinslistor med kommunens "
        "förvaltningar, målområden och inriktningar"
        + (f" för {year} (året som är valt i sidomenyn)" if year else "")
        + ", och ett blad med instruktioner. Referensdata har kommunens listor som de är "
        "sparade nu, att ändra i."
    )
    ui.template_downloads(version, year)
for message in ui.import_results():
    st.success(message)

ui.uploader_in_swedish()  # before the uploader, so its English never shows first
uploads = st.file_uploader(
    f"Välj en eller flera arbetsböcker (högst {config.MAX_UPLOAD_MB} MB per fil)",
    type=["xlsx", "xlsm"],
    accept_multiple_files=True,
    key=ui.uploader_key(),
)

if uploads:
    ui.forget_left_out()  # the corrected files, or others: the earlier batch is done
elif left_out := ui.imports_left_out():
    st.warning(ui.left_out_message(left_out))
    for place, item in enumerate(left_out):
        with st.expander(f"{ui.plain(item.name)}: {ui.report_status(item.report)}", True):
            ui.problem_list(item.report, item.data, f"left-{place}")
    if st.button("Dölj filerna med fel"):
        ui.forget_left_out()
        st.rerun()

if uploads:
    checked = ui.checked_uploads(uploads, actor)
    # An untouched template holds nothing to import: neither ready nor wrong.
    ready = [c for c in checked if not c.report.refused and not c.report.empty]
    empty = sum(c.report.empty for c in checked)
    many = len(checked) > 3
    if len(checked) > 1:
        # A batch from every administration: the whole of it first, then file by file
        # (with many files, only those with problems are opened).
        st.markdown(
            f"**{len(checked)} filer:** {ui.count(len(ready), 'klar', 'klara')} "
            "att importera, "
            f"{len(checked) - len(ready) - empty} med fel"
            + (f", {ui.count(empty, 'tom', 'tomma')}" if empty else "")
        )
        st.dataframe(
            tables.upload_summary([c.report for c in checked]),
            hide_index=True,
            width="stretch",
            placeholder="–",  # a refused file adds nothing
            # Sized for "Sparas inte" even when the first rows all say "Klar"; a long
            # file name is cut here (each file's section below names it whole), so that
            # the counts and problems stay in view at 1024 px.
            column_config={
                "Fil": st.column_config.TextColumn(width=150),
                "Läge": st.column_config.TextColumn(width=92),
                # Counts as narrow as their headers, so Oförändrade fits at 1024 px too.
                **{
                    name: st.column_config.NumberColumn(width=width)
                    for name, width in (
                        ("Fel", 40),
                        ("Varningar", 78),
                        ("Nya", 42),
                        ("Ändrade", 66),
                        ("Oförändrade", 92),
                        ("Borttagna", 84),
                    )
                },
            },
        )
        revised, total = tables.batch_applications([c.report for c in checked])
        if not revised.empty:
            st.markdown("**Ansökningar som läggs till eller får en ny version**")
            st.dataframe(
                revised,
                hide_index=True,
                width="stretch",
                # Fil in view at 1366 px: the long names give way and are cut.
                column_config={
                    "Ansöknings-id": st.column_config.TextColumn(width=115),
                    # "Ändrad (ny version)" whole; the titles give way.
                    "Förändring": st.column_config.TextColumn(width=140),
                    "Förvaltning": st.column_config.TextColumn(width=190),
                    "Titel": st.column_config.TextColumn(width=210),
                    "Fil": st.column_config.TextColumn(width=130),
                },
            )
            st.caption(total)
    for place, item in enumerate(checked):
        report = item.report
        opened = not many or bool(report.problems)
        with st.expander(f"{ui.plain(report.file)}: {ui.report_status(report)}", expanded=opened):
            if report.refused:
                st.error("Filen har fel och sparas inte. Rätta felen nedan och ladda upp igen.")
            elif report.empty:
                st.info("Filen har inget att importera: fyll i den och ladda upp den igen.")
            elif report.problems:
                st.warning("Filen kan importeras; se varningarna.")
            ui.earlier_import_note(report)
            if report.problems:
                ui.problem_list(report, item.data, str(place))
            if not report.refused and not report.empty and report.counts is not None:
                st.dataframe(tables.change_counts(report.counts), hide_index=True)
                lists = tables.list_changes_table(report.list_changes)
                ui.table("Så ändras kommunens listor", lists, wrap=1)
                if report.portfolio and report.portfolio.applications:
                    st.dataframe(
                        tables.application_preview(
                            report.portfolio, report.counts, report.record_kinds
                        ),
                        hide_index=True,
                        width="stretch",
                    )
                # Also for a workbook of decisions or status reports alone: what it records
                # for which application is what the office confirms.
                ui.table(
                    "Så ändras ansökningar som redan finns",
                    tables.pending_changes(report.changes),
                    wrap=1,  # "Uppgift" wraps: a follow-up's names it at length
                )
                if report.portfolio and report.portfolio.applications:
                    changes = report.counts.application_changes
                    ui.goal_preview(
                        tables.goal_preview(report.portfolio, ui.profile(version), changes)
                    )
                ui.table(
                    "Så ändras objekt och planer som redan finns",
                    tables.pending_changes(report.objekt_changes, key="Objekt"),
                    wrap=1,  # an activity's "Uppgift" names it at length
                )
                if kept := imports.kept_note(report.kept_objekt, report.kept_plans):
                    st.info(ui.plain(kept))
                if report.portfolio and report.portfolio.activities:
                    changes = report.counts.activity_changes
                    ui.goal_preview(
                        tables.activity_goal_preview(
                            report.portfolio, ui.profile(version), changes
                        ),
                        nowrap=0,
                    )
    changing = [c for c in ready if c.report.counts is None or c.report.counts.changes_anything]
    refused = [c for c in checked if c.report.refused]  # shown again after the import
    if changing:
        plural = "er" if len(ready) > 1 else ""
        if st.button(f"Importera {len(ready)} fil{plural} utan fel", type="primary"):
            ui.store_uploads(ready, actor, refused)
            st.rerun()
    elif ready:
        # Offered all the same, not as the next step: an import is logged, and the office
        # may want the receipt of a file sent again on record.
        st.info(
            ("Filen ändrar" if len(ready) == 1 else "Filerna ändrar")
            + " ingenting: allt finns redan sparat så. Du behöver inte importera."
        )
        if st.button("Importera ändå (loggas i importloggen)"):
            ui.store_uploads(ready, actor, refused)
            st.rerun()
    elif empty == len(checked):
        st.info("Det finns inget att importera: fyll i mallen och ladda upp den igen.")
    else:
        st.info(
            "Filen kan inte importeras. Rätta felen och ladda upp den igen."
            if len(checked) == 1
            else "Ingen av filerna kan importeras. Rätta felen och ladda upp filerna igen."
        )

st.divider()
st.subheader("Importlogg")
LOG_ROWS = 50
log = ui.import_log(version, LOG_ROWS)
if log.empty:
    st.caption("Inget har importerats ännu.")
else:
    which = (
        f"Alla {len(log)} importer"
        if len(log) < LOG_ROWS
        else f"De senaste {LOG_ROWS} importerna (hela loggen laddar du ned under tabellen)"
    )
    st.caption(
        f"{which}, nyast först: vem, vilken fil och vad den lade till, ändrade och tog bort. "
        "SHA-256 är filens fingeravtryck; samma värde betyder exakt samma fil."
    )
    clicked = st.dataframe(
        tables.import_log(log),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-cell",  # a click in any cell picks its import
        key=f"import-log-{version}",  # a new import moves the rows: forget the click
    )
    st.download_button(
        "Ladda ned hela importloggen (.xlsx)",
        data=lambda: ui.import_log_bytes(version),
        file_name="importlogg.xlsx",
        mime=ui.XLSX_MIME,
        on_click=ui.DOWNLOAD_CLICK,
        help="Varje import som sparats, nyast först, med tid, vem, fil, SHA-256 och vad den "
        "lade till, ändrade och tog bort, och på bladet Ändringar varje post den rörde: för "
        "revisionen eller för att jämföra filer.",
    )
    row = ui.clicked_row(clicked.selection, len(log))
    if row is not None:
        chosen = log.iloc[row]
        done = ui.import_changes(version, int(chosen["id"]))
        ui.table(
            f"Vad importen av {ui.plain(chosen['file_name'])} "
            f"{str(chosen['imported_at'])[:16]} gjorde",
            done,
            "Den ändrade inget: allt i filen fanns redan sparat så.",
            # Read whole (a change names each field before and after), unless thousands.
            wrap=2 if len(done) <= 500 else None,
        )
    else:
        st.caption(
            "Klicka på en import i tabellen för att se vad den lade till, ändrade och tog bort."
        )
