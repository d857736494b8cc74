"""The pages in headless Chromium: what a reader sees and clicks, checked against the API's answers.

Clicks are real mouse clicks at the positions Cytoscape drew the elements at, so the handlers
under test are the page's own. The ids come from the API, not from this file: a change to the
pipeline's hashing does not break the tests, only a page that shows the wrong thing does."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from diplograph.graph.defaults import DEFAULT_MIN_EVENTS

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")
expect = sync_api.expect


def get(server: str, path: str, **params: Any) -> Any:
    response = httpx.get(server + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def one_event(server: str, **filters: Any) -> dict[str, Any]:
    items = get(server, "/api/events", **filters)["items"]
    assert len(items) == 1, items
    return items[0]


def open_network(page, path: str = "/") -> None:
    page.goto(path)
    expect(page.locator("#cy")).to_have_attribute("data-ready", "true")


def click_element(page, element_id: str) -> None:
    """A mouse click where the graph drew the node, or the middle of the edge, ``element_id``."""
    x, y = page.evaluate(
        """id => {
            const element = window.diplograph.cy.getElementById(id);
            const point = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
            const box = document.getElementById("cy").getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }""",
        element_id,
    )
    page.mouse.click(x, y)


def listed_events(page, selector: str) -> list[str]:
    return page.locator(f"{selector} [data-testid=event-item]").evaluate_all("items => items.map(i => i.dataset.event)")


def test_network_draws_the_actors_and_pairs_of_the_api(page, server):
    network = get(server, "/api/network")
    open_network(page)
    drawn = page.evaluate(
        """() => {
            const cy = window.diplograph.cy;
            return {
                nodes: cy.nodes().map(n => ({id: n.id(), visible: n.visible(), width: n.renderedWidth(),
                                             colour: n.style("background-color"), bloc: n.data("bloc")})),
                edges: cy.edges().map(e => ({id: e.id(), visible: e.visible(), colour: e.style("line-color"),
                                             kind: e.data("kind")})),
            };
        }"""
    )
    nodes = {node["id"]: node for node in drawn["nodes"]}
    assert {"RUS", "IRN", "UKR"} <= set(nodes)
    assert set(nodes) == {node["code"] for node in network["nodes"]}
    assert all(node["visible"] and node["width"] > 5 for node in nodes.values())
    assert nodes["RUS"]["width"] > nodes["WEST"]["width"]  # sized by activity
    edges = {edge["id"]: edge for edge in drawn["edges"]}
    assert set(edges) == {f"{edge['a']}|{edge['b']}" for edge in network["edges"]}
    assert edges["IRN|RUS"]["kind"] == "cooperation" and edges["GBR|RUS"]["kind"] == "conflict"
    assert edges["IRN|RUS"]["colour"] != edges["GBR|RUS"]["colour"]
    # Blocs: members of one bloc share a colour, and the legend lists the blocs.
    # Blocs as `diplograph blocs` finds them: the same function, with its defaults.
    blocs = get(server, "/api/blocs")
    page_blocs = page.evaluate("() => window.diplograph.blocs")
    assert page_blocs == blocs and blocs["method"]["min_events"] == DEFAULT_MIN_EVENTS
    first = [code for code in blocs["blocs"][0]["actors"] if code in nodes]
    assert len({nodes[code]["colour"] for code in first}) == 1 and nodes[first[0]]["bloc"] == blocs["blocs"][0]["id"]
    expect(page.get_by_test_id("bloc")).to_have_count(len(blocs["blocs"]))
    expect(page.locator("#edge-table tbody tr")).to_have_count(len(network["edges"]))
    expect(page.locator("#cy canvas").first).to_be_visible()


def test_clicking_an_edge_lists_the_events_of_the_pair(page, server):
    open_network(page)
    click_element(page, "IRN|RUS")
    panel = page.get_by_test_id("panel")
    expect(panel).to_have_attribute("data-kind", "edge")
    expect(panel).to_have_attribute("data-id", "IRN|RUS")
    expected = {e["event"] for pair in ("IRN,RUS", "RUS,IRN") for e in get(server, "/api/events", dyad=pair)["items"]}
    expect(panel.get_by_test_id("event-item")).to_have_count(len(expected))
    assert set(listed_events(page, "#panel")) == expected and len(expected) == 3
    first = listed_events(page, "#panel")[0]
    panel.get_by_test_id("event-item").first.get_by_role("link").click()
    expect(page).to_have_url(f"{server}/event/{first}")
    expect(page.get_by_test_id("report").first).to_be_visible()


def test_clicking_a_node_lists_its_events(page, server):
    open_network(page)
    click_element(page, "RUS")
    panel = page.get_by_test_id("panel")
    expect(panel).to_have_attribute("data-id", "RUS")
    expect(page.get_by_test_id("panel-title")).to_contain_text("Russia")
    expect(panel.get_by_test_id("event-item")).to_have_count(get(server, "/api/events", actor="RUS")["total"])


def test_the_window_form_narrows_the_network(page, server):
    open_network(page)
    page.get_by_test_id("from").fill("2025-04")
    page.get_by_test_id("to").fill("2025-04")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{server}/?from=2025-04&to=2025-04&min_events=1")
    expect(page.locator("#cy")).to_have_attribute("data-ready", "true")
    shown = page.evaluate("window.diplograph.cy.nodes().map(n => n.id()).sort()")
    april = get(server, "/api/network", **{"from": "2025-04", "to": "2025-04"})
    assert shown == sorted(node["code"] for node in april["nodes"])
    assert "RUS" not in shown and "JPN" in shown


def test_event_page_marks_the_evidence_of_every_report(page, server):
    sanction = one_event(server, dyad="EU,BLR", type="SANCTION")
    detail = get(server, f"/api/events/{sanction['event']}")
    assert len(detail["reports"]) == 3
    page.goto(f"/event/{sanction['event']}")
    expect(page.get_by_test_id("reports")).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("event-title")).to_have_text("SANCTION: EU → BLR")
    reports = page.get_by_test_id("report")
    expect(reports).to_have_count(3)
    for report in detail["reports"]:
        section = page.locator(f"[data-testid=report][data-report='{report['report']}']")
        expect(section.get_by_test_id("report-outlet")).to_have_text(report["outlet"])
        expect(section.get_by_test_id("report-published")).to_have_text(report["published"])
        expect(section.get_by_test_id("report-modality")).to_have_text(report["modality"])
        marks = section.locator("mark[data-testid=evidence]")
        expect(marks).to_have_count(len(report["evidence"]))
        assert marks.all_text_contents() == [span["text"] for span in report["evidence"]]
        assert marks.first.get_attribute("data-start") == str(report["evidence"][0]["start"])


def test_evidence_offsets_survive_characters_outside_the_bmp(page, server):
    """Python counts 🇺🇦 as two characters, JavaScript as four: the mark must still be exact."""
    expulsion = one_event(server, dyad="POL,RUS")
    evidence = get(server, f"/api/events/{expulsion['event']}")["reports"][0]["evidence"]
    page.goto(f"/event/{expulsion['event']}")
    marks = page.locator("mark[data-testid=evidence]")
    expect(marks).to_have_count(len(evidence))
    assert marks.all_text_contents() == [span["text"] for span in evidence]
    assert evidence[0]["text"] == "Poland expelled a Russian diplomat"


def test_dyad_page_draws_the_monthly_timeline(page, server):
    series = get(server, "/api/dyad", a="RUS", b="IRN")["months"]
    page.goto("/dyad/RUS/IRN")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_have_attribute("data-ready", "true")
    cooperation = timeline.locator("rect.bar.cooperation")
    expect(cooperation).to_have_count(sum(1 for month in series if month["cooperation"]))
    drawn = cooperation.evaluate_all("bars => bars.map(b => [b.dataset.month, Number(b.dataset.value)])")
    assert drawn == [[m["month"], m["cooperation"]] for m in series if m["cooperation"]]
    goldstein = timeline.locator("rect.bar.goldstein").evaluate_all("bars => bars.map(b => Number(b.dataset.value))")
    assert goldstein == pytest.approx([m["goldstein_sum"] for m in series if m["goldstein_sum"]])
    assert all(box > 0 for box in cooperation.evaluate_all("bars => bars.map(b => b.getBBox().height)"))
    expect(page.locator("#timeline-table tbody tr")).to_have_count(len(series))
    expect(page.get_by_test_id("event-list").get_by_test_id("event-item")).to_have_count(3)
    expect(page.get_by_test_id("dyad-summary")).to_contain_text("3 events between RUS and IRN")


def test_search_finds_events_and_actors(page, server):
    page.goto("/search")
    page.get_by_test_id("search-input").fill("sanctions Belarus")
    page.get_by_test_id("search-input").press("Enter")
    expect(page).to_have_url(f"{server}/search?q=sanctions+Belarus")
    sanction = one_event(server, dyad="EU,BLR", type="SANCTION")
    found = page.locator(f"#event-results [data-event='{sanction['event']}']")
    expect(found).to_be_visible()
    page.goto("/search?q=korea")
    actors = page.get_by_test_id("actor-item")
    expect(actors.filter(has_text="North Korea")).to_have_count(1)
    actors.filter(has_text="North Korea").get_by_role("link").click()
    # An actor's link opens the network with the actor selected and its events listed.
    expect(page.get_by_test_id("panel")).to_have_attribute("data-id", "PRK")
    expect(page.get_by_test_id("panel").get_by_test_id("event-item").first).to_be_visible()


def test_unknown_event_and_page_are_friendly_404s(page, server):
    response = page.goto("/event/E000000000000")
    assert response is not None and response.status == 404
    expect(page.get_by_test_id("not-found")).to_contain_text("no event “E000000000000”")
    expect(page.get_by_test_id("not-found").get_by_role("link", name="search")).to_be_visible()
    response = page.goto("/no/such/page")
    assert response is not None and response.status == 404
    expect(page.get_by_test_id("not-found")).to_be_visible()


def test_api_errors_are_shown_not_swallowed(page, problems):
    page.goto("/?from=2025-1")  # the API refuses the date; the page says so instead of drawing nothing
    expect(page.get_by_test_id("error")).to_contain_text("422")
    assert problems and all(problem.startswith("422 ") for problem in problems)
    problems.clear()
