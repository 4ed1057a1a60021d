from coach.fields import parse_duration


def test_durations_in_hours_and_minutes_or_as_a_clock():
    assert parse_duration("1h30m") == 90
    assert parse_duration("45m") == 45
    assert parse_duration("1:30") == 90
    assert parse_duration("2 hours") == 120
    assert parse_duration(90) == 90
