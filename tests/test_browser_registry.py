"""The registry on the page, in real headless Chromium: log in, register an act from the
form, find it in the «Журнал» tab, download its document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import docx_text
from registry_helpers import DISTRICT, ready_registry
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from test_browser import (  # noqa: F401 - fixtures
    browser,
    downloaded,
    downloads,
    open_page,
    serving,
    wait_for,
    wait_status,
)

from docgen.service.app import Limits, create_app

PASSWORD = "long password 1"


@pytest.fixture(scope="module")
def registry_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the app on a registry with a district clerk; yield the base URL."""

    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'registry.sqlite3'}"
    with ready_registry(url) as registry:
        registry.accounts.add("clerk", office=DISTRICT, role="clerk", password=PASSWORD)
    with serving(create_app(Limits(), registry_url=url)) as site:
        yield site


def test_clerk_logs_in_registers_finds_and_downloads(
    browser: WebDriver,  # noqa: F811
    registry_site: str,
    downloads: Path,  # noqa: F811
) -> None:
    open_page(browser, registry_site, "predpisanie")
    assert not browser.find_element(By.ID, "tab-journal").is_displayed()
    browser.find_element(By.ID, "login-name").send_keys("clerk")
    browser.find_element(By.ID, "login-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "account").is_displayed())
    assert "clerk" in browser.find_element(By.ID, "account-name").text

    browser.find_element(By.ID, "load-example").click()
    wait_status(browser, "example")
    browser.find_element(By.ID, "register").click()
    browser.find_element(By.ID, "submit").click()
    done = wait_status(browser, "done", "error", "refused")
    assert done.get_attribute("data-state") == "done", done.text
    number = done.get_attribute("data-number")
    assert number
    assert number.startswith(f"{DISTRICT}-")
    assert "Зарегистрирован" in done.text
    made = downloaded(downloads, ".docx")
    made.rename(made.with_suffix(".first"))

    browser.find_element(By.ID, "tab-journal").click()
    wait_for(
        browser, lambda d: d.find_element(By.ID, "acts-table").get_attribute("data-count") == "1"
    )
    row = browser.find_element(By.CSS_SELECTOR, "#acts-table tbody tr")
    assert row.get_attribute("data-number") == number
    assert number in row.text
    row.find_element(By.CSS_SELECTOR, "a.download").click()
    document = downloaded(downloads, ".docx")
    assert number in docx_text(document.read_bytes())
    assert docx_text(document.read_bytes()) == docx_text(made.with_suffix(".first").read_bytes())

    row.find_element(By.CSS_SELECTOR, "td a").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "act-detail").is_displayed())
    history = browser.find_element(By.ID, "act-history").text
    assert "clerk" in history
    actions = {
        b.get_attribute("data-action")
        for b in browser.find_elements(By.CSS_SELECTOR, "#act-actions button")
    }
    assert "deliver" in actions
    assert "cancel" not in actions

    # Delivered today, the example (to be executed at once) falls due today: the journal says so.
    browser.find_element(By.CSS_SELECTOR, "#act-actions button[data-action=deliver]").click()
    today = dt.date.today().strftime("%d.%m.%Y")
    wait_for(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#acts-table tbody tr td")[5].text == today,
    )

    browser.find_element(By.ID, "ui-kk").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "tab-due").text == "Мерзімдер")
    assert browser.find_element(By.ID, "logout").text == "Шығу"
    browser.find_element(By.ID, "ui-ru").click()
