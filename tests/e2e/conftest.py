"""Browser tests drive Debian's chromium through Playwright. Without chromium they are skipped
with a clear message, unless BALAI_REQUIRE_BROWSER=1 (CI), where a missing browser fails."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("BALAI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("BALAI_REQUIRE_BROWSER") == "1"
SKIP_REASON = "browser tests skipped: chromium not found (apt-get install chromium)"

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM or REQUIRED:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM:
        terminalreporter.write_line(f"NOTE: {SKIP_REASON}", yellow=True)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.fail("chromium is required for browser tests (BALAI_REQUIRE_BROWSER=1) but was not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def site(live_server, settings):
    """URL of a tenant host on the live server: site("selakambang") -> http://selakambang.localhost:PORT"""
    port = live_server.url.rsplit(":", 1)[1]
    settings.BALAI_PUBLIC_PORT = int(port)  # absolute links point at the live server, as in the demo

    def url(label=None, path="/"):
        host = "localhost" if label is None else f"{label}.localhost"
        return f"http://{host}:{port}{path}"

    return url
