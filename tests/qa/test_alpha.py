"""Krippendorff's alpha (qa/alpha.py) against the worked examples of Krippendorff (2011),
"Computing Krippendorff's Alpha-Reliability", to the three decimals the paper prints."""

import pytest

from qa.alpha import Level, alpha, meaning

# Example A: binary data, two observers, no missing data (10 units).
A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]
# Example B: nominal data, two observers, no missing data (12 units).
B = [
    ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"],
    ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"],
]
# Example C: any number of observers (4), missing data (12 units), values 1 to 5.
_ = None
C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def units(observers):
    """The paper prints observers as rows; alpha takes units (columns)."""
    return list(zip(*observers, strict=True))


def test_binary_data_of_two_observers_gives_the_published_alpha():
    assert round(alpha(units(A), Level.NOMINAL), 3) == 0.095


def test_nominal_data_of_two_observers_gives_the_published_alpha():
    assert round(alpha(units(B), Level.NOMINAL), 3) == 0.692


@pytest.mark.parametrize(
    ("level", "published"),
    [
        (Level.NOMINAL, 0.743),
        (Level.ORDINAL, 0.815),
        (Level.INTERVAL, 0.849),
        (Level.RATIO, 0.797),
    ],
)
def test_four_observers_with_missing_data_give_the_published_alpha_at_each_level(level, published):
    assert round(alpha(units(C), level), 3) == published


def test_units_with_a_single_value_are_not_pairable_and_change_nothing():
    with_lonely_units = [*units(C), (None, 4, None, None), (None, None, None, None)]
    assert alpha(with_lonely_units, Level.NOMINAL) == alpha(units(C), Level.NOMINAL)


def test_perfect_agreement_is_one_and_no_variation_at_all_is_undefined():
    assert alpha([(1, 1), (2, 2), (3, 3)], Level.ORDINAL) == 1
    assert alpha([(1, 1), (1, 1)], Level.NOMINAL) is None
    assert alpha([(1, None), (None, 2)], Level.NOMINAL) is None  # nothing pairable


def test_systematic_disagreement_goes_below_zero():
    assert alpha([(0, 1), (1, 0), (0, 1), (1, 0)], Level.NOMINAL) < 0


def test_the_meaning_follows_krippendorffs_thresholds():
    assert [meaning(v) for v in (0.8, 0.7999, 0.667, 0.5, None)] == [
        "reliable",
        "tentative",
        "tentative",
        "unreliable",
        "undefined",
    ]
