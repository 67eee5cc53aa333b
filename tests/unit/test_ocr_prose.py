"""Running text read by OCR (footnotes, remarks, signature names) with its lookalike
marks put back, and text that reads right left alone."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from extractor.layout.ocr_prose import (
    amounts_alike,
    changed_words,
    phrases_alike,
    ranges_alike,
    repaired_note,
    repaired_signature,
    repaired_words,
    respelt,
    vocabulary,
)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        # a decimal point read as a comma or colon, its twin in the range read right
        ("from $2,345,010 to $2,345.990, in all.", "from $2,345.010 to $2,345.990, in all."),
        ("from $2,345.010 to $2,345:990.", "from $2,345.010 to $2,345.990."),
        ("from $345,100 to $346.090.", "from $345.100 to $346.090."),
        # a comma before four digits groups nothing
        ("a rate of 31,7215 units", "a rate of 31.7215 units"),
        ("fees of $12,345 67 for service", "fees of $12,345.67 for service"),  # point lost
    ],
)
def test_amounts_written_alike(read: str, meant: str) -> None:
    assert amounts_alike(read) == meant


@pytest.mark.parametrize(
    "text",
    [
        "from $2,345,010 to $2,345,990.",  # both grouped: nothing tells otherwise
        "paid $1,250.00 and $7,500 in cash.",  # other shapes
        "dated March 4,2019 and",  # a date whose space was lost
    ],
)
def test_amounts_left_alone(text: str) -> None:
    assert amounts_alike(text) == text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("held by the. Zorblat Fund", "held by the Zorblat Fund"),  # stop after "the"
        ("the zorbs. were sold", "the zorbs were sold"),  # stop inside a sentence
        ("Column 4 is.a zorb", "Column 4 is a zorb"),  # words glued by a speck
        ("the zorbs.of the fund", "the zorbs of the fund"),
        ("ranging from.$5.10", "ranging from $5.10"),
        ("zorbs sold'at each", "zorbs sold at each"),  # glued by an apostrophe
        ("a 'quibbly right", "a quibbly right"),  # speck before a word
        ("Quux Fund, L..P. and", "Quux Fund, L.P. and"),  # initials' stops
        ("Quux Fund, L P. and", "Quux Fund, L.P. and"),
        ("Quux Fund, L. P, which", "Quux Fund, L.P., which"),
        ("Quux Capital X11, LLC", "Quux Capital XII, LLC"),  # roman numeral's bars
        ("Quux Growth Vil Fund, L.P.", "Quux Growth VII Fund, L.P."),  # an "i" among them
        ("Quux Growth Vli Fund", "Quux Growth VII Fund"),
        ("Director Xi Zorb", "Director Xi Zorb"),  # a small "i" alone: a name
        ("Quux Partners XH, LLC", "Quux Partners XII, LLC"),
        ("by Quux If GP", "by Quux II GP"),  # "II" read "If"
        ("In addition, (ij, each", "In addition, (i) each"),
        ("or {y) the date", "or (y) the date"),
        ('Unit ("ZRB" ) is', 'Unit ("ZRB") is'),
        ("Class B B Common", "Class B Common"),
        ("Class ACommon Stock", "Class A Common Stock"),
        ("Quux, Inc,, any", "Quux, Inc., any"),
        ("Quux, Inc.,.any", "Quux, Inc., any"),
        ("Quux Fund | Management", "Quux Fund I Management"),
        ("for purposes Of Rule 9", "for purposes of Rule 9"),  # "O" read large
        ("the zorb ts a fund", "the zorb is a fund"),  # two letters, one lookalike word
        ("undertakes t6 provide", "undertakes to provide"),
        ("the zorbé sold", "the zorbe sold"),  # an accent OCR added
        ("the zorb poli¢y", "the zorb policy"),
        ('Fund, L.P.(""ZRB")', 'Fund, L.P.("ZRB")'),
    ],
)
def test_repaired_words(read: str, meant: str) -> None:
    assert repaired_words(read) == meant


@pytest.mark.parametrize(
    "text",
    [
        "If the zorbs vest, the fund pays.",
        "Paid by J. P. Quuxley, etc. and others.",
        "See www.example.com for the plan.",
        "The zorb's owner can't sell; they're held.",
        "Series A B, and C.",
        "Quux Fund II, L.P. and Quux Fund V1.0 model.",
        'Quux "Security Ownership Of Zorbs" form.',  # a heading keeps its capitals
        "the zorb ot a fund.",  # "or" and "of" alike: left
        "the Quux Fund In Trust for Zorbs.",  # a name in capitals keeps its words
        "held In Trust. In addition, the fund.",
        "paid on March 3 of 2011.",  # no year right after the day
    ],
)
def test_right_text_stays(text: str) -> None:
    assert repaired_note(text) == text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("a weighted price, These zorbs vest.", "a weighted price. These zorbs vest."),
        ('LLC ("Zorb"), The reporting person.', 'LLC ("Zorb"). The reporting person.'),
        ("for any other purposes,", "for any other purposes."),  # final stop as comma
        ("for any other purposes", "for any other purposes."),  # final stop lost
        ("holder of the Issuer. -", "holder of the Issuer."),  # marks below the text
        ("for any other purposes. - 2", "for any other purposes."),
        ("for any other purposes. - (2).", "for any other purposes."),  # read as a marker
        ("set forth in this zorbnote:", "set forth in this zorbnote."),
        ('held by Zorb LLC ("Zorb")', 'held by Zorb LLC ("Zorb").'),
        ("at any time The option vests.", "at any time. The option vests."),
        ('LP ("Zorb"), The Quux Person owns.', 'LP ("Zorb"). The Quux Person owns.'),
        ('Trust ("Zorb"), Mr. Quux owns.', 'Trust ("Zorb"). Mr. Quux owns.'),
        ("Fund, LLC Each of the zorbs.", "Fund, LLC. Each of the zorbs."),
        ("", ""),
        ("the trading policy: The plan vests.", "the trading policy. The plan vests."),
        ("""LLC ("Zorb") 'The Quux Person owns.""", 'LLC ("Zorb"). The Quux Person owns.'),
        # a stop lost before a sentence opened by a word English writes small inside one
        ("the zorb stock In addition, each vests.", "the zorb stock. In addition, each vests."),
        ("held by the fund As a result the zorbs", "held by the fund. As a result the zorbs."),
        ("upon (i) a sale and.(ii) a gift", "upon (i) a sale and (ii) a gift."),
        # the comma after a date's day lost
        ("a trust dated March 3 2011 for which", "a trust dated March 3, 2011 for which."),
        # the stop after a term defined in brackets lost before the next sentence
        ('of Zorb LLC ("Zorb") Zorb is the partner', 'of Zorb LLC ("Zorb"). Zorb is the partner.'),
        # a comma and its space read as one low stroke between words
        ("the Zorb Commission_upon request", "the Zorb Commission, upon request."),
    ],
)
def test_repaired_note_sentences(read: str, meant: str) -> None:
    assert repaired_note(read) == meant


def test_a_name_in_capitals_after_a_comma_keeps_it() -> None:
    text = "held by Quux Fund, LP, The Zorb Fund, LP and others."
    assert repaired_note(text) == text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("/s/ Jane Quux. Attorney-in-Fact", "/s/ Jane Quux, Attorney-in-Fact"),
        ("'/s/ Jane Quux", "/s/ Jane Quux"),
        ("/s/ Jane Q. Quux, Zorb Inc. Attorney", "/s/ Jane Q. Quux, Zorb Inc. Attorney"),
        # the name's stop before a part in small letters is its comma
        ("/s/ Jane Quux. attorney-in-fact", "/s/ Jane Quux, attorney-in-fact"),
        # a middle initial's stop lost (65 of 68 signatures' initials in the corpus carry one)
        ("Pat Roe, attorney-in-fact for Jane Q Quux", "Pat Roe, attorney-in-fact for Jane Q. Quux"),
        # a letter naming a fund or a class, or a roman one, is no initial
        ("/s/ Jane Quux, for Zorb Fund A Partners", "/s/ Jane Quux, for Zorb Fund A Partners"),
        ("/s/ Jane Quux, for Zorb Fund I LP", "/s/ Jane Quux, for Zorb Fund I LP"),
        ("/s/ Jane Quux, for Zorb Fund V Holdings", "/s/ Jane Quux, for Zorb Fund V Holdings"),
    ],
)
def test_repaired_signature(read: str, meant: str) -> None:
    assert repaired_signature(read) == meant


def _seen(*pairs: tuple[str, int]) -> Counter[str]:
    return Counter(dict(pairs))


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("the zarbe persen", "the zarbe person"),  # e for o
        ("the Persen", "the Person"),  # the capital kept
        ("the zarbé", "the zarbe"),  # an accent OCR added
        ("the zarmle", "the zarnle"),  # m for n
        ("the zarnqe", "the zarmqe"),  # rn for m
        ("tie zarbe", "the zarbe"),  # three letters: seen very often
    ],
)
def test_respelt_from_the_filing_words(read: str, meant: str) -> None:
    seen = _seen(("person", 5), ("zarbe", 4), ("zarnle", 3), ("zarmqe", 3), ("the", 12))
    assert respelt(read, seen + vocabulary([read]), frozenset()) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the person",  # read as printed
        "a persen",  # the lookalike seen too seldom
        "the ZARBO",  # capitals: an acronym
        "tie it",  # three letters: the lookalike not seen often enough
    ],
)
def test_respelt_leaves_words_alone(text: str) -> None:
    seen = _seen(("person", 2), ("zarbe", 9), ("the", 4))
    assert respelt(text, seen + vocabulary([text]), frozenset()) == text


# An invented lexicon: the words of a language the filing need not repeat.
_LEXICON = frozenset(
    ["the", "of", "zorbit", "glont", "glcnt", "quandle", "in", "tent", "plonk", "plank"]
)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("the zotbit", "the zorbit"),  # t for r: the one lookalike in the lexicon
        ("the quaudle", "the quandle"),  # u for n
        ("the zarbit", "the zorbit"),  # a for o
        ("the zor bit of", "the zorbit of"),  # split in two, neither part a word
        ("of the zor bit", "of the zorbit"),  # its first part also ends a word pair
    ],
)
def test_respelt_from_the_lexicon(read: str, meant: str) -> None:
    assert respelt(read, vocabulary([read]), _LEXICON) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the zorbit",  # a word of the lexicon
        "the plank",  # a word, though its "a" may be an "o"
        "the glent",  # two lookalikes in the lexicon, neither seen in the filing
        "the Zotbit",  # a capital: a name, perhaps
        "in tent",  # two words of their own
        "the zxrbit",  # no lookalike is a word
    ],
)
def test_respelt_from_the_lexicon_leaves_words_alone(text: str) -> None:
    assert respelt(text, vocabulary([text]), _LEXICON) == text


def test_respelt_puts_a_capital_read_onto_the_letter_before_back() -> None:
    seen = vocabulary(["the Class B Zorbit", "a zorbit", "the Zorbit", "the Class AZ orbit"])
    got = respelt("the Class AZ orbit", seen, _LEXICON)
    assert got == "the Class A Zorbit"


def test_respelt_leaves_a_capital_pair_before_a_word_alone() -> None:
    text = "the AZ tent and the AZ orbit"  # "tent" a word; "Zorbit" never printed
    assert respelt(text, vocabulary([text]), _LEXICON) == text


def test_respelt_two_lexicon_lookalikes_the_filing_prints_more() -> None:
    seen = vocabulary(["the glont", "glont", "the glent"])
    assert respelt("the glent", seen, _LEXICON) == "the glont"


def test_regression_price_range_decimal_point_read_as_comma() -> None:
    """One bound of a price range read "$d,ddd,ddd" beside its twin "$d,ddd.ddd": every
    footnote of a long sale list was lost."""
    read = "prices ranging from $4,321,050 to $4,321.990, inclusive."
    assert repaired_note(read) == "prices ranging from $4,321.050 to $4,321.990, inclusive."


def test_regression_signature_comma_read_as_stop() -> None:
    """ "/s/ Name, Attorney-in-Fact" read with a stop lost a third of scanned signatures."""
    assert repaired_signature("/s/ Zed Quux. Attorney-in-Fact") == "/s/ Zed Quux, Attorney-in-Fact"


def test_regression_footnote_end_stop_lost_or_read_as_comma() -> None:
    assert repaired_note("vests on the date of grant") == "vests on the date of grant."
    assert repaired_note("has no expiry date,") == "has no expiry date."


def test_regression_stray_stop_inside_a_sentence() -> None:
    read = "These zorbs. were sold by the. Quux Fund."
    assert repaired_note(read) == "These zorbs were sold by the Quux Fund."


def test_regression_limited_partnership_initials() -> None:
    read = "Quux Fund, L..P., Quux Partners X11, L P. and Quux Fund If LP."
    assert repaired_note(read) == "Quux Fund, L.P., Quux Partners XII, L.P. and Quux Fund II LP."


def test_regression_one_off_misreading_of_a_repeated_word() -> None:
    seen = vocabulary(["the zarbnote says"] * 4 + ["this zarbmote"])
    assert respelt("set forth in this zarbmote.", seen) == "set forth in this zarbnote."


def test_respelt_joins_a_word_split_in_two() -> None:
    seen = vocabulary(["zorbable"] * 3 + ["sold at each zorb able price"])
    assert respelt("at each zorb able price", seen) == "at each zorbable price"


def test_respelt_joins_a_split_word_with_a_letter_read_twice() -> None:
    seen = vocabulary(["Zorbities"] * 3 + ["the Zorbi ities"])
    assert respelt("the Zorbi ities", seen) == "the Zorbities"


def test_respelt_keeps_two_words_the_filing_prints_apart() -> None:
    seen = vocabulary(["zorbable"] * 3 + ["zorb able"] * 3)
    assert respelt("a zorb able price", seen) == "a zorb able price"


def test_phrases_alike_puts_back_the_filings_usual_mark() -> None:
    texts = ["any zorb holder of Quux, Inc. or the staff."] * 3
    texts += ["any, zorb holder of Quux, Inc, or the staff."]
    assert phrases_alike(texts)[-1] == "any zorb holder of Quux, Inc. or the staff."
    assert phrases_alike(texts)[:3] == texts[:3]


@pytest.mark.parametrize(
    "read", ["Quux, Inc any zorb", "Quux, Inc. any zorb", "Quux, Inc, any zorb"]
)
def test_phrases_alike_puts_back_an_abbreviations_stop_and_comma(read: str) -> None:
    texts = ["to provide Quux, Inc., any zorb holder."] * 3 + [f"to provide {read} holder."]
    assert phrases_alike(texts)[-1] == "to provide Quux, Inc., any zorb holder."


def test_phrases_alike_leaves_a_stop_before_a_capital_without_its_comma() -> None:
    # the filer's own stop: "Fund (Q), L.P. Zorb Capital" among many "L.P., Zorb"
    texts = ["of Zorb Fund, L.P., Zorb Capital"] * 3 + ["of Zorb Fund (Q), L.P. Zorb Capital"]
    assert phrases_alike(texts)[-1] == texts[-1]


def test_phrases_alike_leaves_a_mark_seen_too_seldom() -> None:
    texts = ["the zorb, holder.", "the zorb holder.", "the zorb holder."]
    assert phrases_alike(texts) == texts


def test_regression_sentence_stop_read_as_comma() -> None:
    """ "average price. These shares" read "price, These shares" lost a footnote of each
    sale in a long list."""
    read = "a weighted average zorb, These zorbs were sold."
    assert repaired_note(read) == "a weighted average zorb. These zorbs were sold."


def test_regression_words_glued_by_a_speck() -> None:
    read = "Column 9 is.a zorb. The zorbs.of the fund sold'at each price."
    assert repaired_note(read) == "Column 9 is a zorb. The zorbs of the fund sold at each price."


def test_regression_accent_on_an_english_word() -> None:
    assert repaired_note("the number of zorbés sold") == "the number of zorbes sold."


def test_regression_decimal_point_lost_between_dollars_and_cents() -> None:
    assert repaired_note("fees of $31,245 75 for service") == "fees of $31,245.75 for service."


def test_english_words_come_from_the_ocr_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract's word list, unpacked once and then read from the cache folder."""
    from extractor.sources import lexicon, ocr

    if ocr.tessdata_dir() is None or shutil.which("dawg2wordlist") is None:
        pytest.skip("Tesseract's model or tools are not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon.english_words.cache_clear()
    words = lexicon.english_words()
    assert all(w in words for w in ("the", "footnote", "beneficial"))
    assert "becauze" not in words  # no misspelling
    assert list((tmp_path / "form4").glob("words-*.txt"))
    lexicon.english_words.cache_clear()
    again = lexicon.english_words()  # the second time from the cache file
    assert again is not words and list(again) == list(words)
    lexicon.english_words.cache_clear()


@pytest.mark.parametrize(
    "read",
    ["A RULE 10B5: 1 PLAN", "a Rule 10b5 1 plan", "a Rule 10b5- 1 plan", "a Rule 10b5-1 plan"],
)
def test_the_rule_name_keeps_its_hyphen(read: str) -> None:
    assert repaired_words(read).lower() == "a rule 10b5-1 plan"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("/s/ Jane Roe, by_power of attorney", "/s/ Jane Roe, by power of attorney"),
        ("/s/ Jane Roe on behalf ~ of John Doe", "/s/ Jane Roe on behalf of John Doe"),
        ("Jane Q. Roe_Attorney-in-fact for X", "Jane Q. Roe, Attorney-in-fact for X"),
    ],
)
def test_signature_specks_between_words(read: str, meant: str) -> None:
    assert repaired_signature(read) == meant


@pytest.mark.parametrize("mark", [",", "."])
def test_signature_comma_after_a_preposition_is_a_speck(mark: str) -> None:
    read = f"By: Jane Roe by{mark} Power of Attorney For: John Doe"
    assert repaired_signature(read) == "By: Jane Roe by Power of Attorney For: John Doe"
    assert repaired_signature("Jane Roe, for John Doe") == "Jane Roe, for John Doe"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("to the reporting person s broker", "to the reporting person's broker"),
        ("the Example Company s stock.", "the Example Company's stock."),
        ("the persons' shares", "the persons' shares"),
        ("plan (s) of the", "plan (s) of the"),
        ("for which Mr, Roe is a trustee", "for which Mr. Roe is a trustee"),
    ],
)
def test_a_possessive_whose_apostrophe_was_lost(read: str, meant: str) -> None:
    assert repaired_words(read) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("the cuarbel", "the quarbel"),  # a letter changed that no lookalike lists
        ("the quarbell", "the quarbel"),  # a letter added
        ("the Quabel", "the Quarbel"),  # a letter lost; the capital kept
        ("the bolster", "the holster"),  # "b" for "h", a word of the filing's
    ],
)
def test_respelt_one_letter_off_a_word_the_filing_prints_often(read: str, meant: str) -> None:
    seen = _seen(("quarbel", 6), ("holster", 6), ("the", 12))
    assert respelt(read, seen + vocabulary([read]), frozenset(["the", "bolster"])) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the quarbex",  # the filing word seen too seldom (below)
        "the Zarbo",  # too short to tell
        "the zarbex",  # two filing words a letter off
        "the quarbep",  # a word of the lexicon
    ],
)
def test_respelt_one_letter_off_leaves_words_alone(text: str) -> None:
    seen = _seen(("quarbel", 2), ("zarbo", 9), ("zarbel", 6), ("zarbes", 6))
    lexicon = frozenset(["the", "quarbep"])
    assert respelt(text, seen + vocabulary([text]), lexicon) == text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("the Zarbiccian", "the Zarbission"),  # "s" closed into "c" twice, "o" opened
        ("the trancactians", "the transactions"),  # in a word printed once
        ("the wansactions", "the transactions"),  # "tr" run into a "w"
        ("the zarbicciun", "the zarbissiun"),  # the nearer of two lookalike words
    ],
)
def test_respelt_a_word_blurred_alike_in_every_note(read: str, meant: str) -> None:
    # the misreading is as frequent as the word, so no count tells them apart
    seen = _seen(("zarbission", 6), ("zarbiccian", 6), ("transactions", 1), ("zarbissiun", 1))
    seen["zarbicciun"] = 4
    lexicon = frozenset(["the", "zarbission", "transactions", "zarbissiun"])
    assert respelt(read, seen + vocabulary([read]), lexicon) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("the zarbiscinn", "the zarbission"),  # a letter no lookalike: a frequent word
        ("the Zarbiccinn", "the Zarbission"),  # a letter off the usual misreading
    ],
)
def test_respelt_a_word_misread_in_varied_ways(read: str, meant: str) -> None:
    seen = _seen(("zarbission", 6), ("zarbiccian", 6))
    lexicon = frozenset(["the", "zarbission"])
    assert respelt(read, seen + vocabulary([read]), lexicon) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the wading",  # the misreading is a word of its own
        "the zarbitts",  # "t" for "s" is no lookalike
        "the quaccoca",  # four lookalikes in eight letters: too far
        "the plonca",  # two lookalike words as near
        "the zorbc",  # too short to tell
        "the plimbacc",  # the lookalike is no word of the lexicon
        "the blurbacc",  # the lookalike word is not printed in the filing
        "the blorkinp",  # a letter no lookalike, off a word printed once
    ],
)
def test_respelt_blurred_lookalikes_leave_words_alone(text: str) -> None:
    seen = _seen(("trading", 4), ("zarbiss", 4), ("quassese", 5), ("plonsa", 3), ("plonce", 3))
    seen += _seen(("zorbs", 1), ("plimbass", 5), ("blorking", 1))
    lexicon = frozenset(
        ["the", "wading", "trading", "zarbiss", "quassese", "plonsa", "plonce", "blurbass"]
    ) | {"blorking"}
    assert respelt(text, seen + vocabulary([text]), lexicon | {"zorbs"}) == text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        (
            "the zorb holder-of record sold-at $1.50-to $2.",
            "the zorb holder of record sold at $1.50 to $2.",
        ),
        ("the-Zorbits are held.", "the Zorbits are held."),
        ("The price in Column 4 ts a zorb.", "The price in Column 4 is a zorb."),
        ("under a zorbing strategy I.", "under a zorbing strategy."),
        ("described in footnote (2) above. I I.", "described in footnote (2) above."),
    ],
)
def test_repaired_note_specks_read_as_hyphens_bars_and_letters(read: str, meant: str) -> None:
    assert repaired_note(read) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the up-to-date and one-to-one zorbs of an attorney-at-law.",
        "held by Zorb Capital Fund I.",
        "the then-current price.",
    ],
)
def test_repaired_note_keeps_compounds_and_numerals(text: str) -> None:
    assert repaired_note(text) == text


def test_ranges_alike_puts_the_point_back_from_the_filings_other_ranges() -> None:
    usual = "sold at prices ranging from $123.450 to $124.560, inclusive."
    misread = "sold at prices ranging from $125,670 to $126:780, inclusive. Paid $500,000."
    out = ranges_alike([usual, usual, usual, misread])
    assert out[3] == "sold at prices ranging from $125.670 to $126.780, inclusive. Paid $500,000."
    assert out[:3] == [usual] * 3


def test_ranges_alike_leaves_amounts_without_the_filings_evidence() -> None:
    texts = [
        "ranging from $125,670 to $126.780.",
        "ranging from $1,000 to $2,000.",
        "worth $125,670.",
    ]
    assert ranges_alike(texts) == texts


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("made on the Ist anniversary of", "made on the 1st anniversary of"),
        ("vests on the lst day of", "vests on the 1st day of"),
        ("the Ist Zorb Fund", "the Ist Zorb Fund"),  # before a name: not the ordinal
        ("the 1st anniversary", "the 1st anniversary"),
    ],
)
def test_regression_ordinal_one_read_as_a_letter(read: str, meant: str) -> None:
    assert repaired_words(read) == meant


@pytest.mark.parametrize(
    ("read", "taken", "changed"),
    [
        ("at any ume at the option", "at any time at the option", ("ume", "time")),
        ("the tum of a Fund 11", "the turn of a Fund II", ("tum ... 11", "turn ... II")),
        ("the zorbs sold, These zorbs", "the zorbs sold. These zorbs", ("sold,", "sold.")),
        ("as read", "as read", None),
    ],
)
def test_changed_words_name_what_a_repair_changed(
    read: str, taken: str, changed: tuple[str, str] | None
) -> None:
    assert changed_words(read, taken) == changed


def test_the_kept_word_list_answers_as_the_list_does() -> None:
    from extractor.layout.ocr_prose import _KnownWords
    from extractor.sources.lexicon import WordList

    words = WordList(["person", "the", "time"])
    kept = _KnownWords(words)
    for word in ("person", "persen", "time", "ume", "person", 3):
        assert (word in kept) == (word in words)
