"""Every link of README.md and docs/*.md leads somewhere: a file of the repository, and a link
to a section (``file.md#anchor``) to a heading of that file, as GitHub names its anchors."""

import re
from pathlib import Path

from tests.readme import README, documents

LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)|src=\"(?P<image>[^\"]+)\"")
FENCED = re.compile(r"^```.*?^```$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#{1,6} (?P<title>.+)$", re.MULTILINE)


def anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings (a repeated one gets -1, -2, ...)."""
    found: set[str] = set()
    for match in HEADING.finditer(FENCED.sub("", path.read_text(encoding="utf-8"))):
        name = anchor(match["title"])
        repeated = name
        count = 0
        while repeated in found:
            count += 1
            repeated = f"{name}-{count}"
        found.add(repeated)
    return found


def broken_links(path: Path) -> list[str]:
    """The links of ``path`` (outside code blocks) whose file or heading does not exist."""
    broken = []
    for match in LINK.finditer(FENCED.sub("", path.read_text(encoding="utf-8"))):
        target = match["target"] or match["image"]
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        file, _, section = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.exists():
            broken.append(f"{path.name}: {target} (no such file)")
        elif section and dest.suffix == ".md" and section not in anchors(dest):
            broken.append(f"{path.name}: {target} (no such heading)")
    return broken


def test_a_heading_s_anchor_is_the_one_github_gives_it() -> None:
    assert anchor("Why `uncertain` is not resent") == "why-uncertain-is-not-resent"
    assert anchor("goals/YEAR.toml") == "goalsyeartoml"
    assert anchor("A city and its districts: the city average") == (
        "a-city-and-its-districts-the-city-average"
    )


def test_a_link_to_a_missing_heading_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n## Here\n\nSee [here](#here) and [there](#there).\n")
    assert broken_links(page) == ["page.md: #there (no such heading)"]


def test_every_link_of_the_readme_and_the_docs_leads_to_a_file_and_a_heading() -> None:
    assert README in documents()
    broken = [line for path in documents() for line in broken_links(path)]
    assert broken == []
