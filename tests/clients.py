"""The real programs people open exports with: headless Chromium, LibreOffice and poppler's pdftotext.

.ci/run installs them; a test that needs one skips with the reason only where it is missing,
and fails instead when ``INSATSVAL_REQUIRE_CLIENTS=1`` (as in CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
#: .ci/run sets this: in CI a missing client is a failure, not a skip.
REQUIRED = os.environ.get("INSATSVAL_REQUIRE_CLIENTS") == "1"


def need(program: str | None, name: str) -> str:
    """The program's path, or skip (fail in CI) with a reason."""
    if program is None:
        if REQUIRED:
            pytest.fail(f"{name} is missing: .ci/run should have installed it")
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return program


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile and no background network traffic."""
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([need(CHROMIUM, "Chromium"), *flags, *args], capture_output=True, text=True, timeout=180)


def print_html(html: Path, pdf: Path, profile: Path) -> None:
    """Print ``html`` to an A4 PDF as a person pressing 'print' in Chromium would."""
    done = chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.resolve().as_uri()], profile)
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]


def soffice_to_pdf(document: Path, folder: Path) -> Path:
    """Convert an XLSX or DOCX to PDF with LibreOffice, as printing from it would lay it out."""
    done = subprocess.run(
        [
            need(SOFFICE, "LibreOffice"),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = folder / (document.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """The text of every page, laid out as on the page."""
    done = subprocess.run(
        [need(PDFTOTEXT, "pdftotext (poppler-utils)"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    pages = done.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
