"""Strings: reverse, slugify, change case, truncate, count words, compare and encode text."""

import difflib
import re
import string
import textwrap
import unicodedata
from collections import Counter


def reverse_string(text: str) -> str:
    """Reverse a string, so "hello" becomes "olleh".

    Example: reverse_string("stressed")  # 'desserts'
    """
    return text[::-1]


def is_palindrome(text: str) -> bool:
    """Check whether text reads the same backwards, ignoring case, spaces and punctuation.

    Example: is_palindrome("A man, a plan, a canal: Panama")  # True
    """
    letters = [char.casefold() for char in text if char.isalnum()]
    return letters == letters[::-1]


def is_anagram(first: str, second: str) -> bool:
    """Check whether two words or phrases are anagrams, ignoring case, spaces and punctuation.

    Example: is_anagram("Dormitory", "Dirty room")  # True
    """

    def letters(text: str) -> Counter[str]:
        return Counter(char.casefold() for char in text if char.isalnum())

    return letters(first) == letters(second)


def slugify(text: str, separator: str = "-") -> str:
    """Turn a title into a URL slug: lowercase ASCII words joined by hyphens.

    Example: slugify("Héllo, World! Don't panic")  # 'hello-world-dont-panic'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return separator.join(words)


def title_case(text: str) -> str:
    """Convert text to title case, keeping short words such as "of", "and" and "the" lowercase.

    Example: title_case("the lord of the rings")  # 'The Lord of the Rings'
    """
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor"}
    small |= {"of", "on", "or", "per", "the", "to", "vs", "via", "with"}
    words = text.split()
    result = []
    for index, word in enumerate(words):
        bare = word.lower().strip(string.punctuation)
        if 0 < index < len(words) - 1 and bare in small:
            result.append(word.lower())
        else:
            result.append(re.sub(r"[^\W\d_]", lambda m: m.group().upper(), word, count=1))
    return " ".join(result)


def capitalize_sentences(text: str) -> str:
    """Capitalize the first letter of every sentence in a piece of text.

    Example: capitalize_sentences("hi there. how are you? fine!")  # 'Hi there. How are you? Fine!'
    """
    return re.sub(r"(^\s*|[.!?]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), text)


def truncate_text(
    text: str, max_length: int, ellipsis: str = "...", whole_words: bool = True
) -> str:
    """Shorten text to at most max_length characters, ending it with an ellipsis if it was cut.

    Example: truncate_text("The quick brown fox", 14)  # 'The quick...'
    """
    if len(text) <= max_length:
        return text
    if max_length <= len(ellipsis):
        return ellipsis[:max_length]
    cut = text[: max_length - len(ellipsis)]
    if whole_words and not text[len(cut)].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + ellipsis


def count_words(text: str) -> int:
    """Count the words in a piece of text; "don't" counts as one word.

    Example: count_words("It's a fine day, isn't it?")  # 6
    """
    return len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))


def word_frequencies(text: str, top: int | None = None) -> list[tuple[str, int]]:
    """Count how often each word appears in text, most frequent first, ignoring case.

    Example: word_frequencies("the cat and the hat", top=1)  # [('the', 2)]
    """
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.lower())
    return Counter(words).most_common(top)


def remove_punctuation(text: str) -> str:
    """Remove punctuation marks from a string, including Unicode quotes and dashes.

    Example: remove_punctuation("Hello, world! «Ça va?»")  # 'Hello world Ça va'
    """
    return "".join(
        char
        for char in text
        if char not in string.punctuation and not unicodedata.category(char).startswith("P")
    )


def strip_accents(text: str) -> str:
    """Remove accents and other diacritics from letters, so "Crème brûlée" becomes "Creme brulee".

    Example: strip_accents("São Paulo")  # 'Sao Paulo'
    """
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def camel_to_snake(name: str) -> str:
    """Convert a camelCase or PascalCase name to snake_case, keeping acronyms together.

    Example: camel_to_snake("parseHTTPResponse")  # 'parse_http_response'
    """
    step = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    step = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", step)
    return step.replace("-", "_").lower()


def snake_to_camel(name: str, upper_first: bool = False) -> str:
    """Convert a snake_case name to camelCase, or to PascalCase with upper_first=True.

    Example: snake_to_camel("user_id")  # 'userId'; snake_to_camel("user_id", True)  # 'UserId'
    """
    parts = [part for part in name.split("_") if part]
    if not parts:
        return ""
    head = parts[0][:1].upper() + parts[0][1:] if upper_first else parts[0].lower()
    return head + "".join(part[:1].upper() + part[1:] for part in parts[1:])


def to_kebab_case(text: str) -> str:
    """Convert a phrase, camelCase or snake_case name to kebab-case.

    Example: to_kebab_case("myHTTPServer config_file")  # 'my-http-server-config-file'
    """
    spaced = re.sub(r"([a-z\d])([A-Z])", r"\1 \2", text)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return "-".join(re.findall(r"[A-Za-z\d]+", spaced)).lower()


def wrap_text(text: str, width: int = 70) -> str:
    """Wrap text to lines of at most width characters, keeping blank lines between paragraphs.

    Example: print(wrap_text(long_description, width=60))
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(textwrap.fill(paragraph, width=width) for paragraph in paragraphs)


def caesar_cipher(text: str, shift: int) -> str:
    """Shift each letter by a fixed number of places in the alphabet (a Caesar cipher).

    Example: caesar_cipher("Hello", 3)  # 'Khoor'; caesar_cipher("Khoor", -3)  # 'Hello'
    """
    result = []
    for char in text:
        if "a" <= char <= "z":
            result.append(chr((ord(char) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= char <= "Z":
            result.append(chr((ord(char) - ord("A") + shift) % 26 + ord("A")))
        else:
            result.append(char)
    return "".join(result)


def similarity_ratio(first: str, second: str) -> float:
    """Measure how similar two strings are, as a ratio from 0.0 (different) to 1.0 (equal).

    Example: similarity_ratio("apple", "apples")  # 0.909...
    """
    return difflib.SequenceMatcher(None, first, second).ratio()


def closest_matches(
    word: str, candidates: list[str], limit: int = 3, cutoff: float = 0.6
) -> list[str]:
    """Suggest the closest matches for a misspelled word from a list of valid words.

    Example: closest_matches("apel", ["apple", "ape", "peach"])  # ['apple', 'ape']
    """
    return difflib.get_close_matches(word, candidates, n=limit, cutoff=cutoff)


def mask_string(text: str, visible: int = 4, mask_char: str = "*") -> str:
    """Hide all but the last few characters of a string, e.g. a card number or an API key.

    Example: mask_string("4111111111111111")  # '************1111'
    """
    if visible <= 0 or len(text) <= visible:
        return mask_char * len(text)
    return mask_char * (len(text) - visible) + text[-visible:]


def pluralize(count: int, singular: str, plural: str | None = None) -> str:
    """Write a count with the right singular or plural noun, e.g. "1 file" or "3 boxes".

    Example: pluralize(2, "city")  # '2 cities'; pluralize(2, "child", "children")
    """
    if count == 1:
        return f"{count} {singular}"
    if plural is None:
        if singular.endswith(("s", "x", "z", "ch", "sh")):
            plural = singular + "es"
        elif singular.endswith("y") and singular[-2:-1] not in "aeiou":
            plural = singular[:-1] + "ies"
        else:
            plural = singular + "s"
    return f"{count} {plural}"
