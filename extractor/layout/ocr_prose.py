"""Repairs of running text read by OCR: footnotes, remarks and signature names.

A footnote counts only when every character of it is right, and OCR of a grey scan
swaps the marks that differ by a few pixels: a full stop and a comma, a stop and a speck,
"II" and "If". Each rule here undoes one such swap where the written language or the
form's own conventions leave no doubt about what was printed: no sentence carries a
stop after "the", no English word is spelt "X11", and two prices of one range are
written alike. Text that reads right already is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from collections.abc import Set as AbstractSet
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from extractor.model.geometry import Page

if TYPE_CHECKING:
    from extractor.sources.lexicon import WordList

# Small words of English: one glued to its neighbour by a speck is two words ("is.a",
# "sold'at"); after the first few (articles, conjunctions), which never end a sentence or
# an abbreviation, a stop is a speck ("the. Securities").
_FUNCTION = "the|a|an|of|to|and|or|by|for|with|from|is|at|as|in|on|upon"
_STOP_AFTER_FUNCTION = re.compile(r"(?<![\w.])(the|a|an|and|or|of|is|to|from|with)\.(?=\s)")
# ... or a speck in place of the space before a list item ("and.(ii)").
_STOP_BEFORE_ITEM = re.compile(r"(?<![\w.])(and|or)\.(?=\((?:i{1,3}|iv|v|[a-d1-9])\))")
_GLUED = re.compile(
    rf"(?<![\w.'’])(?:({_FUNCTION})[.'’]([a-z]+(?![\w.'’])|\$(?=\d))"
    rf"|([a-z]{{2,}})[.'’]({_FUNCTION})(?![\w.'’]))"
)
# Abbreviations of small letters that keep their stop before a small letter.
_ABBREVIATIONS = {"etc", "approx", "incl", "viz", "seq", "esp", "resp", "cf", "vs"}
# A stop between two words of small letters: no sentence starts with a small letter.
_STOP_IN_SENTENCE = re.compile(r"(?<![\w.])([a-z]{3,})\.(?=\s+[a-z])")
# Two words joined by an apostrophe that is no contraction's ("sold'at").
_APOSTROPHE = re.compile(r"(?<![\w'’])([a-z]{2,})['’]([a-z]{2,})(?![\w'’])")
_CONTRACTIONS = {"re", "ve", "ll", "nt"}
# A quote mark glued before a word of small letters or "/s/" with no closing one: a speck.
_OPEN_SPECK = re.compile(r"(?<!\S)['‘’`](?=[a-z]+[,.;:]?(?:\s|$)|/s/)")
# Initials of an abbreviation ("L.P.", "U.S.") whose first stop OCR lost or doubled,
# or whose last stop it read as a comma after a kept first one ("L. P,").
_INITIALS = re.compile(r"(?<![\w.])([A-Z])(\.\.|\.? )([A-Z])([.,])(?=[\s,;)]|$)")
# A roman numeral after a name, its bars read as digits or an "l" ("Fund X11"), or two
# bars read as an "H" ("Fund XH"); a small "i" among them too ("Growth Vil"), though not
# alone ("Xi" is a name).
_ROMAN_BARS = re.compile(r"(?<![\w.])([XV][XVI]*)([1il|]*[1l|][1il|]*)([XVI]*)(?=[,.;:)]?(?:\s|$))")
# ... or two bars run together at their feet read as a "U" ("Fund XU").
_ROMAN_TWO = re.compile(r"(?<![\w.])([XV][XVI]*)[HU](?=[,.;:)]?(?:\s|$))")
# "II" read as "If" inside a name ("by If LP", "Fund If GP"): "If" in the middle of a
# sentence is written small, and nothing printed in capitals follows it.
_IF_FOR_TWO = re.compile(r"(?<=\w )If(?= [A-Z0-9])")
# A roman list item whose ")" OCR read as a "j" ("(ij,"), and a "(" read as "{".
_ITEM_J = re.compile(r"\((i{1,3}|iv|vi{0,3}|ix|x)j,?")
_BRACE = re.compile(r"\{(?=[a-z]{1,4}\))")
# No space comes before a closing bracket.
_SPACE_CLOSE = re.compile(r"(?<=\S) \)")
# A lone capital read twice ("Class B B Common") and "A" glued to a capitalised word.
_DOUBLE_CAPITAL = re.compile(r"(?<![\w.])([A-Z]) \1(?= [A-Z][a-z])")
_A_GLUED = re.compile(r"(?<![\w.])A(?=[A-Z][a-z]{3,}\b)")
# A lone bar between capitalised words is the numeral "I" ("Fund | Management").
_BAR = re.compile(r"(\b[A-Z][a-z]+ )\|(?= [A-Z])")
# "O" and "o" differ in size alone: "Of", "Or", "On" after a word of small letters are
# small (a heading in capitals, "Security Ownership Of", keeps them).
_SMALL_O = re.compile(r"(?<![\w'’-])([a-z]+ )O(?=[frn] )")
# English words of two small letters: another pair of letters is a lookalike of one
# ("ts" for "is", "t6" for "to") when it is a lookalike of that one only.
_TWO_LETTER_WORDS = frozenset(
    [
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)
_TWO_LETTERS = re.compile(r"(?<=[a-z0-9,] )([a-z0-9]{2})(?= [a-z])")
# A speck read as a hyphen joining a word to the small word after it ("holder-of",
# "sold-at", "$1.50-to"), or "the" to the word it goes with ("the-Securities"); a
# compound goes on with a hyphen of its own ("up-to-date", "attorney-at-law").
_HYPHEN_BEFORE_SMALL = re.compile(r"(?<=[a-z0-9])-(to|at|of|the|and|or|with|from)(?=[\s,.;:)]|$)")
_HYPHEN_AFTER_THE = re.compile(r"(?<![\w-])([Tt]he)-(?=[A-Za-z]+(?:[\s,.;:)]|$))")
# A quote mark read twice ('(""Zorb")').
_DOUBLE_QUOTE = re.compile(r'(?<!")""(?=\w)')
# A stop read as a comma twice over ("Inc,,").
_DOUBLE_COMMA = re.compile(r"(?<=[A-Za-z]),,")


def changed_words(read: str, taken: str) -> tuple[str, str] | None:
    """The words a repair of prose changed, read and taken, each run joined by " ... "
    ("ume ... tum", "time ... turn"); None when it changed nothing. A reviewer sees what
    was put back without comparing two long notes."""
    a, b = read.split(), taken.split()
    runs = [
        (" ".join(a[i0:i1]), " ".join(b[j0:j1]))
        for tag, i0, i1, j0, j1 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    if not runs:
        return None
    return " ... ".join(r for r, _ in runs), " ... ".join(t for _, t in runs)


def repaired_words(text: str) -> str:
    """`text` with the word-level misreadings above put back (any free text)."""
    for fix in _WORD_FIXES:
        text = fix(text)
    return amounts_alike(text)


def roman_numerals(text: str) -> str:
    """`text` with the roman numerals after a name put back where OCR read their bars
    as digits, an "l", an "H" or a "U" ("Fund X11", "Fund XU" -> "Fund XII")."""
    return _ROMAN_TWO.sub(r"\1II", _ROMAN_BARS.sub(_roman, text))


def _sub(
    pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
) -> Callable[[str], str]:
    return lambda text: pattern.sub(repl, text)


def _unglued(m: re.Match[str]) -> str:
    left, right = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return f"{left} {right}"


def _unstopped(m: re.Match[str]) -> str:
    word = m.group(1)
    return word + "." if word in _ABBREVIATIONS else word


def _unquoted(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    return m.group(0) if right in _CONTRACTIONS else f"{left} {right}"


def _initials(m: re.Match[str]) -> str:
    first, gap, second, end = m.groups()
    # "A B," may be two letters of a list, "J. P. Morgan" initials of a name
    if (end == ",") != (gap == ". "):
        return m.group(0)
    return f"{first}.{second}." + ("," if end == "," else "")


def _roman(m: re.Match[str]) -> str:
    return m.group(1) + "I" * len(m.group(2)) + m.group(3)


# The name of Rule 10b5-1 with its hyphen read as a colon or a space ("10B5: 1").
_RULE_HYPHEN = re.compile(r"(?<![\w-])(10[bB]5)(?:\s*[:;.,]\s*|\s+|-\s+|\s+-\s*)1(?![\w-])")

# A possessive whose apostrophe OCR lost, its "s" left as a word ("the person s
# interest"): no word of English is a lone small "s".
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z]) s(?=[ ,.;:)])")

# A title before a name with its stop read as a comma ("Mr, Roe").
_TITLE_COMMA = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Dr),(?= [A-Z])")

# The ordinal "1st" with its digit read as a capital I or a small l ("on the Ist
# anniversary"): no word of English is "Ist" or "lst".
_ORDINAL_ONE = re.compile(r"(?<![\w.])[Il](?=st [a-z])")

_WORD_FIXES: list[Callable[[str], str]] = [
    _sub(_ORDINAL_ONE, "1"),
    _sub(_RULE_HYPHEN, r"\1-1"),
    _sub(_LOST_APOSTROPHE, "'s"),
    _sub(_TITLE_COMMA, r"\1."),
    _sub(_DOUBLE_COMMA, ".,"),
    _sub(_DOUBLE_QUOTE, '"'),
    _sub(re.compile(r"\.,\.(?=[a-z])"), "., "),
    _sub(_GLUED, _unglued),
    _sub(_APOSTROPHE, _unquoted),
    _sub(_OPEN_SPECK, ""),
    _sub(_STOP_AFTER_FUNCTION, r"\1"),
    _sub(_STOP_BEFORE_ITEM, r"\1 "),
    _sub(_STOP_IN_SENTENCE, _unstopped),
    _sub(_INITIALS, _initials),
    roman_numerals,
    _sub(_IF_FOR_TWO, "II"),
    _sub(_ITEM_J, r"(\1)"),
    _sub(_BRACE, "("),
    _sub(_SPACE_CLOSE, ")"),
    _sub(_DOUBLE_CAPITAL, r"\1"),
    _sub(_A_GLUED, "A "),
    _sub(_BAR, r"\1I"),
    _sub(_SMALL_O, r"\1o"),
    _sub(_TWO_LETTERS, lambda m: _two_letters(m.group(1))),
    _sub(_HYPHEN_BEFORE_SMALL, r" \1"),
    _sub(_HYPHEN_AFTER_THE, r"\1 "),
    _sub(re.compile(r"[\u00c0-\u00ff]"), lambda m: _plain(m.group(0))),
    _sub(re.compile(r"(?<=[a-z])¢|¢(?=[a-z])"), "c"),
]


def _two_letters(pair: str) -> str:
    if pair in _TWO_LETTER_WORDS or pair.isdigit():
        return pair
    words = {v for v in _variants(pair) if v in _TWO_LETTER_WORDS}
    return words.pop() if len(words) == 1 else pair


def _plain(letter: str) -> str:
    """An accented letter without its accent ("é" -> "e"): EDGAR's text is ASCII, and OCR
    puts accents on letters of English words ("sharés")."""
    base = unicodedata.normalize("NFKD", letter)[0]
    return base if base.isascii() and base.isalpha() else letter


# An amount with a separator before its last digits: "$1,060.140", "$1,060,140".
_AMOUNT = re.compile(r"\$(\d{1,3}(?:,\d{3})*)([.,:])(\d+)(?![\d,.]\d)")
# Cents set apart by a space where the point was lost ("$1,250 50 for").
_CENTS_SPACE = re.compile(r"(\$\d{1,3}(?:,\d{3})*) (\d{2})(?= [A-Za-z])")
# A comma before other than three digits ends no group: it is a decimal point.
_BAD_GROUP = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})*),(\d{4,})(?![\d,.]\d)")


def amounts_alike(text: str) -> str:
    """Amounts of one shape in one text written alike: OCR reads the decimal point of a
    price as a comma or colon far more often than the other way, so when one amount of a
    shape ("$d,ddd?ddd") has a point and another a comma or colon in its place, both
    take the point ("from $1,060,140 to $1,060.990")."""
    text = _CENTS_SPACE.sub(r"\1.\2", _BAD_GROUP.sub(_decimal, text))
    shapes: dict[tuple[int, int], set[str]] = {}
    for m in _AMOUNT.finditer(text):
        shapes.setdefault(_shape(m), set()).add(m.group(2))
    mixed = {k for k, seps in shapes.items() if "." in seps and len(seps) > 1}
    if not mixed:
        return text
    return _AMOUNT.sub(lambda m: _pointed(m) if _shape(m) in mixed else m.group(0), text)


# A price range of a note ("ranging from $959.690 to $960.680"): a filing of many such
# notes writes its ranges' amounts alike.
_RANGE = re.compile(r"(?<=from )\$[\d,.:]+\d(?= to \$)|(?<=\d to )\$[\d,.:]+\d")


def ranges_alike(texts: list[str]) -> list[str]:
    """The notes of one filing with each range amount whose decimal point OCR read as a
    comma or colon ("$959,690") given the point, when the filing's other range amounts
    of that shape print it often (see _SEEN) and far more often than not."""
    seps: dict[tuple[int, int], Counter[str]] = {}
    for text in texts:
        for r in _RANGE.finditer(text):
            for m in _AMOUNT.finditer(r.group(0)):
                seps.setdefault(_shape(m), Counter())[m.group(2)] += 1
    pointed = {k for k, c in seps.items() if c["."] >= max(_SEEN, _SEEN * (c[","] + c[":"]))}

    def fixed(r: re.Match[str]) -> str:
        return _AMOUNT.sub(
            lambda m: _pointed(m) if _shape(m) in pointed else m.group(0), r.group(0)
        )

    return [_RANGE.sub(fixed, text) for text in texts] if pointed else texts


def _decimal(m: re.Match[str]) -> str:
    head, tail = m.groups()
    # "May 4,2021": a date whose space OCR lost, not a decimal
    if len(tail) == 4 and tail[:2] in ("19", "20") and len(head) <= 2:
        return m.group(0)
    return f"{head}.{tail}"


def _shape(m: re.Match[str]) -> tuple[int, int]:
    return len(m.group(1)), len(m.group(3))


def _pointed(m: re.Match[str]) -> str:
    return f"${m.group(1)}.{m.group(3)}"


# A comma, colon or semicolon, or nothing, before a word that only starts a sentence ("price, These
# shares", "at any time The option"): "The" with a small word after it, as a name in
# capitals goes on "The Example Fund"; not after a bracket ("(see Footnote 6) The").
_STARTER = r"(?:The|These|This|Those|Each|Such) (?:[a-z])"
_SENTENCE_COMMA = re.compile(rf"(?<=[A-Za-z\")])[,;:](?= {_STARTER})")
# After a term defined in brackets ('LLC ("Zorb")') a new sentence, not a list of names,
# is what follows a comma with "The" or a title.
_DEFINED_COMMA = re.compile(r'(?<="\)),(?= (?:The|Mr\.|Ms\.|Dr\.) )')
# ... and a term defined in brackets with no mark after it, before a capital, ended a
# sentence whose stop OCR lost ('("Zorb LLC") Zorb LLC is'): a defined term ends its
# clause, and a new clause after it opens with a mark.
_DEFINED_NO_MARK = re.compile(r'(?<="\)) (?=[A-Z])')
_SENTENCE_RUN_ON = re.compile(rf"(?<=[A-Za-z0-9\"]) (?={_STARTER})")
# Words of English written small inside a sentence: one in capitals after a word of small
# letters, with a small word after it, starts a sentence whose stop OCR lost ("capital
# stock In addition, each"); a name or heading in capitals has a capital word before it.
_CLAUSE_STARTER = r"(?:In|On|As|If|Upon|Pursuant|Includes|Represents|Reflects|Consists)"
_LOST_STOP = re.compile(rf"(?<=[a-z]{{2}}) (?={_CLAUSE_STARTER} [a-z])")
# A comma and the space after it read as one low stroke between two words of small
# letters ("Commission_upon request"): a note's prose holds no underscore there.
_COMMA_UNDERSCORE = re.compile(r"(?<=[a-z]{2})_(?=[a-z]{2})")
# A date with the comma after its day lost ("October 27 2009"): EDGAR writes it.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_COMMA = re.compile(rf"\b((?:{_MONTHS}) \d{{1,2}})(?= (?:19|20)\d\d\b)")
# The stop after a closing bracket or quote read as a quote mark of its own ('") 'The').
_SENTENCE_SPECK = re.compile(r"(?<=[\")]) ['‘’`](?=(?:The|These|This|Those|Each|Such) )")
# Marks and a page number below the last line, read into the footnote ("purposes. - 2",
# the number read as a marker: "purposes. - (2)").
_TRAILING_MARKS = re.compile(r"(?<=[.)\"])(?:\s+[-–—~_|]+)+(?:\s+\(?\d{1,2}\)?\.?)?$")
# A rule's stub at the right of the last line read as a capital I or bar ("strategy I.",
# "above. I I."): after a word of small letters no numeral "I" ends a note ("Fund I." has
# its capital).
_TRAILING_BARS = re.compile(r"(?<![A-Za-z])([a-z]+[)\"]?)\.?(?:\s+[I|][.I|]*)+$")


def repaired_note(text: str) -> str:
    """A footnote's text repaired word by word (`repaired_words`) and as sentences: a
    footnote ends with a full stop, which OCR loses or reads as a comma, and no
    sentence of it starts after a comma."""
    text = _TRAILING_BARS.sub(r"\1.", _TRAILING_MARKS.sub("", repaired_words(text)))
    text = _SENTENCE_SPECK.sub(". ", _SENTENCE_COMMA.sub(".", text))
    text = _DEFINED_NO_MARK.sub(". ", _DEFINED_COMMA.sub(".", text))
    text = _SENTENCE_RUN_ON.sub(". ", text)
    text = _DATE_COMMA.sub(r"\1,", _LOST_STOP.sub(". ", text))
    text = _COMMA_UNDERSCORE.sub(", ", text)
    if text.endswith((",", ";", ":")):
        return text[:-1] + "."
    last = text[-1:]
    return text + "." if last and (last.isalnum() or last in ')"') else text


# A name's stop before another word ("Jane Roe. Attorney-in-Fact", "Jane Roe.
# attorney-in-fact"): a signature is one phrase, its parts set off by commas; initials
# and abbreviations keep theirs.
_NAME_STOP = re.compile(r"(?<![\w.])([A-Z][a-z]{2,})\.(?= [A-Za-z])")
# A middle initial between two names whose stop the print's size lost ("Jane Q Roe"):
# a signer's initial carries its stop. Not a roman numeral ("Fund I"), nor before a
# capitals' abbreviation ("Fund V LP"), nor a letter naming a fund or a class ("Fund A
# Partners", "Class B Holdings": `_NAMED_BY_LETTER`).
_BARE_INITIAL = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+) ([A-HJ-UWYZ]) (?=([A-Z][a-z]+))")
# fmt: off
_NAMED_BY_LETTER = frozenset({
    "Fund", "Funds", "Class", "Series", "Plan", "Trust", "Group", "Partners", "Partnership",
    "Capital", "Holdings", "Investors", "Ventures", "Associates", "Company", "Stock", "Units",
    "Preferred", "Common",
})
# fmt: on
_NAME_ABBREVIATIONS = {"Inc", "Ltd", "Corp", "Esq", "Bros", "Assoc", "Dept", "Mrs", "Co"}


# A low speck or a rule's stub between two words of a signature: "by_power",
# "behalf ~ of" (a name holds no underscore, and a lone tilde is no word); before a
# capital it is a comma's tail run into the space ("Roe_Attorney-in-fact": the parts
# of a signature are set off by commas).
_NAME_UNDERSCORE = re.compile(r"(?<=[A-Za-z.,])_(?=[a-z])")
_PART_UNDERSCORE = re.compile(r"(?<=[A-Za-z.])_(?=[A-Z])")
_LONE_TILDE = re.compile(r"(?<=\S) [~_]+(?= \S)")
# A comma or stop after a preposition, before its object ("by, Power of Attorney",
# "by. Power"): a speck.
_PREPOSITION_COMMA = re.compile(r"(?<![\w'])(by|of|for)[,.](?= [A-Za-z])")


def _initial_stopped(m: re.Match[str]) -> str:
    before, letter, after = m.groups()
    if before in _NAMED_BY_LETTER or after in _NAMED_BY_LETTER:
        return m.group(0)
    return f"{before} {letter}. "


def repaired_signature(text: str) -> str:
    """A signature's name repaired word by word and its parts set off by commas."""
    text = _NAME_UNDERSCORE.sub(" ", _PART_UNDERSCORE.sub(", ", repaired_words(text)))
    text = _LONE_TILDE.sub("", text.replace(",_", ", "))
    text = _BARE_INITIAL.sub(_initial_stopped, _PREPOSITION_COMMA.sub(r"\1", text))
    return _NAME_STOP.sub(
        lambda m: m.group(0) if m.group(1) in _NAME_ABBREVIATIONS else m.group(1) + ",", text
    )


# What OCR reads for a letter or two of small print, and what was printed ("rn" for "m").
_LOOKALIKES: dict[str, tuple[str, ...]] = {
    "e": ("o", "c"),
    "o": ("e",),
    "é": ("e",),
    "è": ("e",),
    "i": ("l", "r", "t", "h"),
    "l": ("i", "t"),
    "t": ("l", "i", "r", "f"),
    "r": ("t", "i"),
    "v": ("y",),
    "y": ("v", "u"),
    "k": ("h",),
    "h": ("b", "k"),
    "b": ("h",),
    "q": ("o", "g"),
    "n": ("m", "u", "ri"),
    "m": ("n", "rn", "ni"),
    "u": ("ti", "ii", "n"),
    "c": ("e",),
    "¢": ("c",),
    "6": ("o",),
    "0": ("o",),
    "1": ("l", "i"),
    "rn": ("m",),
    "in": ("m",),
    "ri": ("n",),
    "ii": ("u", "i"),
    "cl": ("d",),
    "li": ("h",),
}
# A word read once is taken for a lookalike the filing prints this many times and this
# many times more often: a filing repeats its wording, an odd reading of it stands alone.
_SEEN = 3
_SHORT_SEEN = 10  # for words of three letters, many of which are real words
_WORD = re.compile(r"[A-Za-z\u00c0-\u00ff¢0-9]+")


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How often each word (in small letters) stands in `texts`."""
    return Counter(w.lower() for t in texts for w in _WORD.findall(t))


def filing_words(pages: Sequence[Page]) -> Counter[str]:
    """The vocabulary of every word on the filing's pages (see `respelt`)."""
    return vocabulary(w.text for p in pages for w in p.words)


def respelt(text: str, seen: Counter[str], lexicon: Container[str] | None = None) -> str:
    """`text` with each word the filing prints nowhere else put back as the lookalike it
    prints often ("persen" -> "person" in a filing full of "person"), and a word OCR
    split in two joined again ("sepa rate"). A word of small letters that is no word of
    the `lexicon` (Tesseract's English words that the system's spelling dictionary holds
    too, by default; see lexicon.prose_words) is put back as its one
    lookalike that is ("pecumary" -> "pecuniary")."""
    words = _english() if lexicon is None else lexicon
    text = _CAPITAL_MOVED.sub(lambda m: _capital_moved(m, seen, words), text)
    text = _rejoined(text, seen, words)
    nearest = _Nearest(seen, words)
    return _WORD.sub(lambda m: _respelt_word(m.group(0), seen, words, nearest), text)


# A word's capital read onto the one-letter word before it ("Class AC ommon Stock" for
# "Class A Common Stock"): the space OCR saw fell one letter late.
_CAPITAL_MOVED = re.compile(r"(?<![\w'’-])([A-Z])([A-Z]) ([a-z]{2,})(?![\w'’-])")


def _capital_moved(m: re.Match[str], seen: Counter[str], lexicon: Container[str]) -> str:
    """The two words of `_CAPITAL_MOVED` with the capital put back on the second, when
    that makes a word the filing prints often and the small letters alone are no word."""
    single, capital, rest = m.groups()
    whole = capital + rest
    if rest in lexicon or seen[whole.lower()] < _SEEN:
        return m.group(0)
    return f"{single} {whole}"


def _english() -> Container[str]:
    # imported here: OCR'd prose only, and the list comes with the OCR model
    from extractor.sources.lexicon import prose_words

    return _remembered(prose_words())


@lru_cache(maxsize=1)
def _remembered(words: WordList) -> _KnownWords:
    """The word list with its answers kept, one for as long as the list is the same."""
    return _KnownWords(words)


class _KnownWords:
    """A word list that keeps its answers: each look-up in the list is a binary search
    of some twenty steps in Python, and a filing's prose asks for the same words again
    and again (half the time of the repairs of its footnotes)."""

    # answers kept at most (OCR's garbled words are many and asked for once)
    _MAX = 1 << 16

    def __init__(self, words: Container[str]) -> None:
        self._words = words
        self._known: dict[object, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = self._known.get(word)
        if found is None:
            if len(self._known) >= self._MAX:
                self._known.clear()
            found = self._known[word] = word in self._words
        return found


# Two parts of one word of small letters split by a space OCR saw in it; looked for
# at every word (a lookahead), as the first part may be the second of another pair
# ("any secu rities").
_SPLIT = re.compile(r"(?<![\w'’-])(?=([A-Za-z][a-z]+) ([a-z]{2,})(?![\w'’-]))")


def _rejoined(text: str, seen: Counter[str], lexicon: Container[str]) -> str:
    """`text` with each pair of `_SPLIT` that makes one word written as that word."""
    out, done = [], 0
    for m in _SPLIT.finditer(text):
        end = m.start() + len(m.group(1)) + 1 + len(m.group(2))
        if m.start() < done:
            continue  # its first part was the second of a pair joined already
        whole = _joined(m.group(1), m.group(2), seen, lexicon)
        if whole is not None:
            out += [text[done : m.start()], whole]
            done = end
    return "".join(out) + text[done:]


def _joined(first: str, right: str, seen: Counter[str], lexicon: Container[str]) -> str | None:
    """The word `first` and `right` are two parts of, or None."""
    left = first.lower()
    # the two parts, or the word they make with a lookalike put back ("Securi ities")
    whole = max([left + right, *_variants(left + right)], key=lambda v: seen[v])
    if seen[whole] < _SEEN or seen[whole] < _SEEN * min(seen[left], seen[right]):
        if not _split_word(first, right, lexicon):
            return None
        whole = left + right
    return whole.capitalize() if first[0].isupper() else whole


def _split_word(left: str, right: str, lexicon: Container[str]) -> bool:
    """Whether `left` and `right` are two parts of one word of the lexicon, not both
    words of their own ("affirma tive"; "in tent" stays). One part may be: the list
    holds fragments ("secu")."""
    if not left.islower() or (left in lexicon and right in lexicon):
        return False
    return left + right in lexicon


def _respelt_word(word: str, seen: Counter[str], lexicon: Container[str], nearest: _Nearest) -> str:
    low = word.lower()
    odd = not low.isascii() or any(c.isdigit() for c in low)
    if word.isupper() or len(low) < (2 if odd else 3) or sum(c.isdigit() for c in low) > 1:
        return word  # a capitals' acronym, a number, or too short to tell
    need = _SHORT_SEEN if len(low) == 3 else _SEEN
    count = seen[low]
    best = max(_variants(low), key=lambda v: seen[v], default=None)
    if best is None or seen[best] < max(need, need * count):
        english = _as_english(word, seen, lexicon)
        return english if english != word else _as_filing_word(word, seen, lexicon, nearest)
    return best.capitalize() if word[0].isupper() else best


# A harsher scan misreads letters no lookalike lists ("ceported", "lootnote", "Comimission"):
# a word no lexicon holds, of this many letters or more, one letter off (changed, added
# or lost) from a word the filing prints often (see _SEEN), is that word. Shorter words
# have too many neighbours to tell.
_EDIT_MIN = 5
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _as_filing_word(
    word: str, seen: Counter[str], lexicon: Container[str], nearest: _Nearest
) -> str:
    """`word` put back as the one word of the filing a letter off from it (see
    `_EDIT_MIN`), or `word` itself; a name's capital is kept."""
    low = word.lower()
    plain = word.islower() or (word[0].isupper() and word[1:].islower())
    if not (plain and low.isascii() and low.isalpha()) or len(low) < _EDIT_MIN:
        return word
    if low in lexicon:
        return word
    need = max(_SEEN, _SEEN * seen[low])
    found = [v for v in _one_letter_off(low) if seen[v] >= need]
    if len(found) == 1 and found[0] not in lexicon:
        # the filing's usual misreading of a word ("commiccian"): read on to the word
        found = nearest.to(found[0]) or found
    if len(found) != 1:
        found = nearest.to(low)
    if len(found) != 1:
        return word  # none, or two as near: no telling which
    return found[0].capitalize() if word[0].isupper() else found[0]


# Small print blurred at 150 dpi reads a letter as another of its shape, the same way
# each time it is printed: "Commission" read "Commiccian" in note after note (a small
# "s" closes into a "c", an "o" opens into an "a"), so the misreading is as frequent as
# the word and no count tells them apart. Letters of one group here are such lookalikes.
_SHAPES = ("aceos", "iltfrj", "nuh", "hb", "gq")
_BLUR_PAIRS = frozenset((a, b) for g in _SHAPES for a in g for b in g if a != b)
# ... and glyphs that run together ("rn" for "m"), either way, by the first letter read.
_RUN_PAIRS = (
    ("m", "rn"),
    ("m", "in"),
    ("m", "tn"),
    ("n", "ri"),
    ("u", "ii"),
    ("d", "cl"),
    ("h", "li"),
    ("w", "tr"),
)


def _runs_by_first(pairs: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for a, b in pairs:
        for read, meant in ((a, b), (b, a)):
            out.setdefault(read[0], []).append((read, meant))
    return out


_BLUR_RUNS = _runs_by_first(_RUN_PAIRS)
# What a difference costs: a lookalike letter or run one, any other letter changed,
# added or lost two. A misreading that is no word is taken for the word of the lexicon
# the filing prints that it is nearest to, when that one alone is nearest and within a
# third of the word's letters (rounded up). A word reached with any other change must be
# one the filing prints often (_SEEN): its misreadings vary around it.
_LOOKALIKE_COST = 1
_OTHER_COST = 2
_BLUR_MIN = 6
# A misreading and its word share all the letter pairs ("co", "om", ...) of the shorter
# of them but this many at most (a change breaks two): a cheap test before the costing.
_PAIRS_LOST = 6


class _Nearest:
    """The words of a filing (`seen`) that the lexicon holds, by length, and the ones
    found nearest to each misreading asked about (see `_LOOKALIKE_COST`): a filing's
    notes repeat their misreadings, and the filing's vocabulary is asked for each."""

    def __init__(self, seen: Counter[str], lexicon: Container[str]) -> None:
        self._seen = seen
        self._lexicon = lexicon
        self._by_length: dict[int, list[tuple[str, int, set[str]]]] | None = None
        self._found: dict[str, list[str]] = {}

    def to(self, low: str) -> list[str]:
        """The words nearest to `low` (none, one, or two and more as near)."""
        if low not in self._found:
            self._found[low] = self._nearest(low) if len(low) >= _BLUR_MIN else []
        return self._found[low]

    def _words(self) -> dict[int, list[tuple[str, int, set[str]]]]:
        if self._by_length is None:
            self._by_length = {}
            for v, count in self._seen.items():
                if count > 0 and v.isalpha() and v in self._lexicon:
                    self._by_length.setdefault(len(v), []).append((v, count, _letter_pairs(v)))
        return self._by_length

    def _nearest(self, low: str) -> list[str]:
        most = (len(low) + 2) // 3
        pairs = _letter_pairs(low)
        costs: dict[int, list[str]] = {}
        reach = most // _LOOKALIKE_COST  # a run of two read as one letter is a lookalike
        for size in range(len(low) - reach, len(low) + reach + 1):
            for v, count, its_pairs in self._words().get(size, []):
                if v == low or len(pairs & its_pairs) < min(size, len(low)) - 1 - _PAIRS_LOST:
                    continue
                cost = _blur_cost(low, v, most)
                # changed beyond lookalikes, yet seldom printed: no telling
                if cost is not None and (count >= _SEEN or not cost[1]):
                    costs.setdefault(cost[0], []).append(v)
        return costs[min(costs)] if costs else []


def _letter_pairs(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _blur_cost(read: str, word: str, most: int) -> tuple[int, bool] | None:
    """What `read` costs to turn into `word` (see `_LOOKALIKE_COST`), and whether a
    change that is no lookalike's is among it; None beyond `most`."""

    @cache
    def cost(i: int, j: int, left: int) -> tuple[int, bool] | None:
        while i < len(read) and j < len(word) and read[i] == word[j]:
            i, j = i + 1, j + 1
        if i == len(read) and j == len(word):
            return 0, False
        steps: list[tuple[int, int, int]] = []
        if (read[i : i + 1], word[j : j + 1]) in _BLUR_PAIRS:
            steps.append((1, 1, _LOOKALIKE_COST))
        steps += [
            (len(a), len(b), _LOOKALIKE_COST)
            for a, b in _BLUR_RUNS.get(read[i : i + 1], ())
            if read.startswith(a, i) and word.startswith(b, j)
        ]
        steps += [(1, 1, _OTHER_COST), (1, 0, _OTHER_COST), (0, 1, _OTHER_COST)]
        best: tuple[int, bool] | None = None
        for di, dj, c in steps:
            if c > left or i + di > len(read) or j + dj > len(word):
                continue
            rest = cost(i + di, j + dj, left - c)
            if rest is not None and (best is None or rest[0] + c < best[0]):
                best = (rest[0] + c, rest[1] or c == _OTHER_COST)
        return best

    return cost(0, 0, most)


def _one_letter_off(low: str) -> set[str]:
    cuts = [(low[:i], low[i:]) for i in range(len(low) + 1)]
    lost = {a + b[1:] for a, b in cuts if b}
    changed = {a + c + b[1:] for a, b in cuts if b for c in _ALPHABET if c != b[0]}
    added = {a + c + b for a, b in cuts for c in _ALPHABET}
    return (lost | changed | added) - {low}


# Lookalikes of blurred print beyond _LOOKALIKES, tried only for a word of the lexicon:
# a "t" run into an "n" reads "m", an "n" with a dark serif "h", "lu" run together "hi",
# an "o" with a speck at its right "a" (a word such as "stack" stays: it is a word).
_MORE_LOOKALIKES: dict[str, tuple[str, ...]] = {
    "m": ("tn",),
    "h": ("n",),
    "hi": ("lu",),
    "a": ("o",),
}


def _as_english(word: str, seen: Counter[str], lexicon: Container[str]) -> str:
    """`word` (small letters) put back as the one lookalike of it that the lexicon
    holds, the one the filing prints more often when there are two; `word` itself
    when it is a word, when no lookalike is one, or when two are as likely."""
    if not word.isalpha() or not word.islower() or word in lexicon:
        return word
    found = sorted(
        (v for v in _variants(word) | _more_variants(word) if v in lexicon),
        key=lambda v: -seen[v],
    )
    if not found or (len(found) > 1 and seen[found[0]] == seen[found[1]]):
        return word
    return found[0]


def _more_variants(low: str) -> set[str]:
    out: set[str] = set()
    for i in range(len(low)):
        for size in (1, 2):
            for true in _MORE_LOOKALIKES.get(low[i : i + size], ()):
                out.add(low[:i] + true + low[i + size :])
    return out


# A filing's words are respelt again and again (each note, each name): the variants
# are kept. Each set is the one a fresh call builds, so ties between variants keep
# falling the same way; callers do not change it.
@lru_cache(maxsize=1 << 14)
def _variants(low: str) -> AbstractSet[str]:
    out: set[str] = set()
    for i in range(len(low)):
        for size in (1, 2):
            for true in _LOOKALIKES.get(low[i : i + size], ()) if i + size <= len(low) else ():
                out.add(low[:i] + true + low[i + size :])
    return {v for v in out if v.isalpha() and v.isascii()}


# Two words and what stands between them: nothing, or a comma, stop, colon or semicolon.
_PAIR = re.compile(r"(?<![\w'’])([A-Za-z]+)(\.,|[,.;:]?) (?=([A-Za-z]+)\b)")
# ... the marks: an abbreviation's stop and a comma after it ("Zorb, Inc., any") too,
# last.
_MARKS = ("", ",", ".", ";", ":", ".,")


def phrases_alike(texts: list[str]) -> list[str]:
    """The texts of one filing with a mark between two words that they print once put
    back as the mark the same two words carry often ("any, security holder" among many
    "any security holder", "Inc any" among many "Inc., any"): footnotes of one filing
    repeat their wording."""
    marks: Counter[tuple[str, str, str]] = Counter()
    for text in texts:
        marks.update((a, sep, b) for a, sep, b in _PAIR.findall(text))

    def usual(m: re.Match[str]) -> str:
        a, sep, b = m.groups()
        # an abbreviation's stop and comma before a capital may be the filer's own
        # stop ("Fund (Q), L.P. Zorb Capital ..."): only before a small letter
        kinds = _MARKS if b[:1].islower() else _MARKS[:-1]
        best = max(kinds, key=lambda c: marks[(a, c, b)])
        count = marks[(a, best, b)]
        if best == sep or count < _SEEN or count < _SEEN * marks[(a, sep, b)]:
            return m.group(0)
        return f"{a}{best} "

    return [_PAIR.sub(usual, t) for t in texts]
