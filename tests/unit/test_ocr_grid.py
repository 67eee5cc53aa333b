"""Image clean-up on synthetic pages: skew, ruling lines, cells, blank and sideways pages."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy", reason="the ocr extra (numpy) is not installed")
cv2 = pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")

from extractor.sources import grid  # noqa: E402


def _text_lines(height: int = 1100, width: int = 850) -> grid.Gray:
    """Ink (255) on 0: rows of short dashes like lines of words, 30 px apart."""
    ink = np.zeros((height, width), dtype=np.uint8)
    for top in range(100, height - 100, 30):
        for left in range(80, width - 120, 60):
            ink[top : top + 12, left : left + 45] = 255
    return ink


@pytest.mark.parametrize("angle", [-2.5, -1.0, 0.0, 0.7, 3.0])
def test_skew_angle_undoes_a_rotation(angle: float) -> None:
    turned = grid.rotate(_text_lines(), angle, fill=0)
    assert grid.skew_angle(turned) == pytest.approx(-angle, abs=0.1)


@pytest.mark.parametrize("angle", [-1.85, 0.35, 2.6])
def test_skew_of_a_page_of_three_short_lines_is_found(angle: float) -> None:
    """The coarse steps weigh every eighth ink pixel: a page nearly empty (a
    continuation page's last lines) still holds enough of them."""
    ink = np.zeros((1100, 850), dtype=np.uint8)
    for top in (500, 530, 560):
        for left in range(300, 560, 60):
            ink[top : top + 12, left : left + 45] = 255
    turned = grid.rotate(ink, angle, fill=0)
    assert grid.skew_angle(turned) == pytest.approx(-angle, abs=0.1)


def test_find_rules_keeps_long_lines_and_drops_text() -> None:
    ink = _text_lines()
    ink[50:53, 40:800] = 255  # a horizontal rule
    ink[40:1000, 30:33] = 255  # a vertical rule
    rules = grid.find_rules(ink, min_length=120)
    assert len(rules) == 2
    horizontal = next(r for r in rules if r.x1 - r.x0 > r.bottom - r.top)
    assert (horizontal.x0, horizontal.top, horizontal.x1) == (40, 50, 800)


def _rules_from_whole_page(ink: grid.Gray, length: int) -> list[grid.Rule]:
    """The rules as an opening of the whole page gives them, labelled in its order."""
    rules = []
    for kernel in ((length | 1, 1), (1, length | 1)):
        element = cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
        opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, element)
        count, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
        rules += [
            grid.Rule(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]
        ]
    return rules


@pytest.mark.parametrize("seed", range(40))
def test_regression_rules_from_the_inked_bands_are_the_whole_page_ones(seed: int) -> None:
    # the opening and labelling run on the rows (columns) the erosion left ink in:
    # same rules in the same order, for lines a row apart, touching the edges, crossing
    rng = np.random.default_rng(seed)
    h, w = (int(v) for v in rng.integers(20, 90, 2))
    ink = np.zeros((h, w), dtype=np.uint8)
    for _ in range(int(rng.integers(1, 25))):
        y, x = (int(v) for v in rng.integers(0, (h, w)))
        if rng.random() < 0.5:
            ink[y : y + int(rng.integers(1, 3)), x : x + int(rng.integers(1, 40))] = 255
        else:
            ink[y : y + int(rng.integers(1, 40)), x : x + int(rng.integers(1, 3))] = 128
    ink[rng.random((h, w)) < 0.2 * rng.random()] = 255
    length = int(rng.integers(2, 20))
    assert grid.find_rules(ink, length) == _rules_from_whole_page(ink, length)


def test_a_page_without_rules_has_none() -> None:
    assert grid.find_rules(np.zeros((30, 40), dtype=np.uint8), 10) == []


def test_vertical_rule_is_cut_where_horizontal_rules_cross_it() -> None:
    rules = [
        grid.Rule(0, 100, 500, 102),
        grid.Rule(0, 300, 500, 302),
        grid.Rule(250, 50, 252, 400),
    ]
    pieces = [r for r in grid.split_at_crossings(rules) if r.x0 == 250]
    assert [(r.top, r.bottom) for r in pieces] == [(50, 101), (101, 301), (301, 400)]


def test_cells_are_the_boxes_between_rules() -> None:
    rules = [grid.Rule(100, y, 700, y + 2) for y in (100, 200, 300)]
    rules += [grid.Rule(x, 100, x + 2, 302) for x in (100, 400, 700)]
    cells = grid.find_cells((500, 800), rules, min_side=12)
    assert len(cells) == 4
    assert all(c.x0 > 100 and c.x1 < 702 and c.top > 100 and c.bottom < 302 for c in cells)


def _cells_from_pixels(shape: tuple[int, int], rules: list[grid.Rule]) -> list[grid.Rule]:
    """The cells as the page's pixels give them: the rules drawn, thickened by a 5 x 5
    dilation, and the white areas inside the page labelled in raster order."""
    h, w = shape
    mask = np.zeros(shape, dtype=np.uint8)
    for r in rules:
        mask[r.top : r.bottom + 1, r.x0 : r.x1 + 1] = 255
    mask = cv2.dilate(mask, np.ones((5, 5), dtype=np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - mask, connectivity=4)
    out = []
    for x, y, cw, ch, _ in stats[1:count]:
        if x > 0 and y > 0 and x + cw < w and y + ch < h:
            out.append(grid.Rule(int(x), int(y), int(x + cw), int(y + ch)))
    return out


def test_regression_cells_from_the_rules_edges_are_the_pixel_masks_in_its_order() -> None:
    # the cells are found on a grid of the rules' edges, not on the page's pixels:
    # same boxes, same order (the right cell of the first row starts higher than its
    # left one, and comes first), a rule's gap of 3 pixels closed, one of 6 not
    rules = [
        grid.Rule(100, 100, 400, 101),
        grid.Rule(403, 90, 700, 91),  # 3 px right of the first: the gap is closed
        grid.Rule(100, 200, 700, 202),
        grid.Rule(100, 300, 394, 301),  # 6 px short of the vertical rule: left open
        grid.Rule(400, 300, 700, 301),
        grid.Rule(100, 100, 101, 302),
        grid.Rule(400, 95, 402, 302),
        grid.Rule(700, 90, 701, 302),
        grid.Rule(250, 200, 251, 302),
    ]
    shape = (500, 800)
    expected = _cells_from_pixels(shape, rules)
    assert len(expected) == 4 and expected[0].x0 > 400  # the open cell is outside
    assert grid.find_cells(shape, rules, min_side=1) == expected


def test_blank_page_is_blank_and_a_page_of_text_is_not() -> None:
    assert grid.is_blank(np.zeros((1100, 850), dtype=np.uint8))
    assert not grid.is_blank(_text_lines())


def test_page_lying_on_its_side_needs_a_quarter_turn() -> None:
    upright = _text_lines()
    assert grid.quarter_turns_to_level(upright) == 0
    assert grid.quarter_turns_to_level(grid.quarter_turns(upright, 1)) == 1


def test_normalize_evens_out_a_dark_corner() -> None:
    gray = np.full((400, 400), 230, dtype=np.uint8)
    gray[:200, :200] = 150  # shadow over the top-left quarter
    gray[100:104, 50:150] = 40  # a stroke inside the shadow
    ink = grid.binarize(grid.normalize(gray))
    assert ink[101, 100] == 255  # the stroke is ink
    assert ink[20, 20] == 0  # the shadow is not


def _dashed(ink: grid.Gray, row: int, x0: int, x1: int, dash: int, gap: int) -> None:
    """A horizontal rule 3 px thick broken into `dash`-px pieces `gap` px apart."""
    for left in range(x0, x1, dash + gap):
        ink[row : row + 3, left : min(left + dash, x1)] = 255


def test_regression_a_fax_broken_rule_is_mended_into_one_rule() -> None:
    """A fax page lost the rule under a table title (pieces of ~30 px with gaps of up to
    ~20 px), so the header row merged with the title."""
    ink = np.zeros((400, 900), dtype=np.uint8)
    _dashed(ink, 200, 100, 800, dash=40, gap=12)
    assert not grid.find_rules(ink, 120)
    rules = grid.find_rules(grid.mend_rules(ink, 120), 120)
    assert len(rules) == 1
    r = rules[0]
    # the ends stay where the printed line ends; across it, a pixel either side at most
    assert 199 <= r.top <= 200 and 203 <= r.bottom <= 204
    # the last dash may stay apart (nothing beyond it vouches for the gap), and
    # nothing grows past the printed ends
    assert r.x0 == 100 and 700 <= r.x1 <= 800


def test_mending_adds_no_rule_through_lines_of_text() -> None:
    ink = _text_lines()  # dashes 45 px long, 15 px apart, rows 12 px tall
    assert grid.find_rules(grid.mend_rules(ink, 120), 120) == []


def test_mending_leaves_a_gap_wider_than_the_pieces_beside_it() -> None:
    # two short pieces far apart are two marks, not one line
    ink = np.zeros((200, 900), dtype=np.uint8)
    ink[100:103, 100:160] = 255
    ink[100:103, 400:460] = 255
    mended = grid.mend_rules(ink, 120)
    assert not mended[100:103, 200:360].any()


def test_faint_strokes_are_attached_to_their_glyph_and_a_speck_apart_is_not() -> None:
    # a stem dark enough to be ink, a thin arm only faintly grey running from it (a
    # blurred "C"), and a faint speck of the same grey standing apart
    gray = np.full((40, 60), 255, dtype=np.uint8)
    gray[10:30, 10:14] = 60  # the stem
    gray[10:12, 14:24] = 200  # the arm, lighter than the ink threshold
    gray[20:23, 40:43] = 200  # the speck
    labels, _, pixels = grid.faint_areas(gray, 220.0)
    seeds = np.zeros(gray.shape, dtype=bool)
    seeds[10:30, 10:14] = True
    mask = grid.attached(labels, seeds, 0)
    assert mask[11, 22]  # the arm's far end
    assert not mask[21, 41]  # the speck
    assert sorted(pixels[1:].tolist()) == [9, 100]


def test_attached_ink_is_widened_by_the_margin() -> None:
    gray = np.full((20, 20), 255, dtype=np.uint8)
    gray[8:12, 8:12] = 0
    labels, _, _ = grid.faint_areas(gray, 128.0)
    mask = grid.attached(labels, gray < 128, 2)
    assert mask[6, 6] and mask[13, 13]
    assert not mask[5, 5]


def test_faint_areas_are_labelled_in_16_bits_and_in_32_when_they_overflow() -> None:
    gray = np.full((20, 20), 255, dtype=np.uint8)
    gray[2:5, 2:5] = 100
    gray[10:14, 10:14] = 100
    labels, _, pixels = grid.faint_areas(gray, 200.0)
    assert labels.dtype.itemsize == 2  # a page's label image in half the memory
    assert sorted(pixels[1:].tolist()) == [9, 16]
    # a page of noise: isolated pixels two apart, more areas than 16 bits can count
    noise = np.full((520, 520), 255, dtype=np.uint8)
    noise[::2, ::2] = 0
    labels, _, pixels = grid.faint_areas(noise, 128.0)
    assert len(pixels) - 1 == 260 * 260
    assert int(labels[518, 518]) != int(labels[516, 518]) and int(labels[518, 518]) > 0


def test_mask_labels_keep_separate_areas_apart() -> None:
    mask = np.zeros((10, 10), dtype=bool)
    mask[1:3, 1:3] = True
    mask[6:8, 6:8] = True
    labels = grid.mask_labels(mask)
    assert labels[1, 1] > 0 and labels[6, 6] > 0 and labels[1, 1] != labels[6, 6]
    assert labels[4, 4] == 0


def _page_of_few_lines() -> grid.Gray:
    """Ink on a few bands of rows of a tall white page, as round a page's grid: glyphs
    of several sizes, areas touching across two rows, one reaching the last row."""
    page = np.full((300, 120), 255, dtype=np.uint8)
    page[20:31, 5:9] = 0  # a stem
    page[21:24, 12:40] = 0  # a bar beside it, its top a row lower
    page[30:33, 30:34] = 0  # a dot under the bar's right end
    page[41, 0:120:3] = 0  # a dotted row: forty areas of one pixel
    page[150:170:2, 50:70] = 0  # stripes two rows apart, each its own area
    page[151:170, 80] = 0  # one upright across them all
    page[290:300, 100:110] = 0  # a block on the page's foot
    return page


def test_labels_of_a_page_of_few_lines_are_those_of_the_whole_page() -> None:
    """Labelled on its inked rows alone (the page is four fifths paper), the areas, their
    order and their boxes are OpenCV's on the whole page."""
    mask = _page_of_few_lines() < 128
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.view(np.uint8), connectivity=8, ltype=cv2.CV_16U
    )
    banded = grid.faint_areas(_page_of_few_lines(), 128.0)
    assert banded[2].size == count and np.array_equal(banded[0], labels)
    assert np.array_equal(banded[2][1:], stats[1:, 4])
    assert np.array_equal(banded[1][1:, :2], stats[1:, :2])
    assert np.array_equal(banded[1][1:, 2:], stats[1:, :2] + stats[1:, 2:4])
    assert grid.mask_boxes(mask).tolist() == banded[1][1:].tolist()
    assert np.array_equal(grid.mask_labels(mask), labels)


def _printed_page(soft: float) -> grid.Gray:
    """Dark strokes like small print on white, drawn at 200 dpi and enlarged to 300 dpi
    as a PDF page is drawn; `soft`: the blur of a grey scan (0: cut to black and white).
    Every other row of the strokes is lost, as a fax loses a thin stroke's scan lines."""
    page = np.full((400, 300), 255, dtype=np.uint8)
    for top in range(40, 360, 24):
        for left in range(20, 260, 14):
            page[top : top + 12, left : left + 3] = 0
            page[top : top + 12 : 2, left + 3 : left + 9] = 0
    if soft:
        page = grid._u8(cv2.GaussianBlur(page, (0, 0), soft))
    return grid._u8(cv2.resize(page, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_LINEAR))


def test_a_page_cut_to_black_and_white_is_binarized_and_a_grey_scan_is_not() -> None:
    assert grid.is_binarized(_printed_page(0.0))
    assert not grid.is_binarized(_printed_page(1.2))
    assert not grid.is_binarized(np.full((50, 50), 255, dtype=np.uint8))  # no ink at all


@pytest.mark.parametrize(
    ("first", "second", "binarized"),
    [
        (20, 127, True),  # 127 is dark (and grey): twice as many dark as grey
        (20, 128, False),  # 128 is grey only: as many grey as dark
        (20, 207, False),  # 207 is the grey band's last level
        (20, 208, True),  # 208 is past it
        (47, 255, True),  # 47 is below the band
        (48, 255, False),  # 48 opens it
    ],
)
def test_binarized_counts_dark_below_128_and_grey_from_48_to_207(
    first: int, second: int, binarized: bool
) -> None:
    page = np.full((20, 20), 255, dtype=np.uint8)
    page[:5], page[5:10] = first, second
    assert grid.is_binarized(page) is binarized


def test_regression_a_binarized_page_is_smoothed_and_a_grey_one_left_alone() -> None:
    """Faxes read "3" as "4" and "Stock" as "Stark": their thin strokes lose every other
    scan line. Smoothed, the lost rows between two kept ones darken (Tesseract joins
    them); a grey scan is read as it is."""
    fax = _printed_page(0.0)
    smooth = grid.smoothed_if_binarized(fax)
    # the broken part of the first stroke (200 dpi columns 23-29, rows 40-52), by row:
    # dark and white rows in turn on the fax, an even grey once smoothed
    band = (slice(60, 78), slice(35, 43))
    fax_rows, smooth_rows = fax[band].mean(axis=1), smooth[band].mean(axis=1)
    assert float(smooth_rows.std()) < 0.5 * float(fax_rows.std())
    assert float(smooth.mean()) == pytest.approx(float(fax.mean()), abs=2.0)
    grey = _printed_page(1.2)
    assert grid.smoothed_if_binarized(grey) is grey


def test_ink_of_a_crop_nearly_all_paper_is_not_the_papers_own_shades() -> None:
    # Otsu on the page around a continuation page's grid split paper (255) from the
    # faint edges of its painted-out rules (249): those edges were read as "I"
    rng = np.random.default_rng(7)
    crop = rng.integers(250, 256, (400, 600)).astype(np.uint8)  # paper, a little noisy
    crop[:, 300] = 245  # the faint edge of a rule painted out
    assert not (crop[:, 300] < grid.ink_level(crop)).any()


def test_a_pale_marker_alone_in_its_cell_stays_ink() -> None:
    crop = np.full((60, 80), 255, dtype=np.uint8)
    crop[19:33, 29:35] = 235  # a light grey "(1)", its blurred edge
    crop[20:32, 30:34] = 215  # and its strokes
    assert grid.ink_level(crop) > 215


def _rule_page() -> grid.Gray:
    """Ink (255 on 0) of a page holding one horizontal rule, rows 100-102."""
    ink = np.zeros((300, 900), dtype=np.uint8)
    ink[100:103, 50:850] = 255
    return ink


def test_a_rule_with_text_standing_on_it_is_kept() -> None:
    ink = _rule_page()
    for left in range(60, 800, 40):
        ink[80:100, left : left + 25] = 255  # letters on the line, none under it
    rules = grid.find_rules(ink, 120)
    assert grid.without_text_lines(rules, ink) == rules


def test_regression_a_blurred_line_of_text_run_together_is_no_rule() -> None:
    # a line of small print at 150 dpi, blurred, ran together along its middle into a
    # stroke as long as a rule: painted out as one, it took the letters with it
    ink = np.zeros((300, 900), dtype=np.uint8)
    for left in range(60, 420, 18):
        ink[90:112, left : left + 14] = 255  # letters, above and below the middle
    ink[99:102, 60:420] = 255  # their middles run together
    rules = grid.find_rules(ink, 120)
    assert len(rules) == 1
    assert grid.without_text_lines(rules, ink) == []


def _blurred_rule(edge: int) -> tuple[grid.Gray, grid.Rule]:
    """A grey page with a vertical rule (columns 100-102, black) and `edge` columns of
    faint edge (grey 200) on either side; the rule as find_rules gives it."""
    gray = np.full((900, 300), 255, dtype=np.uint8)
    gray[50:850, 100 - edge : 103 + edge] = 200
    gray[50:850, 100:103] = 0
    return gray, grid.Rule(100, 50, 103, 850)


@pytest.mark.parametrize("edge", [0, 1, 2, 3])
def test_a_vertical_rule_is_widened_to_its_faint_edge(edge: int) -> None:
    gray, rule = _blurred_rule(edge)
    assert grid.with_blurred_edges(gray, [rule]) == [grid.Rule(100 - edge, 50, 103 + edge, 850)]


def test_a_vertical_rule_is_not_widened_into_a_glyph_beside_it() -> None:
    gray, rule = _blurred_rule(1)
    gray[400:430, 104:112] = 0  # a letter close by darkens a few pixels along the rule
    assert grid.with_blurred_edges(gray, [rule]) == [grid.Rule(99, 50, 104, 850)]
    gray[50:850, 90:99] = 150  # dark all along farther than an edge may reach: no edge
    assert grid.with_blurred_edges(gray, [rule]) == [grid.Rule(100, 50, 104, 850)]


def test_regression_a_horizontal_rule_keeps_its_width() -> None:
    # the letters' feet of a blurred name ran together into a "rule": widened, it
    # took the feet ("BAKER" read "RAKER")
    gray = np.full((300, 900), 255, dtype=np.uint8)
    gray[97:100, 50:850] = 200
    gray[100:103, 50:850] = 0
    rule = grid.Rule(50, 100, 850, 103)
    assert grid.with_blurred_edges(gray, [rule]) == [rule]
