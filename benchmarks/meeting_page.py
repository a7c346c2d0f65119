"""Time the meeting view in headless Chromium: file size, first render, re-ranking after a slider moves.

    .venv/bin/python benchmarks/meeting_page.py
    .venv/bin/python benchmarks/meeting_page.py --moves 200 --screenshots /tmp/meeting

The times are measured inside the page with ``performance.now()`` (the page records them in
``window.insatsvalMeeting.timings``): *first render* is the time from the start of navigation
to the end of the first full render; *re-rank* is the time from a slider's input event to the
end of the re-render (the scoring, the sort and rebuilding the shortlist, the heat map and the
gap table). With ``--screenshots`` it also saves the page before and after moving a weight, in
Swedish and English, and the page printed to PDF.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "familj-10-15.yaml"


def build(folder: Path, lang: str) -> Path:
    out = folder / f"meeting-{lang}.html"
    result = CliRunner().invoke(cli, ["meeting", str(EXAMPLE), "--lang", lang, "--export", str(out), "--force"])
    if result.exit_code != 0:
        raise SystemExit(result.stderr)
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=100, help="slider moves to time")
    parser.add_argument("--screenshots", type=Path, help="folder for before/after screenshots and a printout")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for lang in ("sv", "en"):
            html = build(Path(tmp), lang)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            started = time.perf_counter()
            page.goto(html.as_uri())
            page.wait_for_function("window.insatsvalMeeting !== undefined")
            wall = (time.perf_counter() - started) * 1000
            first = page.evaluate("window.insatsvalMeeting.timings.firstRender")
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.screenshots / f"{lang}-before.png"))
            slider = page.locator("#priorities tbody tr").nth(3).locator("input[type=range]")
            slider.focus()
            page.evaluate("window.insatsvalMeeting.timings.history.length = 0")
            for i in range(args.moves):
                slider.press("ArrowRight" if (i // 10) % 2 == 0 else "ArrowLeft")
            times = page.evaluate("window.insatsvalMeeting.timings.history")
            if args.screenshots:
                slider.press("End")
                page.wait_for_timeout(400)  # the status line is announced a moment after the last move
                page.screenshot(path=str(args.screenshots / f"{lang}-after.png"))
                page.pdf(path=str(args.screenshots / f"{lang}-print.pdf"), format="A4", print_background=True)
            print(
                f"{lang}: {html.stat().st_size / 1024:.0f} KiB; first render {first:.0f} ms after navigation "
                f"(goto to ready {wall:.0f} ms); re-rank over {len(times)} slider moves: "
                f"median {statistics.median(times):.1f} ms, 95th percentile "
                f"{sorted(times)[int(0.95 * (len(times) - 1))]:.1f} ms, max {max(times):.1f} ms"
            )
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
