"""A LibreOffice kept running, converting DOCX files to PDF on request (run by a Python with UNO).

This file is run as a program by a Python interpreter that has LibreOffice's UNO bridge (on
Debian, ``/usr/bin/python3`` with the package ``python3-uno``), not imported by docgen:
:class:`docgen.pdf.PdfConverter` starts it, one per converter. It starts ``soffice`` headless
with the profile folder and pipe name given on its command line, connects to it, prints
``{"ready": true}`` and then answers one JSON line per JSON request line on standard input:
``{"in": DOCX, "out": PDF, "pdfa": bool}`` gives ``{"ok": true, "rss": KIB}`` (the resident
memory of LibreOffice after the document) or ``{"error": TEXT}``. A document binding several acts
(:mod:`docgen.binding`) comes with ``"acts": [[PDF, MARK], ...]`` instead of ``"out"``: each
act's pages, from the page of its bookmark MARK to the page before the next act's, are written to
its PDF; if the pages cannot be told apart with certainty, the answer is an error (and the PDFs
written, if any, are not used). It ends when standard input
closes, taking LibreOffice with it. The parent enforces the time limits (it kills this process
group when a document takes too long).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CONNECT_SECONDS = 60.0
CONNECT_POLL = 0.02
# glibc's malloc gives freed memory back to the system as soon as 128 KiB are free at the top of
# the heap, and LibreOffice frees and takes back megabytes for every document: a fifth of its
# time per document went to the kernel. Kept up to this much, half of that time is saved (the
# restart past docgen.pdf.MAX_OFFICE_KIB still bounds its memory).
MALLOC_ENVIRONMENT = {"MALLOC_TRIM_THRESHOLD_": str(128 * 1024 * 1024)}


def _property(name: str, value: Any) -> Any:
    import uno  # type: ignore[import-not-found]

    item = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    item.Name = name
    item.Value = value
    return item


def _rss_kib(pid: int) -> int:
    """Return the resident memory of ``pid`` and its descendants (soffice runs soffice.bin).

    A child is listed under the thread that started it: soffice's launcher starts soffice.bin
    from a thread other than its main one, so every thread's list is read.
    """
    total = 0
    children: list[str] = []
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):  # a thread may end meanwhile
                children += (task / "children").read_text().split()
    except OSError:
        return total
    return total + sum(_rss_kib(int(child)) for child in children)


def _store_pdf(document: Any, target: str, *, pdfa: bool | None, pages: str | None) -> None:
    """Write ``document`` (only ``pages``, numbered without blank pages, if given) as a PDF."""
    import uno

    data = []
    if pdfa:
        data.append(_property("SelectPdfVersion", 2))  # PDF/A-2b
    if pages is not None:
        # Blank pages LibreOffice inserts so that an act starts on a right-hand page are never
        # printed (an act converted alone has none) nor counted in the page range.
        data += [_property("IsSkipEmptyPages", True), _property("PageRange", pages)]
    options = [_property("FilterName", "writer_pdf_Export")]
    if data:
        options.append(
            _property("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data)))
        )
    uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), tuple(options)))


def _page_ranges(document: Any, marks: list[str]) -> list[str]:
    """Return each act's pages in ``document`` as a page range of the PDF export.

    An act starts on the page of its bookmark and runs to the page before the next act's
    (the last act, to the last page). Only blank pages LibreOffice inserted (so that an act
    starts on a right-hand page) may lie at the end of an act, never before or within its text;
    anything else raises ``ValueError``, and the acts are converted alone.
    """
    controller = document.getCurrentController()
    cursor = controller.getViewCursor()
    bookmarks = document.getBookmarks()
    pages = int(controller.getPropertyValue("PageCount"))
    # A blank page holds nothing the cursor can stand on: jumping to it fails.
    printed = [False] + [bool(cursor.jumpToPage(page)) for page in range(1, pages + 1)]
    starts = []
    for mark in marks:
        cursor.gotoRange(bookmarks.getByName(mark).getAnchor(), False)
        starts.append(int(cursor.getPage()))
    ends = [start - 1 for start in starts[1:]] + [pages]
    spans = list(zip(starts, ends, strict=True))
    if starts[0] != 1 or any(end < start for start, end in spans):
        raise ValueError(f"the acts' pages are not in order: {starts} of {pages}")
    for start, end in spans:
        text = [printed[page] for page in range(start, end + 1)]
        # Printed pages, then blank ones: the act's own, then those inserted after it.
        if not text[0] or text != sorted(text, reverse=True):
            raise ValueError(f"a blank page within an act: {starts} of {pages}")
    number = [0] * (pages + 1)
    for page in range(1, pages + 1):
        number[page] = number[page - 1] + printed[page]
    return [f"{number[start]}-{number[end]}" for start, end in spans]


def main() -> None:
    import uno

    soffice, profile, pipe = sys.argv[1:4]
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**MALLOC_ENVIRONMENT, **os.environ},
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(CONNECT_POLL)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(request["in"]),
                "_blank",
                0,
                (_property("Hidden", True), _property("ReadOnly", True)),
            )
            if document is None:
                raise RuntimeError("LibreOffice could not open the document")
            try:
                if "acts" in request:
                    acts = request["acts"]
                    ranges = _page_ranges(document, [mark for _, mark in acts])
                    for (target, _), pages in zip(acts, ranges, strict=True):
                        _store_pdf(document, target, pdfa=request.get("pdfa"), pages=pages)
                else:
                    _store_pdf(document, request["out"], pdfa=request.get("pdfa"), pages=None)
            finally:
                document.close(True)
            answer: dict[str, Any] = {"ok": True, "rss": _rss_kib(office.pid)}
        except Exception as error:  # noqa: BLE001 - one document's failure is answered
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)
    with contextlib.suppress(Exception):  # LibreOffice may already be gone
        desktop.terminate()
    office.wait(10)


if __name__ == "__main__":
    main()
