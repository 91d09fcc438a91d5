"""The templates: the context each one receives, and user text that cannot break them."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import meta

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.reporting.render import render_goals
from tracker.reporting.templating import environment

TEMPLATE_CONTEXT = {  # what each top-level template is given, and nothing else
    "report.html": {"ctx", "src"},
    "report.txt": {"ctx"},
    "report.md": {"ctx"},
    "projects.html": {"ctx"},  # the key projects' report alone (docs/projects.md)
    "projects.txt": {"ctx"},
    "projects.md": {"ctx"},
    "index.html": {"title", "entries"},
}


def used(name: str) -> set[str]:
    """The variables a template and its partials take from the context."""
    env = environment("zh")
    tree = env.parse(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]
    found = set(meta.find_undeclared_variables(tree)) - {"_", "gettext", "ngettext"}
    for partial in meta.find_referenced_templates(tree):
        assert partial is not None
        assert partial.startswith("_"), f"{name} includes {partial}: partials are named _x"
        found |= used(partial)
    return found


def test_each_template_uses_exactly_its_documented_context() -> None:
    for name, expected in TEMPLATE_CONTEXT.items():
        assert used(name) == expected, name


@settings(max_examples=25, deadline=None)
@given(note=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1))
def test_any_note_shows_as_text_and_breaks_nothing(note: str) -> None:
    goal = next(g for g in dataset.goals() if g.indicator.key == "industry")
    figures = {"industry": [Figure(Period.parse("2020-06"), Decimal("5.0"), note=note)]}
    b = render_goals([goal], figures, as_of=date(2020, 7, 20), lang="en", charts=False)
    page = parse(b.html)
    shown = [p.text for p in page.all("p", class_="note")]
    assert shown == ["Explanation: " + note]
    assert not page.all("script")
    assert [td.attrs["id"] for td in page.all("td") if td.attrs.get("id")] == [
        "headline",
        "behind",
        "changes",
        "others",
        "notes",
    ]
