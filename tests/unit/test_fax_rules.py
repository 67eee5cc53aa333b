"""Horizontal rules a fax lost, put back from dashes and from the ends of the verticals."""

from __future__ import annotations

from extractor.sources.fax_rules import with_lost_rules
from extractor.sources.grid import Rule


def _verticals(xs: list[int], top: int, bottom: int) -> list[Rule]:
    return [Rule(x, top, x + 2, bottom) for x in xs]


COLUMNS = [100, 400, 700, 1000, 1300, 1600]


def _horizontal_at(rules: list[Rule], y: int) -> list[Rule]:
    return [r for r in rules if r.x1 - r.x0 > r.bottom - r.top and r.top <= y <= r.bottom]


def test_dashes_reaching_across_the_table_are_one_rule_across_it() -> None:
    dashes = [Rule(x, 500, x + 120, 502) for x in range(150, 1550, 240)]  # half inked
    rules = with_lost_rules([*_verticals(COLUMNS, 300, 900), *dashes])
    joined = [r for r in _horizontal_at(rules, 501) if r.x1 - r.x0 > 1000]
    assert len(joined) == 1
    assert (joined[0].x0, joined[0].x1) == (101, 1601)  # the frame, side to side
    assert all(d in rules for d in dashes)  # kept: blanked out before reading


def test_a_second_level_header_rule_stays_as_found() -> None:
    sub = Rule(700, 400, 1300, 402)  # spans two columns of six
    rules = with_lost_rules([*_verticals(COLUMNS, 300, 900), Rule(100, 300, 1602, 302), sub])
    assert _horizontal_at(rules, 401) == [sub]


def test_the_lost_frame_of_a_table_is_drawn_where_its_verticals_start_and_end() -> None:
    bottom_rule = Rule(100, 899, 1602, 901)
    rules = with_lost_rules([*_verticals(COLUMNS, 300, 900), bottom_rule])
    top = _horizontal_at(rules, 300)
    assert len(top) == 1 and (top[0].x0, top[0].x1) == (100, 1602)
    assert _horizontal_at(rules, 900) == [bottom_rule]  # found already: nothing added


def test_three_verticals_ending_together_are_no_frame() -> None:
    rules = _verticals(COLUMNS[:3], 300, 900)
    assert with_lost_rules(rules) == rules
