"""What the search parser is kept from seeing (mkdocs/stash.py), without a build."""

from __future__ import annotations

from journey_maps.mkdocs.stash import HtmlStash


def test_blocks_left_out_of_search_are_hidden_then_put_back_without_markers() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="jm-svg x"><text>A</text></svg>'
    page = (
        "<p>intro</p><!--jm:noindex--><div>cards <b>1</b></div><!--/jm:noindex-->"
        f"<h2>Stages</h2>{svg}<!--jm:noindex-->\n<!--/jm:noindex--><!--jm:noindex-->open"
    )
    stash = HtmlStash()
    hidden = stash.hide("maps/x/index.md", page)
    assert "cards" not in hidden and "<svg" not in hidden and "<h2>Stages</h2>" in hidden
    assert hidden.endswith("<!--jm:noindex-->open")  # a block never closed stays as it is
    assert stash.finish("maps/x/index.md", f"<html>{hidden}</html>") == (
        f"<html><p>intro</p><div>cards <b>1</b></div><h2>Stages</h2>{svg}\n"
        "<!--jm:noindex-->open</html>"
    )
