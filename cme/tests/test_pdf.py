import io

from pypdf import PdfReader

from cme.pdf import write_pdf


def text_of(pdf):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_pdf_is_marked_official_sensitive_and_numbered():
    text = text_of(write_pdf("<h1>Weekly caseload</h1>", running_title="Demo City Council · test"))
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of 1" in text and "Weekly caseload" in text


def test_a_document_cannot_make_the_pdf_writer_read_files_on_the_server(tmp_path):
    image = tmp_path / "secret.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">'
                     '<text x="0" y="20">SVG FROM DISK</text></svg>')
    style = tmp_path / "secret.css"
    style.write_text('p::after { content: "CSS FROM DISK" }')
    html = f'<link rel="stylesheet" href="file://{style}"><p>Before</p><img src="file://{image}">'
    text = text_of(write_pdf(html, running_title="t"))
    assert "Before" in text
    assert "FROM DISK" not in text
