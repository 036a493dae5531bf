"""Browser fixtures: Chromium through Playwright, and `streamlit run` on a temporary data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import driver
from tests.conftest import SAMPLE_CSV, make_data_dir


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium driven by Playwright; skip, saying how to get one, without."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"playwright is not installed: {driver.HOW_TO_GET_CHROMIUM}")
    exe = driver.chromium_path()
    if exe is None:
        pytest.skip(f"Chromium not found: {driver.HOW_TO_GET_CHROMIUM}")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=exe, args=driver.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def hostile_data_dir(tmp_path_factory, model_name) -> tuple[Path, Path]:
    """Return a processed data folder (small corpus + hostile article) and its pipeline folder."""
    root = tmp_path_factory.mktemp("browser")
    nlp = driver.hostile_pipeline(model_name, root / "pipeline")
    src = driver.write_csv(root / "src" / "articles.csv", driver.hostile_rows())
    data = root / "data"
    driver.write_csv(data / "aliases.csv", driver.HOSTILE_ALIASES)
    make_data_dir(src, data, nlp, str(root / "pipeline"))
    return data, root / "pipeline"


def _serve(browser, data_dir: Path, work_dir: Path, env: dict[str, str]):
    """Yield a started server for `data_dir`, stopping it afterwards."""
    server = driver.StreamlitServer(data_dir=data_dir, work_dir=work_dir, env=env).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_server(browser, hostile_data_dir, tmp_path_factory):
    """Return the app served on the hostile data folder (the browser comes first: skip early)."""
    data, pipeline = hostile_data_dir
    yield from _serve(
        browser, data, tmp_path_factory.mktemp("server"), {"AIDLENS_MODEL": str(pipeline)}
    )


@pytest.fixture(scope="session")
def editing_server(browser, hostile_data_dir, tmp_path_factory):
    """Return the app on its own copy of the data, editing locked by a password, 1 MB uploads."""
    data, pipeline = hostile_data_dir
    copy = tmp_path_factory.mktemp("editing") / "data"
    shutil.copytree(data, copy)
    env = {
        "AIDLENS_MODEL": str(pipeline),
        "AIDLENS_PASSWORD": driver.EDIT_PASSWORD,
        "AIDLENS_MAX_UPLOAD_MB": "1",
    }
    yield from _serve(browser, copy, tmp_path_factory.mktemp("editing-server"), env)


@pytest.fixture(scope="session")
def showcase(browser, app_server, tmp_path_factory, request):
    """Return (server, Read page path) for README screenshots: sample_data/ once it exists."""
    if not SAMPLE_CSV.exists():
        yield app_server, "/?article=s1"  # the benign article of the small test corpus
        return
    nlp, name = request.getfixturevalue("nlp"), request.getfixturevalue("model_name")
    data = make_data_dir(SAMPLE_CSV, tmp_path_factory.mktemp("showcase"), nlp, name)
    for server in _serve(browser, data, tmp_path_factory.mktemp("showcase-server"), {}):
        yield server, "/"  # the newest article


def _watch_dialogs(pg) -> None:
    """Record every dialog (alert, confirm, prompt) the page opens in `pg.dialogs`, dismissed."""
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.dialogs = dialogs


@pytest.fixture
def new_page(browser):
    """Return a factory of pages, each in a fresh context (its own Streamlit session)."""
    contexts = []

    def make():
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(30_000)
        contexts.append(ctx)
        pg = ctx.new_page()
        _watch_dialogs(pg)
        driver.watch_runs(pg)
        return pg

    yield make
    opened = [d for ctx in contexts for pg in ctx.pages for d in pg.dialogs]
    for ctx in contexts:
        ctx.close()
    if opened:
        pytest.fail(f"a payload ran: dialogs opened: {opened}")


@pytest.fixture
def page(new_page):
    """Return a page that fails the test if any dialog (alert, confirm, prompt) ever opens."""
    return new_page()


@pytest.fixture(autouse=True)
def server_logs_no_traceback(request):
    """Fail a test during which a running app logged a traceback (known bugs: xfail tests)."""
    offsets = {id(s): s.log_size() for s in driver.RUNNING}
    yield
    if request.node.get_closest_marker("xfail"):
        return  # a known bug's traceback is that test's expected failure
    for server in driver.RUNNING:
        logged = server.log_since(offsets.get(id(server), 0))
        if "Traceback" in logged:
            pytest.fail(f"the app logged a traceback during this test:\n{logged[-4000:]}")
