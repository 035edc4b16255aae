"""Everyday arithmetic: rounding, statistics, unit conversions, number bases, roman numerals."""

import math
import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def round_half_up(value: float, places: int = 0) -> float:
    """Round a number to n decimal places the school way, with halves rounded away from zero.

    round_half_up(2.675, 2)  # 2.68 (the built-in round gives 2.67)
    """
    step = Decimal(1).scaleb(-places)  # places=2 -> Decimal("0.01")
    return float(Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP))


def clamp(value: float, low: float, high: float) -> float:
    """Limit a number to the range between a lower and an upper bound.

    clamp(150, 0, 100)  # 100
    """
    if low > high:
        raise ValueError("low must not be greater than high")
    return max(low, min(value, high))


def percent_change(old: float, new: float) -> float:
    """Compute the percentage change from an old value to a new one (negative for a decrease).

    percent_change(80, 100)  # 25.0
    """
    if old == 0:
        raise ValueError("the percentage change from zero is undefined")
    return (new - old) / abs(old) * 100


def mean_median_mode(values: Sequence[float]) -> tuple[float, float, float]:
    """Compute the mean, median and mode of a list of numbers.

    mean_median_mode([1, 2, 2, 3, 7])  # (3, 2, 2)
    """
    if not values:
        raise ValueError("need at least one value")
    return statistics.mean(values), statistics.median(values), statistics.mode(values)


def standard_deviation(values: Sequence[float], sample: bool = True) -> float:
    """Compute the standard deviation of a list of numbers (sample by default, or population).

    standard_deviation([2, 4, 4, 4, 5, 5, 7, 9], sample=False)  # 2.0
    """
    return statistics.stdev(values) if sample else statistics.pstdev(values)


def celsius_to_fahrenheit(celsius: float) -> float:
    """Convert a temperature from degrees Celsius to degrees Fahrenheit.

    celsius_to_fahrenheit(100)  # 212.0
    """
    return celsius * 9 / 5 + 32


def fahrenheit_to_celsius(fahrenheit: float) -> float:
    """Convert a temperature from degrees Fahrenheit to degrees Celsius.

    fahrenheit_to_celsius(98.6)  # about 37.0
    """
    return (fahrenheit - 32) * 5 / 9


def bytes_to_human(size: int, binary: bool = True) -> str:
    """Format a number of bytes as a human-readable size such as '1.5 KiB' or '3.2 MB'.

    bytes_to_human(1536)  # '1.5 KiB'; bytes_to_human(3_200_000, binary=False)  # '3.2 MB'
    """
    step = 1024 if binary else 1000
    units = (
        ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        if binary
        else ["kB", "MB", "GB", "TB", "PB", "EB"]
    )
    if abs(size) < step:
        return f"{size} B"
    value = float(size)
    for unit in units:
        value /= step
        if abs(value) < step or unit == units[-1]:
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def int_to_roman(number: int) -> str:
    """Convert an integer from 1 to 3999 into Roman numerals.

    int_to_roman(1994)  # 'MCMXCIV'
    """
    if not 0 < number < 4000:
        raise ValueError("Roman numerals cover 1 to 3999")
    values = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
    symbols = ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I")
    parts = []
    for value, letters in zip(values, symbols, strict=True):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def roman_to_int(numeral: str) -> int:
    """Convert a Roman numeral such as 'MCMXCIV' into an integer, rejecting malformed ones.

    roman_to_int("xlii")  # 42
    """
    letters = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    text = numeral.strip().upper()
    if not text or any(char not in letters for char in text):
        raise ValueError(f"not a Roman numeral: {numeral!r}")
    total = 0
    for char, following in zip(text, [*text[1:], None], strict=True):
        value = letters[char]
        total += -value if following and letters[following] > value else value
    if _roman(total) != text:  # catches forms like "IIII" or "IC"
        raise ValueError(f"not a well-formed Roman numeral: {numeral!r}")
    return total


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return ""
    result = ""
    for value, letters in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    ):
        count, number = divmod(number, value)
        result += letters * count
    return result


def int_to_binary_string(number: int, width: int = 0) -> str:
    """Write an integer in binary, optionally padded with zeros to a minimum width.

    int_to_binary_string(5, width=8)  # '00000101'
    """
    sign, digits = ("-", format(-number, "b")) if number < 0 else ("", format(number, "b"))
    return sign + digits.zfill(width - len(sign))


def int_to_base(number: int, base: int) -> str:
    """Write an integer in any base from 2 to 36, using digits 0-9 then letters a-z.

    int_to_base(255, 16)  # 'ff'; int_to_base(10, 3)  # '101'
    """
    return _digits_in_base(number, base)


def convert_base(digits: str, from_base: int, to_base: int) -> str:
    """Convert a number written in one base into another base (bases 2 to 36).

    convert_base("ff", 16, 2)  # '11111111'
    """
    return _digits_in_base(int(digits.strip(), from_base), to_base)


def _digits_in_base(number: int, base: int) -> str:
    if not 2 <= base <= 36:
        raise ValueError("base must be between 2 and 36")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number == 0:
        return "0"
    sign, number = ("-", -number) if number < 0 else ("", number)
    digits = []
    while number:
        number, remainder = divmod(number, base)
        digits.append(alphabet[remainder])
    return sign + "".join(reversed(digits))


def is_perfect_square(number: int) -> bool:
    """Check whether an integer is a perfect square (exact, even for very large numbers).

    is_perfect_square(144)  # True
    """
    if number < 0:
        return False
    root = math.isqrt(number)
    return root * root == number


def digit_sum(number: int) -> int:
    """Add up the decimal digits of an integer (the sign is ignored).

    digit_sum(-4096)  # 19
    """
    return sum(int(digit) for digit in str(abs(number)))


def compound_interest(
    principal: float, annual_rate: float, years: float, periods_per_year: int = 12
) -> float:
    """Compute what a sum grows to with compound interest; annual_rate 0.05 means 5% a year.

    compound_interest(1000, 0.05, 10)  # about 1647.01 with monthly compounding
    """
    if periods_per_year < 1:
        raise ValueError("periods_per_year must be at least 1")
    return principal * (1 + annual_rate / periods_per_year) ** (periods_per_year * years)


def format_thousands(
    number: float, decimals: int = 0, separator: str = ",", decimal_point: str = "."
) -> str:
    """Format a number with a thousands separator and a fixed number of decimals.

    format_thousands(1234567.891, 2)  # '1,234,567.89'; with separator=".", decimal_point=","
    """
    text = f"{number:,.{decimals}f}"
    return text.translate({ord(","): separator, ord("."): decimal_point})


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    """Compute the weighted average of numbers, each counting as much as its weight.

    weighted_mean([90, 70], [3, 1])  # 85.0
    """
    if len(values) != len(weights):
        raise ValueError("values and weights must have the same length")
    total_weight = sum(weights)
    if total_weight == 0:
        raise ValueError("the weights add up to zero")
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total_weight


def percentage_of(part: float, whole: float, places: int = 1) -> float:
    """Compute what percentage one number is of another, rounded to some decimal places.

    percentage_of(45, 60)  # 75.0
    """
    if whole == 0:
        raise ValueError("whole must not be zero")
    return round(part / whole * 100, places)


def map_range(
    value: float, in_low: float, in_high: float, out_low: float, out_high: float
) -> float:
    """Map a number from one range onto another, e.g. a 0-1023 sensor reading onto 0-100.

    map_range(512, 0, 1023, 0, 100)  # about 50.05
    """
    if in_high == in_low:
        raise ValueError("the input range is empty")
    return out_low + (value - in_low) * (out_high - out_low) / (in_high - in_low)


def safe_divide(numerator: float, denominator: float, default: Any = 0.0) -> Any:
    """Divide two numbers, returning a default instead of raising when dividing by zero.

    safe_divide(10, 0)  # 0.0
    """
    return default if denominator == 0 else numerator / denominator


def prime_factors(number: int) -> list[int]:
    """Break an integer greater than 1 into its prime factors, smallest first, with repeats.

    prime_factors(360)  # [2, 2, 2, 3, 3, 5]
    """
    if number < 2:
        raise ValueError("number must be at least 2")
    factors = []
    divisor = 2
    while divisor * divisor <= number:
        while number % divisor == 0:
            factors.append(divisor)
            number //= divisor
        divisor += 1 if divisor == 2 else 2
    if number > 1:
        factors.append(number)
    return factors
