"""Regenerate the README's pictures of the workbook: python docs/make_images.py.

Renders examples/sales for 2026-10 to .xlsx, converts it headless with LibreOffice
(`soffice`) to PDF and turns the Summary and People pages into PNG with poppler's
`pdftoppm` (Debian: apt-get install libreoffice-calc-nogui poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
# page → (file, crop as fractions of the page: left, top, width, height)
PAGES = {
    1: ("workbook-summary.png", (0.05, 0.08, 0.85, 0.33)),
    2: ("workbook-people.png", (0.06, 0.11, 0.48, 0.17)),
}
DPI = 220
A4_LANDSCAPE_INCHES = (11.69, 8.27)


def main() -> None:
    soffice = shutil.which("soffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        sys.exit("needs soffice (LibreOffice) and pdftoppm (poppler-utils) on PATH")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        book = work / "scorecard.xlsx"
        subprocess.run(
            [sys.executable, "-m", "scorecard", "run", str(ROOT / "examples/sales/scorecard.yaml"),
             "--period", "2026-10", "-f", "xlsx", "-o", str(book), "-q"],
            check=True, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        )
        subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(book)],
                       check=True, capture_output=True)
        OUT.mkdir(parents=True, exist_ok=True)
        width, height = (inches * DPI for inches in A4_LANDSCAPE_INCHES)
        for page, (name, (left, top, share_w, share_h)) in PAGES.items():
            stem = work / f"page{page}"
            crop = ["-x", str(int(left * width)), "-y", str(int(top * height)),
                    "-W", str(int(share_w * width)), "-H", str(int(share_h * height))]
            subprocess.run([pdftoppm, "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                            *crop, "-singlefile", str(work / "scorecard.pdf"), str(stem)],
                           check=True)
            shutil.copyfile(f"{stem}.png", OUT / name)
            print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
