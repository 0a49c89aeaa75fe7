"""Citations (govreports/render/citation.py): the quick way of escaping BibTeX fields gives pybtex's own result."""
import pytest

from govreports.render import citation


@pytest.mark.parametrize("text", [
    "渝中区 2024 年政府工作报告", "增长 7.5% 左右", "R&D intensity", "a_b ~ c # d", "“4311” — ¶3 é", "100%", "plain",
    "https://example.org/x_y?a=1&b=2#frag",
])
def test_a_field_is_escaped_as_pybtex_escapes_it(text):
    assert citation._latex(text) == citation._LATEX._encode(text)
