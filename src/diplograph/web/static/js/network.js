// The actor network of a window: /api/network for nodes and edges, /api/blocs for node colours.
// Selecting an actor or a pair lists its events in the side panel, with links to each event.
import cytoscape from "/static/vendor/cytoscape/cytoscape.esm.min.mjs";
import { api, dyadUrl, el, fillForm, listEvents, number, pairEvents, query, showError } from "./common.js";

// Colour-blind-safe bloc colours (Okabe–Ito without its blue and vermilion, which the edges use).
const BLOC_COLOURS = ["#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#8C6D31", "#7F7F7F", "#B39DDB"];
const NO_BLOC = "#D0D0D0";
const EDGE_COLOURS = { cooperation: "#1F6FB2", conflict: "#C62828", mixed: "#7B5EA7", neutral: "#9E9E9E" };

const params = query();
const window_ = { from: params.get("from") || "", to: params.get("to") || "" };
const minEvents = Number.parseInt(params.get("min_events") || "1", 10) || 1;
fillForm(params, ["from", "to", "min_events"]);

/** Which side of the ledger a pair is on: the drawing's colour and dash. */
function edgeKind(edge) {
  if (edge.cooperation > edge.conflict) return "cooperation";
  if (edge.conflict > edge.cooperation) return "conflict";
  return edge.cooperation ? "mixed" : "neutral";
}

function blocOf(blocs) {
  const bloc = new Map();
  for (const member of blocs?.members || []) if (member.bloc !== null) bloc.set(member.code, member.bloc);
  return bloc;
}

function colour(bloc) {
  return bloc === undefined ? NO_BLOC : BLOC_COLOURS[(bloc - 1) % BLOC_COLOURS.length];
}

function elements(network, bloc) {
  // Start from a circle ordered by bloc, then let the force layout pull it apart: the same data
  // always give the same picture (CoSE is deterministic without randomize).
  const nodes = [...network.nodes].sort(
    (x, y) => (bloc.get(x.code) ?? 1e9) - (bloc.get(y.code) ?? 1e9) || y.events - x.events,
  );
  const radius = 60 + 25 * nodes.length;
  return [
    ...nodes.map((node, i) => ({
      group: "nodes",
      data: {
        id: node.code,
        label: node.code,
        name: node.name,
        kind: node.kind,
        events: node.events,
        goldstein_sum: node.goldstein_sum,
        bloc: bloc.get(node.code) ?? null,
        colour: colour(bloc.get(node.code)),
        size: 22 + 12 * Math.sqrt(node.events),
      },
      position: {
        x: radius * Math.cos((2 * Math.PI * i) / nodes.length),
        y: radius * Math.sin((2 * Math.PI * i) / nodes.length),
      },
    })),
    ...network.edges.map((edge) => ({
      group: "edges",
      data: {
        id: `${edge.a}|${edge.b}`,
        source: edge.a,
        target: edge.b,
        events: edge.events,
        cooperation: edge.cooperation,
        conflict: edge.conflict,
        goldstein_sum: edge.goldstein_sum,
        kind: edgeKind(edge),
        colour: EDGE_COLOURS[edgeKind(edge)],
        width: 1.5 + 2.5 * Math.sqrt(edge.events),
      },
    })),
  ];
}

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      "border-color": "#333",
      "border-width": 1,
      width: "data(size)",
      height: "data(size)",
      label: "data(label)",
      "font-size": 15,
      "font-weight": 600,
      "font-family": "system-ui, sans-serif",
      "text-valign": "bottom",
      "text-halign": "center",
      "text-margin-y": 3,
      "min-zoomed-font-size": 6,
      "text-outline-color": "#fff",
      "text-outline-width": 2,
      color: "#111",
    },
  },
  {
    selector: "edge",
    style: {
      "line-color": "data(colour)",
      width: "data(width)",
      "curve-style": "bezier",
      opacity: 0.85,
    },
  },
  { selector: 'edge[kind = "conflict"]', style: { "line-style": "dashed" } },
  { selector: ":selected", style: { "border-width": 4, "border-color": "#000", "overlay-opacity": 0.15 } },
  { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.2, "overlay-color": "#000" } },
];

const panel = document.getElementById("panel");

function panelHeader(kind, id, title, facts, links = []) {
  panel.dataset.kind = kind;
  panel.dataset.id = id;
  const list = el("ul", { id: "panel-events", class: "events", "data-testid": "panel-events" }, el("li", {}, "Loading…"));
  panel.replaceChildren(
    el("h2", { id: "panel-title", "data-testid": "panel-title" }, title),
    el("p", { class: "facts" }, facts),
    ...links,
    list,
  );
  return list;
}

async function showActor(node) {
  const data = node.data();
  const bloc = data.bloc === null ? "no bloc" : `bloc ${data.bloc}`;
  const list = panelHeader(
    "node",
    data.id,
    `${data.id}${data.name ? ` — ${data.name}` : ""}`,
    `${data.kind || "actor"} · ${data.events} event${data.events === 1 ? "" : "s"} in the window · ${bloc}`,
  );
  try {
    const page = await api("/api/events", { actor: data.id, from: window_.from, to: window_.to, limit: 200 });
    listEvents(list, page.items);
    if (page.total > page.items.length) list.append(el("li", { class: "more" }, `… and ${page.total - page.items.length} more`));
  } catch (error) {
    list.replaceChildren();
    showError(error);
  }
}

async function showPair(edge) {
  const data = edge.data();
  const list = panelHeader(
    "edge",
    data.id,
    `${data.source} – ${data.target}`,
    `${data.events} event${data.events === 1 ? "" : "s"}: ${data.cooperation} cooperation, ${data.conflict} conflict,` +
      ` Goldstein sum ${number(data.goldstein_sum)}`,
    [
      el(
        "p",
        {},
        el("a", { href: dyadUrl(data.source, data.target, window_), "data-testid": "dyad-link" }, "Timeline of the pair"),
      ),
    ],
  );
  try {
    const { events, complete } = await pairEvents(data.source, data.target, window_);
    listEvents(list, events);
    if (!complete) list.append(el("li", { class: "more" }, "… more on the pair's page"));
  } catch (error) {
    list.replaceChildren();
    showError(error);
  }
}

function fillTables(network, blocs) {
  const rows = network.edges.map((edge) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, el("a", { href: dyadUrl(edge.a, edge.b, window_) }, `${edge.a} – ${edge.b}`)),
      el("td", {}, String(edge.events)),
      el("td", {}, String(edge.cooperation)),
      el("td", {}, String(edge.conflict)),
      el("td", {}, number(edge.goldstein_sum)),
    ),
  );
  document.querySelector("#edge-table tbody").replaceChildren(...rows);
  const shown = new Set(network.nodes.map((node) => node.code));
  const items = (blocs?.blocs || []).map((bloc) =>
    el(
      "li",
      { "data-testid": "bloc", "data-bloc": bloc.id },
      el("span", { class: "swatch", style: `background:${colour(bloc.id)}` }),
      ` Bloc ${bloc.id}: `,
      bloc.actors.filter((code) => shown.has(code)).join(", ") || "(no actor shown)",
    ),
  );
  items.push(el("li", {}, el("span", { class: "swatch", style: `background:${NO_BLOC}` }), " in no bloc"));
  document.getElementById("bloc-list").replaceChildren(...items);
}

async function main() {
  const summary = document.getElementById("network-summary");
  const windowParams = { from: window_.from, to: window_.to, min_events: minEvents };
  // Blocs as `diplograph blocs` finds them: its defaults (min. events per pair included) unless the
  // reader chose a minimum, so that the page and the command agree on the same window.
  const blocParams = { from: window_.from, to: window_.to };
  if (params.get("min_events")) blocParams.min_events = minEvents;
  let network;
  let blocs = null;
  try {
    [network, blocs] = await Promise.all([
      api("/api/network", windowParams),
      api("/api/blocs", blocParams).catch((error) => {
        console.warn("no blocs:", error.message);
        return null;
      }),
    ]);
  } catch (error) {
    summary.textContent = "The network could not be loaded.";
    showError(error);
    return;
  }
  const span = window_.from || window_.to ? `from ${window_.from || "the start"} to ${window_.to || "the end"}` : "all dates";
  summary.textContent = network.nodes.length
    ? `${network.nodes.length} actors and ${network.edges.length} pairs with at least ${minEvents} event${minEvents === 1 ? "" : "s"}, ${span}` +
      (blocs
        ? `; ${blocs.blocs.length} bloc${blocs.blocs.length === 1 ? "" : "s"} (pairs with at least ${blocs.method?.min_events} events, as diplograph blocs).`
        : "; blocs unavailable.")
    : `No actor has ${minEvents} event${minEvents === 1 ? "" : "s"} in this window (${span}).`;
  fillTables(network, blocs);
  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements(network, blocOf(blocs)),
    style: STYLE,
    layout: { name: "preset" },
    minZoom: 0.2,
    maxZoom: 4,
    boxSelectionEnabled: false,
  });
  cy.on("tap", "node", (event) => showActor(event.target));
  cy.on("tap", "edge", (event) => showPair(event.target));
  cy.on("mouseover", "node, edge", () => cy.container().classList.add("pointing"));
  cy.on("mouseout", "node, edge", () => cy.container().classList.remove("pointing"));
  const layout = cy.layout({
    name: "cose",
    randomize: false,
    animate: false,
    fit: true,
    padding: 30,
    nodeRepulsion: () => 12000,
    idealEdgeLength: () => 90,
  });
  layout.run();
  // For tests and the curious: the graph and the data it was drawn from.
  window.diplograph = { cy, network, blocs };
  const focus = params.get("actor");
  if (focus) {
    const node = cy.getElementById(focus.toUpperCase());
    if (node.nonempty()) {
      node.select();
      showActor(node);
    }
  }
  document.getElementById("cy").dataset.ready = "true";
}

main();
