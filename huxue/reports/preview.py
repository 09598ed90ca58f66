"""A PDF's pages as images, for the print preview inside the window.

PySide6-Essentials has no PDF module and the program does not shell out to a viewer, so the
pages are rasterised with PDFium (pypdfium2 ships its own PDFium build for Windows and Linux
in the wheel: nothing to install beside it, nothing fetched). What the preview shows is the
file that was written, byte for byte, not a second rendering of the sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

MAX_PAGES = 30


@dataclass(frozen=True)
class PagePreview:
    """The first pages of a PDF as PNG images, and how many pages it has in all."""

    pages: tuple[bytes, ...]
    total: int


def pdf_preview(pdf: Path | bytes, width: int, max_pages: int = MAX_PAGES) -> PagePreview:
    """Render up to `max_pages` pages of `pdf` (a file or its bytes) `width` pixels wide."""
    import pypdfium2 as pdfium

    source = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    document = pdfium.PdfDocument(source)
    try:
        images = []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            try:
                scale = width / page.get_width()
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, format="PNG")
            images.append(out.getvalue())
        return PagePreview(tuple(images), len(document))
    finally:
        document.close()
