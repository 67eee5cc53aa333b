"""The review page in headless Chromium (Playwright, with Debian's /usr/bin/chromium).

A reviewer opens a filing, gives the API key on the login form, clicks a field, corrects
it, approves; the XML from the API then carries the corrected value.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.cli.minimal import MINIMAL_FORM4
from tests.conftest import SAMPLES
from tests.service.conftest import ENV_KEY, Server

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[dev])"
)
if not CHROMIUM.is_file() and shutil.which("chromium") is None:
    pytest.skip(f"{CHROMIUM} not found: apt-get install chromium", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHARES = "non_derivative_transactions[0].shares"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        exe = CHROMIUM if CHROMIUM.is_file() else Path(str(shutil.which("chromium")))
        b = p.chromium.launch(executable_path=str(exe), args=ARGS)
        yield b
        b.close()


def open_review(browser: Any, server: Server, filing_id: str) -> Any:
    page = browser.new_page()
    page.set_default_timeout(15_000)
    response = page.goto(f"{server.url}/review/{filing_id}")
    assert response.status == 401  # no key yet: the login form
    page.fill("#key", ENV_KEY)
    page.click("#login")
    page.wait_for_selector("body[data-loaded=true]")
    return page


def wait_for_image(img: Any, timeout: float = 15) -> None:
    """Poll instead of wait_for_function: the page's CSP forbids the eval that one uses."""
    deadline = time.monotonic() + timeout
    while not img.evaluate("i => i.complete && i.naturalWidth > 0"):
        assert time.monotonic() < deadline, "the page image did not load"
        time.sleep(0.05)


def upload(server: Server, name: str, data: bytes) -> str:
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": (name, data)})
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def test_correct_and_approve_an_xml_filing(browser: Any, server: Server) -> None:
    filing_id = upload(server, "review-me.xml", MINIMAL_FORM4)
    page = open_review(browser, server, filing_id)
    assert page.inner_text("#title") == "review-me.xml"
    assert page.locator(".field-box").count() == 0  # XML: fields as a list, no image
    page.click(f'.field-item[data-path="{SHARES}"]')
    assert page.inner_text("#detail-value") == "1000"
    page.fill("#value-input", "not a number")
    page.click("#save")
    page.wait_for_selector("#message.error")
    assert "refused" in page.inner_text("#message")
    page.fill("#value-input", "2468")
    page.click("#save")
    page.wait_for_selector("#message.ok")
    assert page.inner_text("#detail-value") == "2468"
    page.click("#approve")
    page.wait_for_selector("#approval.approved")
    assert "alice" in page.inner_text("#approval")
    page.close()
    with server.client() as c:
        xml = etree.fromstring(c.get(f"/v1/filings/{filing_id}", params={"format": "xml"}).content)
        review = c.get(f"/v1/filings/{filing_id}/review").json()
    amounts = "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts"
    assert xml.findtext(f"{amounts}/transactionShares/value") == "2468"
    assert review["approval"]["who"] == "alice"
    assert [(c["old"], c["new"]) for c in review["corrections"]] == [("1000", "2468")]


PDF_SAMPLE = SAMPLES / "form5-annual-gifts-2019.pdf"


@pytest.mark.skipif(not PDF_SAMPLE.is_file(), reason=f"{PDF_SAMPLE} not in the checkout")
def test_pdf_fields_are_boxes_over_the_page_image(browser: Any, server: Server) -> None:
    filing_id = upload(server, PDF_SAMPLE.name, PDF_SAMPLE.read_bytes())
    page = open_review(browser, server, filing_id)
    wait_for_image(page.locator(".page img").first)
    image = page.locator(".page img").first.bounding_box()
    boxes = page.locator('.page[data-page="1"] .field-box')
    assert boxes.count() > 0
    for i in range(boxes.count()):  # every box lies on its page image
        b = boxes.nth(i).bounding_box()
        assert image["x"] - 1 <= b["x"] and b["x"] + b["width"] <= image["x"] + image["width"] + 1
        assert image["y"] - 1 <= b["y"] and b["y"] + b["height"] <= image["y"] + image["height"] + 1
    path = boxes.first.get_attribute("data-path")
    boxes.first.click()
    assert page.inner_text("#detail-path") == path
    with server.client() as c:
        review = c.get(f"/v1/filings/{filing_id}/review").json()
    page_width = review["pages"][0]["width"]
    x0, top, x1, _ = next(f for f in review["fields"] if f["path"] == path)["provenance"]["box"]
    scale = image["width"] / page_width  # points to screen pixels
    drawn = boxes.first.bounding_box()
    assert drawn["x"] - image["x"] == pytest.approx(x0 * scale, abs=1.5)
    assert drawn["y"] - image["y"] == pytest.approx(top * scale, abs=1.5)
    assert drawn["width"] == pytest.approx((x1 - x0) * scale, abs=1.5)
    page.close()
