"""The export's own XML escaping gives what xml.sax.saxutils gives (without importing urllib and http)."""

from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given
from hypothesis import strategies as st

from desktop.export import xml_escape

TEXT = st.text(alphabet=st.sampled_from(list('ab&<>"\'\n\r\tї ')), max_size=20)


@given(TEXT, st.sampled_from([None, {'"': "&quot;"}]))
def test_escape_and_quoteattr_are_those_of_saxutils(text: str, entities: dict[str, str] | None) -> None:
    assert xml_escape.escape(text, entities) == saxutils.escape(text, entities or {})
    assert xml_escape.quoteattr(text, entities) == saxutils.quoteattr(text, entities or {})
