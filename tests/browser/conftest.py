"""Real-browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

Chromium is never downloaded: the tests launch the system browser (``apt-get install chromium``,
``/usr/bin/chromium``; override with ``CHROMIUM_PATH``). Without it, or without the ``playwright``
package, every browser test is skipped with the reason, unless ``REQUIRE_BROWSER_TESTS=1`` or
``CI=true``, in which case the missing browser fails the run instead.

When a test fails, a screenshot (and the page's HTML) is saved in ``test-artifacts/``
(``BROWSER_ARTIFACTS_DIR`` to change it).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# --headless/--no-sandbox to run as root in a container; the rest keep Chromium off the network
# (background fetches, component updates, sync, QUIC) so that only the live server is contacted.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def _browser_required() -> bool:
    flags = (os.environ.get("REQUIRE_BROWSER_TESTS", ""), os.environ.get("CI", ""))
    return any(flag.strip().lower() in {"1", "true", "yes", "on"} for flag in flags)


def _skip_or_fail(reason: str):
    if _browser_required():
        pytest.fail(f"browser tests are required here (CI or REQUIRE_BROWSER_TESTS) but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so that fixtures can tell, at teardown, whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium shared by all the browser tests (a fresh context and page per test).

    Package scope: it lives while tests/browser/ runs and is gone before the rest of the suite,
    together with the asyncio loop that Playwright's sync API keeps in this thread.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("the playwright package is not installed (pip install -r requirements-dev.txt)")
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        found = shutil.which("chromium") or "none on the PATH"
        _skip_or_fail(f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium; found: {found})")

    # Playwright's sync API keeps an asyncio loop in this thread; Django would otherwise refuse
    # the ORM calls the tests make to set up data ("You cannot call this from an async context").
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_url(live_server):
    return live_server.url.rstrip("/")


@pytest.fixture
def page(browser, live_url, request):
    """A page in a fresh context; on failure its screenshot and HTML go to test-artifacts/.

    Requests to any host but the live server are aborted (the tests never touch the network) and
    listed in ``page.external_requests``; ``page.bad_responses`` lists the live server's requests
    that failed or answered 4xx/5xx, so that a test can check that all of a page's assets loaded.
    Requests the page's Content-Security-Policy refused never leave the browser: they are listed in
    ``page.refused_by_policy`` only.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.external_requests, page.bad_responses, page.console_errors = [], [], []
    page.refused_by_policy = []

    def only_the_live_server(route):
        url = route.request.url
        if url == live_url or url.startswith(live_url + "/"):
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort("blockedbyclient")

    def note_failure(request):
        if request.failure == "csp":
            page.refused_by_policy.append(request.url)
        elif request.url not in page.external_requests:
            page.bad_responses.append(f"failed ({request.failure}) {request.url}")

    context.route("**/*", only_the_live_server)
    page.on("response", lambda r: r.status >= 400 and page.bad_responses.append(f"{r.status} {r.url}"))
    page.on("requestfailed", note_failure)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _save_artifacts(page, request)
    context.close()


def _save_artifacts(page, request):
    root = Path(os.environ.get("BROWSER_ARTIFACTS_DIR") or request.config.rootpath / "test-artifacts")
    root.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    database = os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0]
    stem = f"{stem}-{database}"
    try:
        page.screenshot(path=str(root / f"{stem}.png"), full_page=True)
        (root / f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # a crashed page must not hide the test's own failure
        print(f"could not save browser artifacts for {request.node.nodeid}: {error}")
    else:
        print(f"browser artifacts: {root / stem}.png (page at {page.url})")
