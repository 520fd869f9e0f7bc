"""Hostile plan files: small files that cost a careless reader minutes or gigabytes.

Each function of :data:`FILES` gives one file's bytes, the same every time. They
are not committed (the zip bomb alone is a megabyte): tests and the benchmark
write them to a folder, ``python -m tests.hostile.make_hostile DIR`` too.
What reading each must give is in ``tests/hostile/expected.toml``.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PLAN = [["task", "category", "nature", "effort_hours", "SMM", "CM"], ["Plan", "", "strategic", "2", "A/R", "C"]]


def _csv(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# ----- CSV ------------------------------------------------------------------------------
def wide_100000_roles() -> bytes:
    return _csv(["task," + ",".join(f"r{k}" for k in range(100_000)), "Plan" + ",R" + "," * 99_999])


def wide_3000_roles() -> bytes:
    return _csv(["task," + ",".join(f"r{k}" for k in range(3_000)), "Plan,A/R" + "," * 2_999])


def identical_names_10000() -> bytes:
    return _csv(["task,SMM,CM", *(["Publicar,A/R,C"] * 10_000)])


def rows_200001() -> bytes:
    return _csv(["task,CM", *("t,R" for _ in range(200_000))])  # the header and 200,000 rows


def tasks_100001() -> bytes:
    return _csv(["task,CM", *(f"{i},R" for i in range(100_001))])


def one_megabyte_cell() -> bytes:
    return _csv(["task,SMM,CM", "x" * 1_000_000 + ",A/R,C"])


def short_rows_padded() -> bytes:
    # 2,000 columns in the header, then 100,000 lines of one cell: a grid of 200 million padded cells.
    return _csv(["task," + ",".join(f"r{k}" for k in range(1_999)), *("t" for _ in range(100_000))])


def long_layout_24000_roles() -> bytes:
    return _csv(["task,responsible,accountable", *(f"t{i},r{i},r{i}" for i in range(24_000))])


def efforts_1e308_twice() -> bytes:
    return _csv(["task,effort_hours,SMM", "a,1e308,A/R", "b,1e308,A/R"])


def effort_inf() -> bytes:
    return _csv(["task,effort_hours,SMM", "a,inf,A/R", "b,2,A/R"])


def effort_nan() -> bytes:
    return _csv(["task,effort_hours,SMM", "a,2,A/R", "b,nan,A/R"])


def efforts_at_the_limit() -> bytes:
    return _csv(["task,effort_hours,SMM,CM", *(f"t{i},10000,A/R,C" for i in range(1_000))])


# ----- workbooks ------------------------------------------------------------------------
def _workbook(sheet: Callable[[zipfile.ZipFile], None], shared: bytes | None = None) -> bytes:
    """A minimal workbook, its sheet written by ``sheet`` into xl/worksheets/sheet1.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
            + "</Types>"))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="RACI" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
               if shared is not None else "")
            + "</Relationships>"))
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        sheet(archive)
    return buffer.getvalue()


def _plan_rows(first_row: int = 1) -> str:
    rows = []
    for r, values in enumerate(_PLAN, start=first_row):
        cells = "".join(f'<c r="{chr(65 + k)}{r}" t="inlineStr"><is><t>{value}</t></is></c>'
                        for k, value in enumerate(values))
        rows.append(f'<row r="{r}">{cells}</row>')
    return "".join(rows)


def _sheet_xml(rows: str, dimension: str = "A1:F2") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()


def _write_sheet(xml: bytes) -> Callable[[zipfile.ZipFile], None]:
    return lambda archive: archive.writestr("xl/worksheets/sheet1.xml", xml)


def workbook_plain() -> bytes:
    return _workbook(_write_sheet(_sheet_xml(_plan_rows())))


def workbook_7m_shared_strings() -> bytes:
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="7000000" '
              'uniqueCount="7000000">').encode() + b"<si><t>a</t></si>" * 7_000_000 + b"</sst>"
    return _workbook(_write_sheet(_sheet_xml(_plan_rows())), shared=shared)


def workbook_8m_empty_rows() -> bytes:
    return _workbook(_write_sheet(_sheet_xml(_plan_rows() + "<row/>" * 8_000_000)))


def workbook_huge_dimension() -> bytes:
    return _workbook(_write_sheet(_sheet_xml(_plan_rows(), dimension="A1:XFD1048576")))


def workbook_last_row_1048576() -> bytes:
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _workbook(_write_sheet(_sheet_xml(_plan_rows() + far)))


def workbook_cells_far_right() -> bytes:
    far = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(3, 2_000))
    return _workbook(_write_sheet(_sheet_xml(_plan_rows() + far)))


def workbook_unzips_to_1_gb() -> bytes:
    def sheet(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            zeros = b"\0" * (1 << 24)
            for _ in range(64):  # 1 GiB of zeros: about 1 MB compressed
                stream.write(zeros)

    return _workbook(sheet)


def workbook_doctype() -> bytes:
    xml = _sheet_xml(_plan_rows()).replace(b"?><worksheet", b'?><!DOCTYPE w [<!ENTITY e "x">]><worksheet', 1)
    return _workbook(_write_sheet(xml))


# ----- JSON ----------------------------------------------------------------------------
def json_3000_roles() -> bytes:
    roles = ",".join(f'{{"short": "r{k}"}}' for k in range(3_000))
    return f'{{"format": "raci-plan", "version": 1, "roles": [{roles}], "tasks": []}}'.encode()


def json_effort_1e308() -> bytes:
    task = '{"name": "a", "effort_hours": 1e308, "letters": {"CM": "A/R"}}'
    return f'{{"format": "raci-plan", "version": 1, "roles": [{{"short": "CM"}}], "tasks": [{task}, {task}]}}'.encode()


#: Every hostile file: its name, and the function that gives its bytes.
FILES: dict[str, Callable[[], bytes]] = {
    "wide_100000_roles.csv": wide_100000_roles,
    "wide_3000_roles.csv": wide_3000_roles,
    "identical_names_10000.csv": identical_names_10000,
    "rows_200001.csv": rows_200001,
    "tasks_100001.csv": tasks_100001,
    "one_megabyte_cell.csv": one_megabyte_cell,
    "short_rows_padded.csv": short_rows_padded,
    "long_layout_24000_roles.csv": long_layout_24000_roles,
    "efforts_1e308_twice.csv": efforts_1e308_twice,
    "effort_inf.csv": effort_inf,
    "effort_nan.csv": effort_nan,
    "efforts_at_the_limit.csv": efforts_at_the_limit,
    "workbook_plain.xlsx": workbook_plain,
    "workbook_7m_shared_strings.xlsx": workbook_7m_shared_strings,
    "workbook_8m_empty_rows.xlsx": workbook_8m_empty_rows,
    "workbook_huge_dimension.xlsx": workbook_huge_dimension,
    "workbook_last_row_1048576.xlsx": workbook_last_row_1048576,
    "workbook_cells_far_right.xlsx": workbook_cells_far_right,
    "workbook_unzips_to_1_gb.xlsx": workbook_unzips_to_1_gb,
    "workbook_doctype.xlsx": workbook_doctype,
    "json_3000_roles.json": json_3000_roles,
    "json_effort_1e308.json": json_effort_1e308,
}


def write_all(folder: Path) -> list[Path]:
    """Write every hostile file into ``folder`` (made if missing); the paths, in :data:`FILES` order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in FILES.items():
        path = folder / name
        path.write_bytes(make())
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(f"{written.stat().st_size:>10,}  {written}")
