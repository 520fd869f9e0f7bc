"""A deck (or any office file) as LibreOffice renders it: PDF, then one PNG per page.

Used by the deck's render test and by hand (``python -m tools.office deck.pptx OUTDIR``) to look
at every slide as Impress draws it. LibreOffice runs headless with its own throwaway profile,
so a desktop LibreOffice of the same user is neither needed nor disturbed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

TIMEOUT = 180  # seconds: a first start of LibreOffice on a busy 2-core machine takes ~10 s


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(document: Path, out_dir: Path) -> Path:
    """``document`` converted to PDF by LibreOffice headless; the PDF's path. RuntimeError with its output."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(document)],
            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    pdf = out_dir / (document.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"LibreOffice could not convert {document}: {done.stdout} {done.stderr}")
    return pdf


def pdf_pages(pdf: Path, out_dir: Path, scale: float = 1.0) -> list[Path]:
    """Each page of ``pdf`` as a PNG in ``out_dir`` (page-1.png, page-2.png...)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for k in range(len(document)):
            path = out_dir / f"page-{k + 1}.png"
            document[k].render(scale=scale).to_pil().save(path)
            pages.append(path)
    finally:
        document.close()
    return pages


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    for page in pdf_pages(to_pdf(source, target), target):
        print(page)
