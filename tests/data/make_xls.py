"""Write tests/data/xls-errors.xls, xls-merged.xls and xls-1904.xls:
python tests/data/make_xls.py (needs xlwt).

The .xls (BIFF8) workbook the tests read is committed, so the tests need no writer
of the old format; xlwt is not a dependency. Sheet "其他" holds an error of its own
(never reported for "商机"); sheet "商机" starts at row 3 (a title row, an empty row):

    row 3  负责人 | 金额    | 成交日期
    row 4  Ann    | 100     | 2026-10-03
    row 5  Ann    | #DIV/0! | 2026-10-04
    row 6  #N/A   | 50      | 2026-10-05
    row 7  Ann    | #REF!   | 2026-10-06
    row 8  Ann    | 30      | 2026-10-07

xls-merged.xls, sheet "明细": a salesperson's cell merged down their rows, as hand-made
sheets have it (only the range's first cell holds the name):

    row 1  业务员 | 金额 | 日期
    row 2  王芳   | 1000 | 2026-10-05     (王芳 merged over rows 2-4)
    row 3         | 2000 | 2026-10-06
    row 4         | 3000 | 2026-10-07
    row 5  李强   | 1200 | 2026-10-08

xls-1904.xls, sheet "Deals", a workbook of the 1904 date system (a Mac's), its dates
serial numbers in General cells: 44835 is 2026-10-02 counted from 1904-01-01
(2022-10-01 from 1900):

    row 1  Owner | Amount | Closed
    row 2  Ann   | 100    | 44835
    row 3  Ann   | 7      | 44836
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

merged = xlwt.Workbook(encoding="utf-8")
detail = merged.add_sheet("明细")
for c, header in enumerate(("业务员", "金额", "日期")):
    detail.write(0, c, header)
detail.write_merge(1, 3, 0, 0, "王芳")
for r, (amount, day) in enumerate(
    [(1000, "2026-10-05"), (2000, "2026-10-06"), (3000, "2026-10-07"), (1200, "2026-10-08")],
    start=1,
):
    detail.write(r, 1, amount)
    detail.write(r, 2, day)
detail.write(4, 0, "李强")
merged.save(str(Path(__file__).resolve().parent / "xls-merged.xls"))

mac = xlwt.Workbook(encoding="utf-8")
mac.dates_1904 = True
deals = mac.add_sheet("Deals")
for r, values in enumerate([("Owner", "Amount", "Closed"), ("Ann", 100, 44835), ("Ann", 7, 44836)]):
    for c, value in enumerate(values):
        deals.write(r, c, value)
mac.save(str(Path(__file__).resolve().parent / "xls-1904.xls"))
