"""Checks for skills/snippets/dates.py."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest


def check_parse_iso_date(fn) -> None:
    assert fn("2024-05-31") == date(2024, 5, 31)
    assert fn(" 2024-02-29\n") == date(2024, 2, 29)
    with pytest.raises(ValueError):
        fn("2023-02-29")


def check_parse_iso_datetime(fn) -> None:
    assert fn("2024-05-31T09:30:00Z") == datetime(2024, 5, 31, 9, 30, tzinfo=UTC)
    offset = fn("2024-05-31T09:30:00+02:00")
    assert offset.utcoffset() == timedelta(hours=2)
    assert fn("2024-05-31 09:30").tzinfo is None
    assert fn("2024-05-31 09:30", assume_tz=UTC) == datetime(2024, 5, 31, 9, 30, tzinfo=UTC)
    assert fn("2024-05-31T09:30:00+02:00", assume_tz=UTC).utcoffset() == timedelta(hours=2)


def check_format_date(fn) -> None:
    assert fn(date(2024, 5, 31)) == "31 May 2024"
    assert fn(date(2024, 5, 31), "%A %d/%m/%y") == "Friday 31/05/24"
    assert fn(datetime(2024, 1, 2, 15, 4), "%Y-%m-%d %H:%M") == "2024-01-02 15:04"


def check_now_utc(fn) -> None:
    moment = fn()
    assert moment.utcoffset() == timedelta(0)
    assert abs(moment - datetime.now(UTC)) < timedelta(minutes=1)


def check_days_between(fn) -> None:
    assert fn(date(2024, 1, 1), date(2024, 3, 1)) == 60
    assert fn(date(2023, 1, 1), date(2023, 3, 1)) == 59
    assert fn(date(2024, 3, 1), date(2024, 1, 1)) == -60
    assert fn(date(2024, 3, 1), date(2024, 3, 1)) == 0


def check_date_range(fn) -> None:
    assert fn(date(2024, 2, 28), date(2024, 3, 1)) == [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
    ]
    assert fn(date(2024, 5, 1), date(2024, 5, 10), step_days=4) == [
        date(2024, 5, 1),
        date(2024, 5, 5),
        date(2024, 5, 9),
    ]
    assert fn(date(2024, 5, 2), date(2024, 5, 1)) == []
    with pytest.raises(ValueError):
        fn(date(2024, 5, 1), date(2024, 5, 2), step_days=0)


def check_add_business_days(fn) -> None:
    friday = date(2024, 5, 31)
    assert fn(friday, 1) == date(2024, 6, 3)
    assert fn(friday, 5) == date(2024, 6, 7)
    assert fn(date(2024, 6, 3), -1) == friday
    assert fn(friday, 0) == friday
    assert fn(friday, 1, holidays={date(2024, 6, 3)}) == date(2024, 6, 4)


def check_business_days_between(fn) -> None:
    assert fn(date(2024, 5, 27), date(2024, 6, 3)) == 5
    assert fn(date(2024, 6, 1), date(2024, 6, 3)) == 0
    assert fn(date(2024, 5, 1), date(2024, 6, 1)) == 23
    assert fn(date(2024, 5, 27), date(2024, 6, 3), holidays=[date(2024, 5, 30)]) == 4
    assert fn(date(2024, 6, 3), date(2024, 5, 27)) == 0


def check_age_from_birthday(fn) -> None:
    birthday = date(1990, 6, 15)
    assert fn(birthday, today=date(2024, 6, 14)) == 33
    assert fn(birthday, today=date(2024, 6, 15)) == 34
    assert fn(date(2000, 2, 29), today=date(2023, 3, 1)) == 23
    assert fn(date(2000, 2, 29), today=date(2023, 2, 28)) == 22
    assert fn(date(2000, 1, 1)) >= 24


def check_is_leap_year(fn) -> None:
    assert fn(2024) is True
    assert fn(2000) is True
    assert fn(1900) is False
    assert fn(2023) is False


def check_start_of_week(fn) -> None:
    assert fn(date(2024, 5, 31)) == date(2024, 5, 27)
    assert fn(date(2024, 5, 27)) == date(2024, 5, 27)
    assert fn(date(2024, 6, 2)) == date(2024, 5, 27)
    assert fn(date(2024, 5, 31), first_weekday=6) == date(2024, 5, 26)
    assert fn(date(2024, 5, 26), first_weekday=6) == date(2024, 5, 26)


def check_end_of_week(fn) -> None:
    assert fn(date(2024, 5, 29)) == date(2024, 6, 2)
    assert fn(date(2024, 6, 2)) == date(2024, 6, 2)
    assert fn(date(2024, 5, 29), first_weekday=6) == date(2024, 6, 1)


def check_month_range(fn) -> None:
    assert fn(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert fn(2023, 2) == (date(2023, 2, 1), date(2023, 2, 28))
    assert fn(2024, 12) == (date(2024, 12, 1), date(2024, 12, 31))


def check_add_months(fn) -> None:
    assert fn(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert fn(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert fn(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert fn(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert fn(date(2024, 1, 10), -13) == date(2022, 12, 10)
    assert fn(datetime(2024, 5, 31, 8, 30), 1) == datetime(2024, 6, 30, 8, 30)


def check_next_weekday(fn) -> None:
    friday = date(2024, 5, 31)
    assert fn(friday, "monday") == date(2024, 6, 3)
    assert fn(friday, 4) == date(2024, 6, 7)
    assert fn(friday, "Saturday") == date(2024, 6, 1)
    with pytest.raises(ValueError):
        fn(friday, "someday")


def check_iso_week_number(fn) -> None:
    assert fn(date(2024, 12, 30)) == 1
    assert fn(date(2024, 1, 1)) == 1
    assert fn(date(2021, 1, 3)) == 53
    assert fn(date(2024, 5, 31)) == 22


def check_quarter_of(fn) -> None:
    months = [1, 3, 4, 6, 7, 9, 10, 12]
    assert [fn(date(2024, month, 15)) for month in months] == [1, 1, 2, 2, 3, 3, 4, 4]


def check_to_unix_timestamp(fn) -> None:
    assert fn(datetime(2024, 1, 1)) == 1704067200.0
    assert fn(datetime(2024, 1, 1, 1, tzinfo=timezone(timedelta(hours=1)))) == 1704067200.0
    assert fn(datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=UTC)) == 1.5


def check_from_unix_timestamp(fn) -> None:
    assert fn(1704067200) == datetime(2024, 1, 1, tzinfo=UTC)
    assert fn(1704067200).utcoffset() == timedelta(0)
    paris = fn(1704067200, tz=ZoneInfo("Europe/Paris"))
    assert (paris.hour, paris.utcoffset()) == (1, timedelta(hours=1))


def check_convert_timezone(fn) -> None:
    summer = fn(datetime(2024, 7, 1, 12, tzinfo=UTC), "Europe/Paris")
    assert (summer.hour, summer.utcoffset()) == (14, timedelta(hours=2))
    winter = fn(datetime(2024, 1, 15, 12), "Europe/Paris")
    assert (winter.hour, winter.utcoffset()) == (13, timedelta(hours=1))
    back = fn(summer, "UTC")
    assert back == datetime(2024, 7, 1, 12, tzinfo=UTC)
    assert back.hour == 12


def check_local_to_utc(fn) -> None:
    assert fn(datetime(2024, 1, 15, 9, 0), "Europe/Paris") == datetime(2024, 1, 15, 8, tzinfo=UTC)
    assert fn(datetime(2024, 7, 15, 9, 0), "Europe/Paris") == datetime(2024, 7, 15, 7, tzinfo=UTC)
    assert fn(datetime(2024, 7, 15, 9, 0), "Europe/Paris").tzinfo is UTC


def check_time_ago(fn) -> None:
    now = datetime(2024, 5, 31, 12, 0, tzinfo=UTC)
    assert fn(now - timedelta(seconds=3), now) == "just now"
    assert fn(now - timedelta(seconds=42), now) == "42 seconds ago"
    assert fn(now - timedelta(minutes=5, seconds=20), now) == "5 minutes ago"
    assert fn(now - timedelta(hours=1), now) == "1 hour ago"
    assert fn(now - timedelta(days=3), now) == "3 days ago"
    assert fn(now - timedelta(days=15), now) == "2 weeks ago"
    assert fn(now - timedelta(days=400), now) == "1 year ago"
    assert fn(now + timedelta(days=2, hours=1), now) == "in 2 days"
    assert fn(datetime.now(UTC) - timedelta(hours=3, minutes=1)) == "3 hours ago"


def check_parse_duration(fn) -> None:
    assert fn("1h30m") == timedelta(hours=1, minutes=30)
    assert fn("2d 4h") == timedelta(days=2, hours=4)
    assert fn("90 seconds") == timedelta(seconds=90)
    assert fn("1 hour 15 mins") == timedelta(hours=1, minutes=15)
    assert fn("1.5h") == timedelta(minutes=90)
    assert fn("2W") == timedelta(weeks=2)
    for bad in ["", "soon", "3 months", "1h and 2m"]:
        with pytest.raises(ValueError):
            fn(bad)


def check_format_duration(fn) -> None:
    assert fn(3725) == "1h 2m 5s"
    assert fn(93784) == "1d 2h 3m 4s"
    assert fn(3600) == "1h"
    assert fn(0) == "0s"
    assert fn(59.6) == "1m"
    assert fn(-90) == "-1m 30s"


CHECKS = {
    "parse_iso_date": check_parse_iso_date,
    "parse_iso_datetime": check_parse_iso_datetime,
    "format_date": check_format_date,
    "now_utc": check_now_utc,
    "days_between": check_days_between,
    "date_range": check_date_range,
    "add_business_days": check_add_business_days,
    "business_days_between": check_business_days_between,
    "age_from_birthday": check_age_from_birthday,
    "is_leap_year": check_is_leap_year,
    "start_of_week": check_start_of_week,
    "end_of_week": check_end_of_week,
    "month_range": check_month_range,
    "add_months": check_add_months,
    "next_weekday": check_next_weekday,
    "iso_week_number": check_iso_week_number,
    "quarter_of": check_quarter_of,
    "to_unix_timestamp": check_to_unix_timestamp,
    "from_unix_timestamp": check_from_unix_timestamp,
    "convert_timezone": check_convert_timezone,
    "local_to_utc": check_local_to_utc,
    "time_ago": check_time_ago,
    "parse_duration": check_parse_duration,
    "format_duration": check_format_duration,
}
