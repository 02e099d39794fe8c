"""Write tests/data/xls-errors.xls: python tests/data/make_xls.py (needs xlwt).

The .xls (BIFF8) workbook the tests read is committed, so the tests need no writer
of the old format; xlwt is not a dependency. Sheet "其他" holds an error of its own
(never reported for "商机"); sheet "商机" starts at row 3 (a title row, an empty row):

    row 3  负责人 | 金额    | 成交日期
    row 4  Ann    | 100     | 2026-10-03
    row 5  Ann    | #DIV/0! | 2026-10-04
    row 6  #N/A   | 50      | 2026-10-05
    row 7  Ann    | #REF!   | 2026-10-06
    row 8  Ann    | 30      | 2026-10-07
"""

from pathlib import Path

import xlwt  # type: ignore[import-not-found]

book = xlwt.Workbook(encoding="utf-8")
other = book.add_sheet("其他")
other.row(0).set_cell_error(0, "#NUM!")
sheet = book.add_sheet("商机")
sheet.write(0, 0, "商机导出")
rows = [
    ("负责人", "金额", "成交日期"),
    ("Ann", 100, "2026-10-03"),
    ("Ann", "#DIV/0!", "2026-10-04"),
    ("#N/A", 50, "2026-10-05"),
    ("Ann", "#REF!", "2026-10-06"),
    ("Ann", 30, "2026-10-07"),
]
for r, values in enumerate(rows, start=2):
    for c, value in enumerate(values):
        if isinstance(value, str) and value.startswith("#") and value != "#N/A":
            sheet.row(r).set_cell_error(c, value)
        elif value == "#N/A":
            sheet.row(r).set_cell_error(c, 0x2A)  # (xlwt knows #N/A only by its code)
        else:
            sheet.write(r, c, value)
book.save(str(Path(__file__).resolve().parent / "xls-errors.xls"))
