"""Checks for skills/snippets/regex.py."""


def check_extract_emails(fn) -> None:
    text = "Write to ana@example.com or Bob.Smith+news@mail.co.uk. Again: ana@example.com!"
    assert fn(text) == ["ana@example.com", "Bob.Smith+news@mail.co.uk"]
    assert fn("no addresses @ here, user@localhost") == []


def check_is_valid_email(fn) -> None:
    assert fn("ana@example.com") is True
    assert fn("first.last+tag@sub.example.org") is True
    assert fn("ana@example") is False
    assert fn("ana..b@example.com") is False
    assert fn("@example.com") is False
    assert fn("ana@-example.com") is False
    assert fn("a" * 250 + "@example.com") is False


def check_redact_emails(fn) -> None:
    assert fn("mail ana@example.com now") == "mail [email] now"
    assert fn("a@b.io, c@d.io", placeholder="<hidden>") == "<hidden>, <hidden>"
    assert fn("nothing here") == "nothing here"


def check_extract_urls(fn) -> None:
    text = "See https://example.com/docs?page=2, or www.python.org. (Also http://a.io/x)."
    assert fn(text) == ["https://example.com/docs?page=2", "www.python.org", "http://a.io/x"]
    wiki = "Read https://en.wikipedia.org/wiki/Python_(programming_language)!"
    assert fn(wiki) == ["https://en.wikipedia.org/wiki/Python_(programming_language)"]
    assert fn("ftp://nope and example.com") == []


def check_extract_phone_numbers(fn) -> None:
    text = "Call +1 (555) 123-4567 or 020 7946 0958, not 12-34 or on 2024-05-01."
    assert fn(text) == ["+1 (555) 123-4567", "020 7946 0958"]
    assert fn("office: 555.123.4567") == ["555.123.4567"]
    assert fn("order 12345") == []


def check_is_valid_ipv4(fn) -> None:
    assert fn("192.168.0.1") is True
    assert fn("0.0.0.0") is True
    assert fn("255.255.255.255") is True
    assert fn("256.1.1.1") is False
    assert fn("01.2.3.4") is False
    assert fn("1.2.3") is False
    assert fn("1.2.3.4.5") is False
    assert fn("1.2.3.4\n") is False
    assert fn("١.٢.٣.٤") is False


def check_is_strong_password(fn) -> None:
    assert fn("Tr0ub4dor&3") is True
    assert fn("password") is False
    assert fn("Password1") is False
    assert fn("Sh0rt!") is False
    assert fn("Sh0rt!", min_length=6) is True


def check_find_dates(fn) -> None:
    text = "Due 2024-05-31, paid 3 June 2024, shipped 7/6/2024 and on 12 Sept. 2023."
    assert fn(text) == ["2024-05-31", "3 June 2024", "7/6/2024", "12 Sept. 2023"]
    assert fn("version 12024-05-311 and 3 Junk 2024") == []


def check_extract_hashtags(fn) -> None:
    assert fn("Loving #Python and #regex101!") == ["Python", "regex101"]
    assert fn("issue #42, url a.com/#frag, c&#35;, ##double") == []
    assert fn("#start of #line_two") == ["start", "line_two"]


def check_extract_mentions(fn) -> None:
    assert fn("thanks @ana_b and @bob, mail me at me@x.org") == ["ana_b", "bob"]
    assert fn("@first") == ["first"]


def check_extract_hex_colors(fn) -> None:
    assert fn("color: #FFF; background: #1a2b3c") == ["#FFF", "#1a2b3c"]
    assert fn("#abcd #12345g &#123;") == []


def check_extract_numbers(fn) -> None:
    assert fn("Paid $1,250.50 for 3 items, -2 in stock") == [1250.5, 3.0, -2.0]
    assert fn("temp .5 and +7.25, list 1,2,3") == [0.5, 7.25, 1.0, 2.0, 3.0]
    assert fn("no numbers") == []


def check_strip_html_tags(fn) -> None:
    assert fn("<p>Fish &amp; <b>chips</b></p>") == "Fish & chips"
    markup = "<html><style>p{color:red}</style><script>alert('x<y')</script><p>Hi<br/>there</p><!-- c --></html>"
    assert fn(markup) == "Hi there"
    assert fn("5 &lt; 6 &eacute;t&eacute;") == "5 < 6 été"


def check_collapse_whitespace(fn) -> None:
    assert fn("  too   many\n\tspaces ") == "too many spaces"
    assert fn("") == ""


def check_split_on_delimiters(fn) -> None:
    assert fn("a, b;c | d") == ["a", "b", "c", "d"]
    assert fn("x::y->z", ["::", "->"]) == ["x", "y", "z"]
    assert fn("1.5+2*3", ".+*") == ["1", "5", "2", "3"]
    assert fn(";;a;;") == ["a"]


def check_replace_matches(fn) -> None:
    assert fn("a1 b22", r"\d+", lambda m: str(int(m[0]) * 2)) == "a2 b44"
    assert fn("Hello World", r"o", lambda m: "0", flags=0) == "Hell0 W0rld"
    assert fn("ABC abc", r"b", lambda m: m[0] * 2, flags=2) == "ABBC abbc"


def check_find_whole_word(fn) -> None:
    assert fn("cat concat Cat", "cat") == [0, 11]
    assert fn("cat concat Cat", "cat", ignore_case=False) == [0]
    assert fn("use c++ or c", "c++") == [4]


def check_match_named_groups(fn) -> None:
    pattern = r"(?P<user>\w+)@(?P<host>[\w.]+)(?::(?P<port>\d+))?"
    assert fn(pattern, "login ana@example.com") == {
        "user": "ana",
        "host": "example.com",
        "port": None,
    }
    assert fn(pattern, "bob@db.local:5432")["port"] == "5432"
    assert fn(pattern, "no match") is None


def check_parse_log_line(fn) -> None:
    assert fn("2024-05-01 12:00:03 ERROR disk full") == {
        "date": "2024-05-01",
        "time": "12:00:03",
        "level": "ERROR",
        "message": "disk full",
    }
    parsed = fn("2024-05-01T12:00:03,120 [WARNING]: low memory\n")
    assert parsed is not None
    assert (parsed["level"], parsed["message"]) == ("WARNING", "low memory")
    assert fn("just some text") is None


CHECKS = {
    "extract_emails": check_extract_emails,
    "is_valid_email": check_is_valid_email,
    "redact_emails": check_redact_emails,
    "extract_urls": check_extract_urls,
    "extract_phone_numbers": check_extract_phone_numbers,
    "is_valid_ipv4": check_is_valid_ipv4,
    "is_strong_password": check_is_strong_password,
    "find_dates": check_find_dates,
    "extract_hashtags": check_extract_hashtags,
    "extract_mentions": check_extract_mentions,
    "extract_hex_colors": check_extract_hex_colors,
    "extract_numbers": check_extract_numbers,
    "strip_html_tags": check_strip_html_tags,
    "collapse_whitespace": check_collapse_whitespace,
    "split_on_delimiters": check_split_on_delimiters,
    "replace_matches": check_replace_matches,
    "find_whole_word": check_find_whole_word,
    "match_named_groups": check_match_named_groups,
    "parse_log_line": check_parse_log_line,
}
