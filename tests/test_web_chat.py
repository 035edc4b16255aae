"""The web chat page in a real headless Chromium (Debian's chromium + chromedriver, driven by
selenium) against a real `assistant serve`: answers with sources as links, a choice and a
confirmation answered with buttons, history kept across a reload, and a reminder arriving
live over server-sent events. Skipped, with the reason, where Chromium cannot start."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import wait_for
from tests.server import call, serving

pytestmark = pytest.mark.slow

SCREENSHOT = Path(__file__).resolve().parent.parent / ".cache" / "test" / "web_chat.png"
NOTES = """# House notes

## Internet

The wifi password is tangerine-42. The router sits behind the bookshelf in the study.
"""


@pytest.fixture
def browser() -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    driver_path = shutil.which("chromedriver")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not driver_path or not binary:
        pytest.skip("chromium and chromedriver are not installed (make tools installs them)")
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=900,1000"):  # fmt: skip
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as error:
        pytest.skip(f"headless chromium did not start: {error.msg}")
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def bubbles(driver, role: str) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, f"#history .turn.{role}")


def say(driver, text: str) -> object:
    """Type `text` and press Enter; the assistant's reply bubble once it has come."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(bubbles(driver, "assistant"))
    box = driver.find_element(By.ID, "text")
    box.send_keys(text, Keys.ENTER)
    assert wait_for(lambda: len(bubbles(driver, "assistant")) > before, timeout=60)
    return bubbles(driver, "assistant")[-1]


def click_choice(driver, reply, label: str) -> object:
    from selenium.webdriver.common.by import By

    before = len(bubbles(driver, "assistant"))
    buttons = {b.text: b for b in reply.find_elements(By.CSS_SELECTOR, ".choices button")}
    assert label in buttons, f"no {label!r} button, only {list(buttons)}"
    buttons[label].click()
    assert wait_for(lambda: len(bubbles(driver, "assistant")) > before, timeout=60)
    assert all(not b.is_enabled() for b in buttons.values()), "a question answers only once"
    return bubbles(driver, "assistant")[-1]


def test_chat_page_sources_buttons_history_and_live_reminders(home, browser) -> None:
    from selenium.webdriver.common.by import By

    docs = home / "docs"
    docs.mkdir()
    (docs / "house.md").write_text(NOTES)
    subprocess.run([sys.executable, "-m", "assistant", "ingest", str(docs)], check=True,
                   capture_output=True)  # fmt: skip
    driver = browser
    with serving(home) as url:
        driver.get(url + "/")
        assert driver.title == "assistant"
        assert not driver.find_element(By.ID, "token-form").is_displayed()  # none is needed
        assert wait_for(lambda: driver.find_element(By.ID, "live").text == "live", timeout=30)

        answer = say(driver, "where does the router sit?")
        assert "bookshelf" in answer.text
        link = answer.find_element(By.CSS_SELECTOR, "a.source")
        assert link.get_attribute("href").startswith(url + "/v1/chunks/")
        assert "house.md" in link.text
        link.click()  # the passage opens under the link
        assert wait_for(
            lambda: "tangerine-42" in answer.find_element(By.CSS_SELECTOR, ".passage").text
        )

        which = say(driver, "turn on the lamp")
        assert "Which one?" in which.text
        done = click_choice(driver, which, "desk lamp")
        assert "desk lamp" in done.text.lower(), done.text
        lamp = next(d for d in call(url, "GET", "/v1/devices")[1] if d["id"] == "desk_lamp")
        assert lamp["state"]["on"] is True, (done.text, lamp)

        oven = say(driver, "turn on the oven")
        assert "sensitive" in oven.text
        click_choice(driver, oven, "Yes")
        oven_state = next(d for d in call(url, "GET", "/v1/devices")[1] if d["id"] == "oven")
        assert oven_state["state"]["on"] is True

        # A reminder made elsewhere (the API) arrives in the open page when it is due.
        soon = (datetime.now().astimezone() + timedelta(seconds=2)).isoformat()
        assert (
            call(url, "POST", "/v1/reminders", {"title": "water the ferns", "when": soon})[0] == 201
        )
        assert wait_for(lambda: any("water the ferns" in b.text for b in bubbles(driver, "notice")),
                 timeout=30)  # fmt: skip

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOT))
        width, height = struct.unpack(">II", SCREENSHOT.read_bytes()[16:24])
        assert (
            SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and width >= 800 and height >= 800
        )

        # The history survives a reload; a question answered before shows no buttons.
        shown = [b.text.splitlines()[0] for b in bubbles(driver, "user")]
        driver.refresh()
        assert wait_for(lambda: len(bubbles(driver, "user")) == len(shown))
        assert [b.text.splitlines()[0] for b in bubbles(driver, "user")] == shown
        assert not driver.find_elements(By.CSS_SELECTOR, ".choices button")


def test_page_asks_for_the_token_and_nothing_leaves_the_server(home, browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    token = "s3cret-token-for-the-page"
    (tmp_path / "token").write_text(token)
    driver = browser
    with serving(home, "--token-file", str(tmp_path / "token")) as url:
        driver.get(url + "/")
        form = driver.find_element(By.ID, "token-form")
        assert wait_for(form.is_displayed)
        driver.find_element(By.ID, "token").send_keys(token)
        form.submit()
        assert wait_for(lambda: driver.find_element(By.ID, "live").text == "live", timeout=30)
        assert "Which one?" in say(driver, "turn on the lamp").text
        # Every resource the page loaded came from this server.
        loaded = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert loaded and all(name.startswith(url) for name in loaded), loaded
