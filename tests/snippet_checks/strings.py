"""Checks for skills/snippets/strings.py."""


def check_reverse_string(fn) -> None:
    assert fn("stressed") == "desserts"
    assert fn("") == ""
    assert fn("añb") == "bña"


def check_is_palindrome(fn) -> None:
    assert fn("A man, a plan, a canal: Panama") is True
    assert fn("racecar") is True
    assert fn("Never odd or even") is True
    assert fn("palindrome") is False
    assert fn("") is True


def check_is_anagram(fn) -> None:
    assert fn("Dormitory", "Dirty room") is True
    assert fn("listen", "silent") is True
    assert fn("apple", "papel!") is True
    assert fn("apple", "apples") is False
    assert fn("aab", "abb") is False


def check_slugify(fn) -> None:
    assert fn("Héllo, World! Don't panic") == "hello-world-dont-panic"
    assert fn("  Python 3.12 -- Release Notes  ") == "python-3-12-release-notes"
    assert fn("Crème Brûlée", separator="_") == "creme_brulee"
    assert fn("!!!") == ""


def check_title_case(fn) -> None:
    assert fn("the lord of the rings") == "The Lord of the Rings"
    assert fn("war AND peace") == "War and Peace"
    assert fn("what is it for") == "What Is It For"
    assert fn("don't stop me now") == "Don't Stop Me Now"
    assert fn('"quoted" title') == '"Quoted" Title'
    assert fn("NASA in space") == "NASA in Space"


def check_capitalize_sentences(fn) -> None:
    assert fn("hi there. how are you? fine!") == "Hi there. How are you? Fine!"
    assert fn("  leading space. ok") == "  Leading space. Ok"
    assert fn("version 2.5 is out. yes") == "Version 2.5 is out. Yes"


def check_truncate_text(fn) -> None:
    assert fn("The quick brown fox", 14) == "The quick..."
    assert fn("The quick brown fox", 12) == "The quick..."
    assert fn("The quick brown fox", 14, whole_words=False) == "The quick b..."
    assert fn("short", 10) == "short"
    assert fn("abcdefgh", 6, ellipsis="…") == "abcde…"
    assert fn("abcdefgh", 2) == ".."
    assert len(fn("word " * 50, 40)) <= 40


def check_count_words(fn) -> None:
    assert fn("It's a fine day, isn't it?") == 6
    assert fn("") == 0
    assert fn("one -- two\nthree") == 3


def check_word_frequencies(fn) -> None:
    assert fn("the cat and the hat", top=1) == [("the", 2)]
    assert fn("B a b A c b") == [("b", 3), ("a", 2), ("c", 1)]
    assert fn("") == []


def check_remove_punctuation(fn) -> None:
    assert fn("Hello, world! «Ça va?»") == "Hello world Ça va"
    assert fn("a-b_c (d) $5 & 10%") == "abc d 5  10"


def check_strip_accents(fn) -> None:
    assert fn("São Paulo") == "Sao Paulo"
    assert fn("Crème brûlée à l'Élysée") == "Creme brulee a l'Elysee"
    assert fn("naïve ﬁle") == "naive ﬁle"


def check_camel_to_snake(fn) -> None:
    assert fn("parseHTTPResponse") == "parse_http_response"
    assert fn("UserID") == "user_id"
    assert fn("getX2Value") == "get_x2_value"
    assert fn("already_snake") == "already_snake"
    assert fn("HTMLParser") == "html_parser"


def check_snake_to_camel(fn) -> None:
    assert fn("user_id") == "userId"
    assert fn("user_id", upper_first=True) == "UserId"
    assert fn("__private_name__") == "privateName"
    assert fn("") == ""


def check_to_kebab_case(fn) -> None:
    assert fn("myHTTPServer config_file") == "my-http-server-config-file"
    assert fn("Hello World") == "hello-world"
    assert fn("already-kebab") == "already-kebab"


def check_wrap_text(fn) -> None:
    text = "one two three four five six seven\n\nsecond paragraph here"
    assert fn(text, width=10) == "one two\nthree four\nfive six\nseven\n\nsecond\nparagraph\nhere"
    assert all(len(line) <= 12 for line in fn("word " * 40, width=12).splitlines())


def check_caesar_cipher(fn) -> None:
    assert fn("Hello, World!", 3) == "Khoor, Zruog!"
    assert fn("Khoor, Zruog!", -3) == "Hello, World!"
    assert fn("xyz", 29) == "abc"
    assert fn("Why did the chicken cross the road?", 13) == "Jul qvq gur puvpxra pebff gur ebnq?"


def check_similarity_ratio(fn) -> None:
    assert fn("apple", "apple") == 1.0
    assert fn("abcd", "abce") == 0.75
    assert fn("abc", "xyz") == 0.0


def check_closest_matches(fn) -> None:
    assert fn("apel", ["apple", "ape", "peach"]) == ["ape", "apple"]
    assert fn("colour", ["color", "collar", "cooler", "red"], limit=1) == ["color"]
    assert fn("zzz", ["apple"]) == []


def check_mask_string(fn) -> None:
    assert fn("4111111111111111") == "************1111"
    assert fn("secret-key-42", visible=2, mask_char="#") == "###########42"
    assert fn("1234") == "****"
    assert fn("abc", visible=0) == "***"


def check_pluralize(fn) -> None:
    assert fn(1, "file") == "1 file"
    assert fn(3, "file") == "3 files"
    assert fn(2, "box") == "2 boxes"
    assert fn(2, "city") == "2 cities"
    assert fn(2, "day") == "2 days"
    assert fn(0, "match") == "0 matches"
    assert fn(4, "child", "children") == "4 children"


CHECKS = {
    "reverse_string": check_reverse_string,
    "is_palindrome": check_is_palindrome,
    "is_anagram": check_is_anagram,
    "slugify": check_slugify,
    "title_case": check_title_case,
    "capitalize_sentences": check_capitalize_sentences,
    "truncate_text": check_truncate_text,
    "count_words": check_count_words,
    "word_frequencies": check_word_frequencies,
    "remove_punctuation": check_remove_punctuation,
    "strip_accents": check_strip_accents,
    "camel_to_snake": check_camel_to_snake,
    "snake_to_camel": check_snake_to_camel,
    "to_kebab_case": check_to_kebab_case,
    "wrap_text": check_wrap_text,
    "caesar_cipher": check_caesar_cipher,
    "similarity_ratio": check_similarity_ratio,
    "closest_matches": check_closest_matches,
    "mask_string": check_mask_string,
    "pluralize": check_pluralize,
}
