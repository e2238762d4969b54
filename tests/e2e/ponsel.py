"""The phone check every browser test makes of the pages it opens: the page fits a 390 px screen.
Set BALAI_SCREENSHOTS=<folder> to keep a screenshot of every page checked."""

import os
from pathlib import Path

LEBAR = 390
# The first elements whose right edge is past the screen, for the failure message.
_MELEWATI = (
    f"[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {LEBAR + 1})"
    ".slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.name || ''))"
)


def pas(page, name, *, tanpa_luapan=False):
    """Nothing makes the page wider than the screen. With `tanpa_luapan`, no element sticks out
    at all (not even inside a frame that scrolls sideways, as wide tables do)."""
    # A click on a link returns once the next page is on its way, not once it is there.
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(_MELEWATI)
    assert width <= LEBAR and not (tanpa_luapan and wide), (
        f"{name} ({page.url}) is {width}px wide on a {LEBAR}px phone: {wide}"
    )
    folder = os.environ.get("BALAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)
