"""Checks for skills/snippets/maths.py, with hand-worked answers (floats compared after
rounding, or with pytest.approx where the last bit is not the point)."""

from __future__ import annotations

from typing import Any

import pytest


def _check_round_half_up(fn: Any) -> None:
    assert fn(2.675, 2) == 2.68
    assert fn(2.5) == 3.0
    assert fn(-2.5) == -3.0
    assert fn(0.125, 2) == 0.13
    assert fn(1234.5678, 1) == 1234.6
    assert fn(1250, -2) == 1300.0


def _check_clamp(fn: Any) -> None:
    assert fn(150, 0, 100) == 100
    assert fn(-5, 0, 100) == 0
    assert fn(42.5, 0, 100) == 42.5
    with pytest.raises(ValueError):
        fn(1, 10, 0)


def _check_percent_change(fn: Any) -> None:
    assert fn(80, 100) == 25.0
    assert fn(200, 150) == -25.0
    assert fn(-50, -25) == 50.0
    with pytest.raises(ValueError):
        fn(0, 10)


def _check_mean_median_mode(fn: Any) -> None:
    assert fn([1, 2, 2, 3, 7]) == (3, 2, 2)
    assert fn([4, 1, 3, 2]) == (2.5, 2.5, 4)  # no repeats: the first value is the mode
    with pytest.raises(ValueError):
        fn([])


def _check_standard_deviation(fn: Any) -> None:
    data = [2, 4, 4, 4, 5, 5, 7, 9]
    assert fn(data, sample=False) == 2.0
    assert round(fn(data), 6) == 2.13809
    assert fn([3, 3, 3]) == 0.0


def _check_celsius_to_fahrenheit(fn: Any) -> None:
    assert fn(100) == 212.0
    assert fn(0) == 32.0
    assert fn(-40) == -40.0
    assert fn(37) == pytest.approx(98.6)


def _check_fahrenheit_to_celsius(fn: Any) -> None:
    assert fn(212) == 100.0
    assert fn(32) == 0.0
    assert fn(-40) == -40.0
    assert round(fn(98.6), 6) == 37.0


def _check_bytes_to_human(fn: Any) -> None:
    assert fn(0) == "0 B"
    assert fn(1023) == "1023 B"
    assert fn(1024) == "1.0 KiB"
    assert fn(1536) == "1.5 KiB"
    assert fn(5 * 1024**3) == "5.0 GiB"
    assert fn(3_200_000, binary=False) == "3.2 MB"
    assert fn(999, binary=False) == "999 B"
    assert fn(2 * 1024**7) == "2048.0 EiB"


def _check_int_to_roman(fn: Any) -> None:
    assert fn(1994) == "MCMXCIV"
    assert fn(4) == "IV"
    assert fn(3999) == "MMMCMXCIX"
    assert fn(2024) == "MMXXIV"
    assert fn(1) == "I"
    for bad in (0, 4000, -7):
        with pytest.raises(ValueError):
            fn(bad)


def _check_roman_to_int(fn: Any) -> None:
    assert fn("MCMXCIV") == 1994
    assert fn("xlii") == 42
    assert fn(" MMMCMXCIX ") == 3999
    assert fn("IX") == 9
    for bad in ("IIII", "IC", "VX", "ABC", "", "MMMM"):
        with pytest.raises(ValueError):
            fn(bad)


def _check_int_to_binary_string(fn: Any) -> None:
    assert fn(5) == "101"
    assert fn(5, width=8) == "00000101"
    assert fn(0) == "0"
    assert fn(-5, width=6) == "-00101"
    assert fn(255, width=4) == "11111111"


def _check_int_to_base(fn: Any) -> None:
    assert fn(255, 16) == "ff"
    assert fn(10, 3) == "101"
    assert fn(0, 7) == "0"
    assert fn(-35, 36) == "-z"
    assert fn(2**10, 2) == "1" + "0" * 10
    with pytest.raises(ValueError):
        fn(10, 1)


def _check_convert_base(fn: Any) -> None:
    assert fn("ff", 16, 2) == "11111111"
    assert fn("777", 8, 10) == "511"
    assert fn("Z", 36, 10) == "35"
    assert fn("-1010", 2, 16) == "-a"
    with pytest.raises(ValueError):
        fn("12", 2, 10)


def _check_is_perfect_square(fn: Any) -> None:
    assert [n for n in range(-4, 50) if fn(n)] == [0, 1, 4, 9, 16, 25, 36, 49]
    assert fn(10**40) is True
    assert fn(10**40 + 1) is False


def _check_digit_sum(fn: Any) -> None:
    assert fn(-4096) == 19
    assert fn(0) == 0
    assert fn(999_999) == 54


def _check_compound_interest(fn: Any) -> None:
    assert round(fn(1000, 0.05, 10), 2) == 1647.01
    assert round(fn(1000, 0.05, 10, periods_per_year=1), 2) == 1628.89
    assert fn(500, 0, 3) == 500
    with pytest.raises(ValueError):
        fn(1, 0.1, 1, periods_per_year=0)


def _check_format_thousands(fn: Any) -> None:
    assert fn(1234567) == "1,234,567"
    assert fn(1234567.891, 2) == "1,234,567.89"
    assert fn(1234567.891, 2, separator=".", decimal_point=",") == "1.234.567,89"
    assert fn(-9876.5, 1, separator=" ") == "-9 876.5"
    assert fn(999) == "999"


def _check_weighted_mean(fn: Any) -> None:
    assert fn([90, 70], [3, 1]) == 85.0
    assert fn([1, 2, 3], [1, 1, 1]) == 2.0
    with pytest.raises(ValueError):
        fn([1, 2], [1])
    with pytest.raises(ValueError):
        fn([1], [0])


def _check_percentage_of(fn: Any) -> None:
    assert fn(45, 60) == 75.0
    assert fn(1, 3) == 33.3
    assert fn(1, 3, places=3) == 33.333
    with pytest.raises(ValueError):
        fn(1, 0)


def _check_map_range(fn: Any) -> None:
    assert fn(5, 0, 10, 0, 100) == 50.0
    assert fn(0, 0, 1023, 0, 100) == 0.0
    assert round(fn(512, 0, 1023, 0, 100), 2) == 50.05
    assert fn(25, 0, 100, 1, 0) == 0.75  # an inverted output range
    with pytest.raises(ValueError):
        fn(1, 2, 2, 0, 1)


def _check_safe_divide(fn: Any) -> None:
    assert fn(10, 4) == 2.5
    assert fn(10, 0) == 0.0
    assert fn(10, 0, default=None) is None


def _check_prime_factors(fn: Any) -> None:
    assert fn(360) == [2, 2, 2, 3, 3, 5]
    assert fn(97) == [97]
    assert fn(2 * 7919) == [2, 7919]
    assert fn(1024) == [2] * 10
    with pytest.raises(ValueError):
        fn(1)


CHECKS = {
    "round_half_up": _check_round_half_up,
    "clamp": _check_clamp,
    "percent_change": _check_percent_change,
    "mean_median_mode": _check_mean_median_mode,
    "standard_deviation": _check_standard_deviation,
    "celsius_to_fahrenheit": _check_celsius_to_fahrenheit,
    "fahrenheit_to_celsius": _check_fahrenheit_to_celsius,
    "bytes_to_human": _check_bytes_to_human,
    "int_to_roman": _check_int_to_roman,
    "roman_to_int": _check_roman_to_int,
    "int_to_binary_string": _check_int_to_binary_string,
    "int_to_base": _check_int_to_base,
    "convert_base": _check_convert_base,
    "is_perfect_square": _check_is_perfect_square,
    "digit_sum": _check_digit_sum,
    "compound_interest": _check_compound_interest,
    "format_thousands": _check_format_thousands,
    "weighted_mean": _check_weighted_mean,
    "percentage_of": _check_percentage_of,
    "map_range": _check_map_range,
    "safe_divide": _check_safe_divide,
    "prime_factors": _check_prime_factors,
}
