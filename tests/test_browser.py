"""The clerks' page end to end, in real headless Chromium (Debian's chromium + chromedriver).

Skipped only on a machine without Chromium; in CI (``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from conftest import docx_text, example_case, in_ci, missing_tool

from docgen import ActValidationError, validate
from docgen.batching import flatten_case
from docgen.i18n import catalog_path, translate
from docgen.models import ACT_MODELS
from docgen.rendering import render
from docgen.service import create_app
from docgen.service.app import Limits

pytestmark = pytest.mark.browser

Example = Callable[[str], dict[str, Any]]
WAIT = 60  # seconds a step may take on a slow machine before the test gives up


def _program(env: str, *names: str) -> str | None:
    configured = os.environ.get(env)
    if configured:
        return configured
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


if not in_ci():
    pytest.importorskip("selenium")  # in CI a missing Selenium fails the import below
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free port of 127.0.0.1; yield its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """Run the app for the module's tests."""
    with serving(create_app(Limits())) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chromium = _program("DOCGEN_CHROMIUM", "chromium", "chromium-browser")
    driver_path = _program("DOCGEN_CHROMEDRIVER", "chromedriver")
    if chromium is None or driver_path is None:
        missing_tool(
            "Chromium or chromedriver is not installed (scripts/ci_browser_packages.sh, "
            "or apt-get install chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        "--lang=en-US",  # an English browser: its own date inputs would show mm/dd/yyyy
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"download.prompt_for_download": False, "intl.accept_languages": "en-US,en"}
    )
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def downloads(browser: WebDriver, tmp_path: Path) -> Path:
    """Send the browser's downloads of this test to a fresh folder."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    return folder


def wait_for(browser: WebDriver, condition: Callable[[WebDriver], Any]) -> Any:
    # The page rebuilds the form (e.g. on a language switch): an element found a moment ago
    # may be gone, so a stale or missing element means "not yet".
    return WebDriverWait(
        browser,
        WAIT,
        ignored_exceptions=(StaleElementReferenceException, NoSuchElementException),
    ).until(condition)


def open_page(browser: WebDriver, base_url: str, act_type: str) -> None:
    browser.get(f"{base_url}/?type={act_type}")
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    wait_for(
        browser,
        lambda d: d.find_element(By.ID, "fields").get_attribute("data-act-type") == act_type,
    )


def status(browser: WebDriver) -> WebElement:
    return browser.find_element(By.ID, "status")


def wait_status(browser: WebDriver, *states: str) -> WebElement:
    wait_for(browser, lambda d: status(d).get_attribute("data-state") in states)
    return status(browser)


def field(browser: WebDriver, path: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]')


def control(browser: WebDriver, path: str) -> WebElement:
    return field(browser, path).find_element(By.CSS_SELECTOR, "input, textarea, select")


def downloaded(folder: Path, suffix: str) -> Path:
    """Wait for a finished download ending in ``suffix`` and return it."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    pytest.fail(f"no {suffix} arrived in {folder}: {sorted(p.name for p in folder.iterdir())}")


def refusal(case: dict[str, Any], lang: str) -> ActValidationError:
    with pytest.raises(ActValidationError) as caught:
        validate("predpisanie", case, lang=lang)
    return caught.value


def test_clerk_fixes_a_refused_predpisanie_and_gets_the_docx(
    browser: WebDriver, base_url: str, downloads: Path, example: Example
) -> None:
    open_page(browser, base_url, "predpisanie")
    browser.find_element(By.ID, "load-example").click()
    wait_status(browser, "example")
    explicit = control(browser, "criteria.explicit")
    assert explicit.get_attribute("value")
    explicit.clear()

    browser.find_element(By.ID, "submit").click()
    wait_status(browser, "refused")
    case = example("predpisanie")
    del case["criteria"]["explicit"]
    expected = [p for p in refusal(case, "ru").problems if p.path == "criteria.explicit"]
    assert len(expected) == 1
    box = field(browser, "criteria.explicit")
    assert "invalid" in (box.get_attribute("class") or "")
    shown = box.find_element(By.CSS_SELECTOR, ".field-error").text
    assert shown == f"{expected[0].message} ({expected[0].paragraph})"
    summary = browser.find_element(By.ID, "summary")
    assert summary.is_displayed()
    assert summary.find_element(By.CSS_SELECTOR, 'li[data-path="criteria.explicit"]')
    assert not list(downloads.iterdir())

    reason = "Нарушение выявлено прямо и подтверждается актом проверки."
    explicit = control(browser, "criteria.explicit")
    explicit.send_keys(reason)
    browser.find_element(By.ID, "submit").click()
    done = wait_status(browser, "done")
    assert (
        not field(browser, "criteria.explicit")
        .find_element(By.CSS_SELECTOR, ".field-error")
        .is_displayed()
    )

    document = downloaded(downloads, ".docx")
    assert document.name == done.get_attribute("data-filename")
    assert document.stat().st_size == int(done.get_attribute("data-size") or 0)
    fixed = example("predpisanie")
    fixed["criteria"]["explicit"] = reason
    assert docx_text(document.read_bytes()) == docx_text(render("predpisanie", fixed, "ru"))


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_example_goes_through_the_form_unchanged(
    browser: WebDriver, base_url: str, downloads: Path, act_type: str, lang: str
) -> None:
    open_page(browser, base_url, act_type)
    browser.find_element(By.CSS_SELECTOR, f'#act-lang option[value="{lang}"]').click()
    browser.find_element(By.ID, "load-example").click()
    wait_status(browser, "example")
    browser.find_element(By.ID, "submit").click()
    done = wait_status(browser, "done", "refused", "error")
    assert done.get_attribute("data-state") == "done", done.text
    document = downloaded(downloads, ".docx")
    case = example_case(act_type, lang)
    assert docx_text(document.read_bytes()) == docx_text(render(act_type, case, lang))


def test_lists_grow_and_shrink(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url, "predpisanie")
    violations = field(browser, "violations")
    assert browser.find_elements(By.CSS_SELECTOR, '[data-path="violations[1]"]')
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-path="violations[2]"]')
    violations.find_element(By.CSS_SELECTOR, ":scope > button.add").click()
    second_norm = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="violations[2].norms[1]"]')
    )
    assert second_norm
    control(browser, "violations[2].essence").send_keys("Второе нарушение")
    first = field(browser, "violations[1]")
    first.find_element(By.XPATH, "following-sibling::button[contains(@class, 'remove')]").click()
    wait_for(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-path="violations[2]"]'))
    assert control(browser, "violations[1].essence").get_attribute("value") == "Второе нарушение"


def test_interface_speaks_kazakh(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url, "predpisanie")
    russian = browser.find_element(By.ID, "submit").text
    browser.find_element(By.ID, "ui-kk").click()
    title = ACT_MODELS["predpisanie"].model_fields["number"].title
    assert title is not None
    label = '[data-path="number"] .field-label .title'
    wait_for(
        browser,
        lambda d: d.find_element(By.CSS_SELECTOR, label).text == translate(title, "kk"),
    )
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"
    assert browser.find_element(By.ID, "submit").text != russian
    browser.find_element(By.ID, "ui-ru").click()
    wait_for(
        browser,
        lambda d: d.find_element(By.CSS_SELECTOR, label).text == translate(title, "ru"),
    )
    assert browser.find_element(By.ID, "submit").text == russian


def test_dates_are_typed_and_shown_as_dd_mm_yyyy(
    browser: WebDriver, base_url: str, downloads: Path
) -> None:
    open_page(browser, base_url, "ekspertiza")
    browser.find_element(By.ID, "load-example").click()
    wait_status(browser, "example")
    shown = {
        path: control(browser, path)
        for path in ("date", "time", "approval.requested_at", "approval.approved_at")
    }
    assert {path: box.get_attribute("type") for path, box in shown.items()} == dict.fromkeys(
        shown, "text"
    )
    assert {path: box.get_attribute("value") for path, box in shown.items()} == {
        "date": "12.05.2025",
        "time": "16:00",
        "approval.requested_at": "08.05.2025 10:00",
        "approval.approved_at": "10.05.2025 15:30",
    }
    assert shown["date"].get_attribute("placeholder") == "дд.мм.гггг"
    date = shown["date"]
    date.clear()
    date.send_keys("13.05.2025")
    browser.find_element(By.ID, "submit").click()
    done = wait_status(browser, "done", "refused", "error")
    assert done.get_attribute("data-state") == "done", done.text
    fixed = example_case("ekspertiza")
    fixed["date"] = "13.05.2025"
    made = downloaded(downloads, ".docx").read_bytes()
    assert docx_text(made) == docx_text(render("ekspertiza", fixed, "ru"))
    browser.find_element(By.ID, "ui-kk").click()
    wait_for(browser, lambda d: control(d, "date").get_attribute("placeholder") == "кк.аа.жжжж")


_UNLABELLED = """
return Array.from(document.querySelectorAll("input, select, textarea, [role=group]"))
  .filter((e) => e.type !== "hidden")
  .filter((e) => {
    const labels = Array.from(e.labels || []).filter((l) => l.textContent.trim());
    return !labels.length && !(e.getAttribute("aria-label") || "").trim();
  })
  .map((e) => e.id || e.name || e.outerHTML.slice(0, 80));
"""


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_input_has_a_label_a_screen_reader_reads(
    browser: WebDriver, base_url: str, act_type: str, lang: str
) -> None:
    open_page(browser, base_url, act_type)
    browser.find_element(By.ID, f"ui-{lang}").click()
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang)
    browser.find_element(By.ID, "load-example").click()
    wait_status(browser, "example")
    for tab in ("form", "batch"):
        browser.find_element(By.ID, f"tab-{tab}").click()
        assert browser.execute_script(_UNLABELLED) == []


def _visible_lines(browser: WebDriver) -> set[str]:
    text = browser.find_element(By.TAG_NAME, "body").get_attribute("innerText") or ""
    return {line.strip() for line in text.splitlines() if line.strip()}


NUMBER = '[data-path="number"] .field-label .title'


def _switch_ui(browser: WebDriver, lang: str) -> None:
    """Switch the page's interface to ``lang`` and wait until the form speaks it."""
    browser.find_element(By.ID, f"ui-{lang}").click()
    title = translate(ACT_MODELS["ekspertiza"].model_fields["number"].title or "", lang)
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang)
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, NUMBER).text == title)


def test_kazakh_interface_has_no_russian_left(browser: WebDriver, base_url: str) -> None:
    lines: dict[str, set[str]] = {}
    for lang in ("ru", "kk"):
        open_page(browser, base_url, "ekspertiza")
        _switch_ui(browser, lang)
        for tab in ("batch", "form"):
            browser.find_element(By.ID, f"tab-{tab}").click()
            lines[lang] = lines.get(lang, set()) | _visible_lines(browser)
        placeholders = browser.execute_script(
            "return Array.from(document.querySelectorAll('[placeholder]'), e => e.placeholder)"
        )
        lines[lang] |= set(placeholders)
    same = {line for line in lines["ru"] & lines["kk"] if re.search("[а-яё]", line, re.I)}
    # Words Kazakh shares with Russian («Прокуратура», «Логин» of the login form) and the
    # names of the two languages.
    with catalog_path("kk").open("rb") as po:
        kazakh = read_po(po)
    alike = {"Рус Қаз", "Логин"} | {
        message.string
        for message in kazakh
        if message.id and message.string == translate(str(message.id), "ru")
    }
    assert {line.removesuffix(" *") for line in same} <= alike, sorted(same)


def _sheet_cell(value: object) -> str:
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def test_clerk_uploads_a_book_and_gets_the_zip(
    browser: WebDriver, base_url: str, downloads: Path, example: Example, tmp_path: Path
) -> None:
    cells = flatten_case(example("predpisanie"))
    book = tmp_path / "book.csv"
    with book.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(cells))
        writer.writerow([_sheet_cell(value) for value in cells.values()])
    open_page(browser, base_url, "predpisanie")
    browser.find_element(By.ID, "tab-batch").click()
    link = browser.find_element(By.ID, "sheet-link")
    assert link.is_displayed()
    assert link.get_attribute("href") == f"{base_url}/api/types/predpisanie/sheet?lang=ru"
    browser.find_element(By.ID, "batch-file").send_keys(str(book))
    browser.find_element(By.ID, "batch-submit").click()
    done = wait_status(browser, "done")
    assert done.get_attribute("data-made") == "1"
    archive = downloaded(downloads, ".zip")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
    assert "report_ru.csv" in names
    assert any(name.endswith(".docx") for name in names)
