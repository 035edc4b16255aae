"""Regular expressions: extract emails, URLs and numbers, validate input, clean and split text."""

import html
import re
from collections.abc import Callable, Sequence


def extract_emails(text: str) -> list[str]:
    """Extract the email addresses from a piece of text, each once, in the order they appear.

    Example: extract_emails("Write to ana@example.com or bob@mail.co.uk.")
    """
    pattern = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    return list(dict.fromkeys(re.findall(pattern, text)))


def is_valid_email(address: str) -> bool:
    """Check whether a string looks like a valid email address such as name@example.com.

    Example: is_valid_email("ana@example.com")  # True
    """
    pattern = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
    return len(address) <= 254 and re.fullmatch(pattern, address) is not None


def redact_emails(text: str, placeholder: str = "[email]") -> str:
    """Replace every email address in a piece of text with a placeholder.

    Example: redact_emails("mail ana@example.com now")  # 'mail [email] now'
    """
    pattern = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    return re.sub(pattern, placeholder, text)


def extract_urls(text: str) -> list[str]:
    """Extract the http, https and www. links from a piece of text, without trailing punctuation.

    Example: extract_urls("See https://example.com/docs, or www.python.org.")
    """
    urls = []
    for match in re.findall(r"\b(?:https?://|www\.)[^\s<>\"']+", text):
        url = match.rstrip(".,;:!?")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        urls.append(url)
    return urls


def extract_phone_numbers(text: str) -> list[str]:
    """Find phone numbers such as +1 (555) 123-4567 or 020 7946 0958 in a piece of text.

    Example: extract_phone_numbers("Call 555-123-4567 today")  # ['555-123-4567']
    """
    pattern = (
        r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?!\w)"
    )
    numbers = []
    for match in re.findall(pattern, text):
        digits = sum(char.isdigit() for char in match)
        if 7 <= digits <= 15 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", match):
            numbers.append(match)
    return numbers


def is_valid_ipv4(address: str) -> bool:
    """Check whether a string is a valid IPv4 address like 192.168.0.1 (no leading zeros).

    Example: is_valid_ipv4("256.1.1.1")  # False
    """
    octet = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
    return re.fullmatch(rf"{octet}(?:\.{octet}){{3}}", address) is not None


def is_strong_password(password: str, min_length: int = 8) -> bool:
    """Check that a password is long enough and mixes lowercase, uppercase, digits and symbols.

    Example: is_strong_password("Tr0ub4dor&3")  # True
    """
    return (
        len(password) >= min_length
        and re.search(r"[a-z]", password) is not None
        and re.search(r"[A-Z]", password) is not None
        and re.search(r"[0-9]", password) is not None
        and re.search(r"[^A-Za-z0-9]", password) is not None
    )


def find_dates(text: str) -> list[str]:
    """Find dates written as 2024-05-31, 31/05/2024 or 31 May 2024 in a piece of text.

    Example: find_dates("Due 2024-05-31, paid 3 June 2024")  # ['2024-05-31', '3 June 2024']
    """
    months = (
        r"(?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    )
    pattern = (
        rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}} {months} \d{{4}})\b"
    )
    return re.findall(pattern, text)


def extract_hashtags(text: str) -> list[str]:
    """Extract the hashtags from a social media post, without the # sign.

    Example: extract_hashtags("Loving #Python and #regex101!")  # ['Python', 'regex101']
    """
    return re.findall(r"(?<![\w#&/])#(\w*[^\W\d]\w*)", text)


def extract_mentions(text: str) -> list[str]:
    """Extract the @username mentions from a post, leaving email addresses alone.

    Example: extract_mentions("thanks @ana_b and @bob, mail me at me@x.org")  # ['ana_b', 'bob']
    """
    return re.findall(r"(?<![\w@.])@(\w+)", text)


def extract_hex_colors(text: str) -> list[str]:
    """Find CSS hex colour codes such as #fff or #1a2b3c in a piece of text.

    Example: extract_hex_colors("color: #FFF; background: #1a2b3c")  # ['#FFF', '#1a2b3c']
    """
    return re.findall(r"(?<![\w&])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", text)


def extract_numbers(text: str) -> list[float]:
    """Extract every number from text, with signs, decimals and thousands separators, as floats.

    Example: extract_numbers("Paid $1,250.50 for 3 items, -2 in stock")  # [1250.5, 3.0, -2.0]
    """
    pattern = r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\w.])[-+]?\.\d+"
    return [float(match.replace(",", "")) for match in re.findall(pattern, text)]


def strip_html_tags(markup: str) -> str:
    """Remove HTML tags, scripts and styles from a string and decode entities like &amp;.

    Example: strip_html_tags("<p>Fish &amp; <b>chips</b></p>")  # 'Fish & chips'
    """
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
    text = re.sub(r"(?s)<!--.*?-->", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def collapse_whitespace(text: str) -> str:
    """Replace every run of spaces, tabs and newlines with a single space and trim the ends.

    Example: collapse_whitespace("  too   many\\n\\tspaces ")  # 'too many spaces'
    """
    return re.sub(r"\s+", " ", text).strip()


def split_on_delimiters(text: str, delimiters: Sequence[str] = (",", ";", "|")) -> list[str]:
    """Split a string on any of several delimiters, trimming the pieces and dropping empty ones.

    Example: split_on_delimiters("a, b;c | d")  # ['a', 'b', 'c', 'd']
    """
    ordered = sorted(delimiters, key=len, reverse=True)
    pattern = "|".join(re.escape(delimiter) for delimiter in ordered)
    return [piece.strip() for piece in re.split(pattern, text) if piece.strip()]


def replace_matches(
    text: str, pattern: str, replacement: Callable[[re.Match[str]], str], flags: int = 0
) -> str:
    """Replace every regex match in text with what a callback function returns for that match.

    Example: replace_matches("a1 b22", r"\\d+", lambda m: str(int(m[0]) * 2))  # 'a2 b44'
    """
    return re.sub(pattern, replacement, text, flags=flags)


def find_whole_word(text: str, word: str, ignore_case: bool = True) -> list[int]:
    """Find the start positions of a word in text, matching whole words only.

    Example: find_whole_word("cat concat Cat", "cat")  # [0, 11]
    """
    flags = re.IGNORECASE if ignore_case else 0
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
    return [match.start() for match in re.finditer(pattern, text, flags)]


def match_named_groups(pattern: str, text: str) -> dict[str, str | None] | None:
    """Search text with a regex that has named groups and return the groups as a dict.

    Example: match_named_groups(r"(?P<user>\\w+)@(?P<host>[\\w.]+)", "ana@example.com")
    """
    match = re.search(pattern, text)
    return match.groupdict() if match else None


def parse_log_line(line: str) -> dict[str, str] | None:
    """Parse a log line like "2024-05-01 12:00:03 ERROR disk full" into date, time, level and message.

    Example: parse_log_line("2024-05-01 12:00:03,120 WARNING low memory")["level"]  # 'WARNING'
    """
    pattern = (
        r"(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{2}:\d{2}:\d{2})(?:[.,]\d+)?\s+"
        r"\[?(?P<level>[A-Z]+)\]?:?\s+(?P<message>.*)"
    )
    match = re.match(pattern, line.strip())
    return match.groupdict() if match else None
