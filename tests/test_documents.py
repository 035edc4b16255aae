"""Reading documents into headed sections, and chunking them with overlap and hashes."""

import pytest

from knowledge.chunking import chunk
from knowledge.documents import UnreadableDocument, read


def minimal_pdf(*texts: str) -> bytes:
    """A PDF with one page per text, in Helvetica, xref offsets computed (no PDF library)."""
    pages = len(texts)
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages)).encode()
    font = 3 + 2 * pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    for n, text in enumerate(texts):
        stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * n, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_markdown_sections_keep_their_heading_path(tmp_path):
    doc = tmp_path / "guide.md"
    doc.write_text(
        "# Onboarding\nWelcome.\n\n## IT\nLaptops come from Omar.\n\n### Passwords\nRotate every 90 days.\n\n## HR\nAsk Lena.\n"
    )
    parsed = read(doc)
    assert parsed.title == "Onboarding"
    assert [(s.headings, s.text) for s in parsed.sections] == [
        (["Onboarding"], "Welcome."),
        (["Onboarding", "IT"], "Laptops come from Omar."),
        (["Onboarding", "IT", "Passwords"], "Rotate every 90 days."),
        (["Onboarding", "HR"], "Ask Lena."),
    ]


def test_html_text_without_scripts_and_with_headings(tmp_path):
    page = tmp_path / "trip.html"
    page.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body><h1>Lisbon trip</h1>"
        "<script>alert('run me')</script><h2>Hotel</h2><p>We stay at Casa Azul &amp; Co.</p>"
        "<ul><li>Check-in 15:00</li><li>Breakfast included</li></ul></body></html>"
    )
    parsed = read(page)
    assert parsed.title == "Lisbon trip"
    [hotel] = [s for s in parsed.sections if s.headings == ["Lisbon trip", "Hotel"]]
    assert "Casa Azul & Co." in hotel.text and "- Check-in 15:00" in hotel.text
    assert "alert" not in " ".join(s.text for s in parsed.sections)


def test_plain_text_and_pdf(tmp_path):
    (tmp_path / "notes.txt").write_text("The spare key is under the blue pot.\n")
    assert read(tmp_path / "notes.txt").sections[0].text.startswith("The spare key")
    (tmp_path / "manual.pdf").write_bytes(minimal_pdf("The boiler code is 4417."))
    pdf = read(tmp_path / "manual.pdf")
    assert pdf.sections[0].headings == ["page 1"] and "boiler code is 4417" in pdf.sections[0].text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0", "unsupported file type .jpg"),
        ("fake.txt", b"\x00\x01\x02binary\x00", "binary data"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "damaged file"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=message):
        read(path)


def test_chunks_respect_size_overlap_and_hash_stability(tmp_path):
    words = [f"w{i}" for i in range(400)]
    doc = tmp_path / "long.md"
    doc.write_text("# Big\n" + " ".join(words) + "\n\n## Other\nshort section\n")
    chunks = chunk(read(doc), max_words=100, overlap=20)
    big = [c for c in chunks if c.headings == ("Big",)]
    assert all(len(c.text.split()) <= 120 for c in big)
    assert big[1].text.split()[:20] == big[0].text.split()[-20:]  # the overlap
    assert " ".join(dict.fromkeys(w for c in big for w in c.text.split())) == " ".join(words)
    assert chunks[-1].context == "Big > Other\nshort section"

    doc.write_text("# Big\n" + " ".join(words) + "\n\n## Other\nedited section\n")
    again = chunk(read(doc), max_words=100, overlap=20)
    assert [c.hash for c in again[:-1]] == [c.hash for c in chunks[:-1]]  # unchanged: same hash
    assert again[-1].hash != chunks[-1].hash


def test_plain_text_headings_and_line_structure(tmp_path):
    """ALL-CAPS and underlined lines head sections; fields and list items stay on their own
    lines while soft-wrapped prose is joined."""
    (tmp_path / "sheet.txt").write_text(
        "Care sheet\n==========\n\nTHE BASICS\nName: Pepper\nBreed: Border terrier\n\n"
        "FEEDING\nBreakfast is at 7:30 and she eats\nkibble only.\n- no chicken\n- no grapes\n\n"
        "# not a heading in plain text\n"
    )
    document = read(tmp_path / "sheet.txt")
    assert [s.headings for s in document.sections] == [
        ["Care sheet", "THE BASICS"],
        ["Care sheet", "FEEDING"],
    ]
    chunks = chunk(document)
    assert chunks[0].text.splitlines() == ["Name: Pepper", "Breed: Border terrier"]
    assert chunks[1].text.splitlines() == [
        "Breakfast is at 7:30 and she eats kibble only.",
        "- no chicken",
        "- no grapes",
        "# not a heading in plain text",
    ]
