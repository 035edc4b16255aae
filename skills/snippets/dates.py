"""Dates and times: parse and format, count days, business days, weeks, months, time zones."""

import calendar
import re
from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo


def parse_iso_date(text: str) -> date:
    """Parse an ISO 8601 date string such as 2024-05-31 into a date object.

    Example: parse_iso_date("2024-05-31").weekday()  # 4 (Friday)
    """
    return date.fromisoformat(text.strip())


def parse_iso_datetime(text: str, assume_tz: tzinfo | None = None) -> datetime:
    """Parse an ISO 8601 date-time string such as 2024-05-31T09:30:00Z into a datetime.

    Example: parse_iso_datetime("2024-05-31 09:30", assume_tz=UTC)  # aware, 09:30 UTC
    """
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None and assume_tz is not None:
        moment = moment.replace(tzinfo=assume_tz)
    return moment


def format_date(day: date, pattern: str = "%d %B %Y") -> str:
    """Format a date or datetime as text with a strftime pattern, by default like 31 May 2024.

    Example: format_date(date(2024, 5, 31), "%A %d/%m/%y")  # 'Friday 31/05/24'
    """
    return day.strftime(pattern)


def now_utc() -> datetime:
    """Return the current date and time as a timezone-aware datetime in UTC.

    Example: stamp = now_utc().isoformat()
    """
    return datetime.now(UTC)


def days_between(start: date, end: date) -> int:
    """Count the days from one date to another; negative if the second date is earlier.

    Example: days_between(date(2024, 1, 1), date(2024, 3, 1))  # 60
    """
    return (end - start).days


def date_range(start: date, end: date, step_days: int = 1) -> list[date]:
    """List every date from start to end, both included, optionally every n days.

    Example: date_range(date(2024, 5, 1), date(2024, 5, 3))  # May 1, 2 and 3
    """
    if step_days <= 0:
        raise ValueError("step_days must be positive")
    return [start + timedelta(days=n) for n in range(0, (end - start).days + 1, step_days)]


def add_business_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """Add (or subtract) working days to a date, skipping weekends and optional holidays.

    Example: add_business_days(date(2024, 5, 31), 1)  # Monday 3 June 2024
    """
    step = 1 if days >= 0 else -1
    current = start
    remaining = abs(days)
    while remaining:
        current += timedelta(days=step)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current


def business_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Count the working days (Monday to Friday) from start up to, but not including, end.

    Example: business_days_between(date(2024, 5, 27), date(2024, 6, 3))  # 5
    """
    count = 0
    current = start
    while current < end:
        if current.weekday() < 5 and current not in holidays:
            count += 1
        current += timedelta(days=1)
    return count


def age_from_birthday(birthday: date, today: date | None = None) -> int:
    """Work out a person's age in whole years from their date of birth.

    Example: age_from_birthday(date(1990, 6, 15), today=date(2024, 6, 14))  # 33
    """
    today = today or date.today()
    before_birthday = (today.month, today.day) < (birthday.month, birthday.day)
    return today.year - birthday.year - before_birthday


def is_leap_year(year: int) -> bool:
    """Check whether a year is a leap year in the Gregorian calendar.

    Example: is_leap_year(2024)  # True; is_leap_year(1900)  # False
    """
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def start_of_week(day: date, first_weekday: int = 0) -> date:
    """Return the first day of the week a date falls in (Monday by default, 6 for Sunday).

    Example: start_of_week(date(2024, 5, 31))  # date(2024, 5, 27)
    """
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def end_of_week(day: date, first_weekday: int = 0) -> date:
    """Return the last day of the week a date falls in (Sunday when weeks start on Monday).

    Example: end_of_week(date(2024, 5, 29))  # date(2024, 6, 2)
    """
    return day + timedelta(days=6 - (day.weekday() - first_weekday) % 7)


def month_range(year: int, month: int) -> tuple[date, date]:
    """Return the first and last day of a month.

    Example: month_range(2024, 2)  # (date(2024, 2, 1), date(2024, 2, 29))
    """
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last_day)


def add_months(day: date, months: int) -> date:
    """Add a number of months to a date, moving to the month's last day when needed (Jan 31 + 1).

    Example: add_months(date(2024, 1, 31), 1)  # date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last_day))


def next_weekday(day: date, weekday: int | str) -> date:
    """Return the next given weekday strictly after a date, e.g. the next Friday.

    Example: next_weekday(date(2024, 5, 31), "monday")  # date(2024, 6, 3)
    """
    if isinstance(weekday, str):
        names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        weekday = names.index(weekday.strip().lower())
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def iso_week_number(day: date) -> int:
    """Return the ISO 8601 week number (1 to 53) of a date.

    Example: iso_week_number(date(2024, 12, 30))  # 1 (it belongs to 2025's first week)
    """
    return day.isocalendar().week


def quarter_of(day: date) -> int:
    """Return the calendar quarter (1 to 4) that a date falls in.

    Example: quarter_of(date(2024, 8, 15))  # 3
    """
    return (day.month - 1) // 3 + 1


def to_unix_timestamp(moment: datetime) -> float:
    """Convert a datetime to a Unix timestamp in seconds; a naive datetime is taken as UTC.

    Example: to_unix_timestamp(datetime(2024, 1, 1))  # 1704067200.0
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def from_unix_timestamp(seconds: float, tz: tzinfo = UTC) -> datetime:
    """Convert a Unix timestamp in seconds into a timezone-aware datetime (UTC by default).

    Example: from_unix_timestamp(1704067200)  # datetime(2024, 1, 1, 0, 0, tzinfo=UTC)
    """
    return datetime.fromtimestamp(seconds, tz=tz)


def convert_timezone(moment: datetime, tz_name: str) -> datetime:
    """Convert a datetime to another time zone by its IANA name; a naive datetime is taken as UTC.

    Example: convert_timezone(datetime(2024, 7, 1, 12, tzinfo=UTC), "Europe/Paris")  # 14:00+02:00
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(tz_name))


def local_to_utc(moment: datetime, tz_name: str) -> datetime:
    """Treat a naive datetime as wall-clock time in a time zone and convert it to UTC.

    Example: local_to_utc(datetime(2024, 1, 15, 9, 0), "Europe/Paris")  # 08:00 UTC
    """
    return moment.replace(tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def time_ago(moment: datetime, now: datetime | None = None) -> str:
    """Describe a moment relative to now in words, like "5 minutes ago" or "in 2 days".

    Example: time_ago(datetime.now(UTC) - timedelta(hours=3))  # '3 hours ago'
    """
    now = now or datetime.now(moment.tzinfo)
    seconds = int((now - moment).total_seconds())
    if abs(seconds) < 10:
        return "just now"
    units = [
        ("year", 365 * 86400),
        ("month", 30 * 86400),
        ("week", 7 * 86400),
        ("day", 86400),
        ("hour", 3600),
        ("minute", 60),
        ("second", 1),
    ]
    name, size = next((name, size) for name, size in units if abs(seconds) >= size)
    count = abs(seconds) // size
    label = f"{count} {name}{'' if count == 1 else 's'}"
    return f"{label} ago" if seconds > 0 else f"in {label}"


def parse_duration(text: str) -> timedelta:
    """Parse a duration such as "1h30m", "2d 4h" or "90 seconds" into a timedelta.

    Example: parse_duration("1h 30m").total_seconds()  # 5400.0
    """
    units = r"weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s"
    pattern = rf"\s*(\d+(?:\.\d+)?)\s*({units})\s*"
    if not text.strip() or not re.fullmatch(rf"(?:{pattern})+", text.lower()):
        raise ValueError(f"not a duration: {text!r}")
    seconds_per = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
    total = sum(
        float(amount) * seconds_per[unit[0]] for amount, unit in re.findall(pattern, text.lower())
    )
    return timedelta(seconds=total)


def format_duration(seconds: float) -> str:
    """Format a number of seconds as a short duration such as "1d 2h 5m 10s".

    Example: format_duration(3725)  # '1h 2m 5s'
    """
    remaining = round(abs(seconds))
    parts = []
    for suffix, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, remaining = divmod(remaining, size)
        if amount:
            parts.append(f"{amount}{suffix}")
    text = " ".join(parts) or "0s"
    return f"-{text}" if seconds < 0 and parts else text
