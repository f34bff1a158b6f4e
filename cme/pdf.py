"""PDFs from HTML templates, with WeasyPrint and one print stylesheet
(templates/pdf/print.css): "OFFICIAL-SENSITIVE" at the top of every page, a
running title and "Page n of m" at the foot, and "DRAFT" when asked."""

import logging
import threading

from django.conf import settings
from django.template.loader import render_to_string

# WeasyPrint logs every step of every layout at INFO; only its warnings matter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_fonts = threading.local()


def _font_config():
    """WeasyPrint's font configuration, kept per thread: building it is half the time of a render."""
    if not hasattr(_fonts, "config"):
        from weasyprint.text.fonts import FontConfiguration

        _fonts.config = FontConfiguration()
    return _fonts.config


def _url_fetcher():
    """Our PDFs are self-contained (charts are inline SVG): WeasyPrint may read
    data: URLs and nothing else, never a file on the server or a web address."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def write_pdf(html: str, *, running_title: str, draft: bool = False) -> bytes:
    from weasyprint import CSS, HTML

    fonts = _font_config()
    css = CSS(string=render_to_string("pdf/print.css", {"running_title": running_title, "draft": draft}),
              font_config=fonts, url_fetcher=_url_fetcher())
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()).write_pdf(
        stylesheets=[css], font_config=fonts)
