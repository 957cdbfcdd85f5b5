"""The text of a PDF the portal produced, read with pypdf (pure Python, BSD): no system program needed."""

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
