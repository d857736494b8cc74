// A pair of actors: the monthly series of /api/dyad drawn as SVG, and the list of their events.
import { el, api, listEvents, number, pairEvents, query, showError } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 860;
const LEFT = 48;
const RIGHT = 12;
const COUNTS = { top: 30, bottom: 180 }; // bars of cooperation and conflict
const GOLDSTEIN = { top: 226, bottom: 316 }; // bars of the Goldstein sum around a zero line
const HEIGHT = 344;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

function title(text) {
  return svg("title", {}, text);
}

/** Every month from the first to the last, so that gaps show as gaps. */
export function monthRange(first, last) {
  const months = [];
  let [year, month] = first.split("-").map(Number);
  const [endYear, endMonth] = last.split("-").map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** A rounded-up axis maximum with a few readable ticks. */
function ticks(max) {
  if (max <= 0) return [0];
  const step = max <= 5 ? 1 : 10 ** Math.floor(Math.log10(max)) * (max / 10 ** Math.floor(Math.log10(max)) > 5 ? 2 : 1);
  const top = Math.ceil(max / step) * step;
  const values = [];
  for (let value = 0; value <= top + 1e-9; value += step) values.push(Number(value.toFixed(6)));
  return values.length > 7 ? values.filter((_, i) => i % 2 === 0 || i === values.length - 1) : values;
}

export function drawTimeline(element, series) {
  const byMonth = new Map(series.map((row) => [row.month, row]));
  const months = series.length ? monthRange(series[0].month, series[series.length - 1].month) : [];
  element.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  element.setAttribute("data-months", String(months.length));
  if (!months.length) {
    element.replaceChildren(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "No dated events."));
    return;
  }
  const slot = (WIDTH - LEFT - RIGHT) / months.length;
  const bar = Math.max(2, Math.min(24, slot * 0.38));
  const countTicks = ticks(Math.max(...series.map((row) => Math.max(row.cooperation, row.conflict))));
  const countMax = countTicks[countTicks.length - 1] || 1;
  const countY = (value) => COUNTS.bottom - ((COUNTS.bottom - COUNTS.top) * value) / countMax;
  const goldMax = Math.max(1, ...series.map((row) => Math.abs(row.goldstein_sum ?? 0)));
  const zero = (GOLDSTEIN.top + GOLDSTEIN.bottom) / 2;
  const goldY = (value) => zero - ((GOLDSTEIN.bottom - GOLDSTEIN.top) / 2) * (value / goldMax);

  const axes = svg("g", { class: "axes" });
  for (const value of countTicks) {
    axes.append(
      svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: countY(value), y2: countY(value), class: value ? "grid" : "axis" }),
      svg("text", { x: LEFT - 6, y: countY(value) + 4, "text-anchor": "end" }, String(value)),
    );
  }
  axes.append(
    svg("text", { x: 4, y: COUNTS.top - 14, class: "label" }, "events per month"),
    svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: zero, y2: zero, class: "axis" }),
    svg("text", { x: LEFT - 6, y: zero + 4, "text-anchor": "end" }, "0"),
    svg("text", { x: LEFT - 6, y: GOLDSTEIN.top + 8, "text-anchor": "end" }, `+${number(goldMax)}`),
    svg("text", { x: LEFT - 6, y: GOLDSTEIN.bottom, "text-anchor": "end" }, `−${number(goldMax)}`),
    svg("text", { x: 4, y: GOLDSTEIN.top - 14, class: "label" }, "Goldstein sum per month"),
  );

  const bars = svg("g", { class: "bars" });
  const labelEvery = Math.ceil(months.length / 12);
  months.forEach((month, i) => {
    const row = byMonth.get(month) || { month, events: 0, cooperation: 0, conflict: 0, goldstein_sum: null };
    const centre = LEFT + slot * (i + 0.5);
    for (const [kind, offset] of [
      ["cooperation", -bar],
      ["conflict", 0],
    ]) {
      const value = row[kind];
      if (!value) continue;
      bars.append(
        svg(
          "rect",
          {
            class: `bar ${kind}`,
            "data-month": month,
            "data-value": value,
            x: centre + offset,
            y: countY(value),
            width: bar,
            height: COUNTS.bottom - countY(value),
          },
          title(`${month}: ${value} ${kind} event${value === 1 ? "" : "s"}`),
        ),
      );
    }
    const sum = row.goldstein_sum;
    if (sum) {
      bars.append(
        svg(
          "rect",
          {
            class: `bar goldstein ${sum > 0 ? "positive" : "negative"}`,
            "data-month": month,
            "data-value": sum,
            x: centre - bar,
            y: Math.min(goldY(sum), zero),
            width: 2 * bar,
            height: Math.abs(goldY(sum) - zero),
          },
          title(`${month}: Goldstein sum ${number(sum)}`),
        ),
      );
    }
    if (i % labelEvery === 0) {
      axes.append(svg("text", { x: centre, y: HEIGHT - 8, "text-anchor": "middle", class: "month" }, month));
    }
  });
  element.replaceChildren(axes, bars);
}

function fillTable(series) {
  document.querySelector("#timeline-table tbody").replaceChildren(
    ...series.map((row) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, row.month),
        el("td", {}, String(row.events)),
        el("td", {}, String(row.cooperation)),
        el("td", {}, String(row.conflict)),
        el("td", {}, number(row.goldstein_sum)),
      ),
    ),
  );
}

async function main() {
  const page = document.getElementById("main");
  const { a, b } = page.dataset;
  const params = query();
  const window_ = { from: params.get("from") || "", to: params.get("to") || "" };
  const summary = document.getElementById("dyad-summary");
  const timeline = document.getElementById("timeline");
  const list = document.getElementById("dyad-events");
  try {
    const [series, { events, complete }] = await Promise.all([
      api("/api/dyad", { a, b, ...window_ }),
      pairEvents(a, b, window_),
    ]);
    const months = series.months;
    const total = (key) => months.reduce((sum, row) => sum + (row[key] || 0), 0);
    summary.textContent =
      `${events.length}${complete ? "" : "+"} event${events.length === 1 ? "" : "s"} between ${a} and ${b}; ` +
      `${total("events")} dated to a month: ${total("cooperation")} cooperation, ${total("conflict")} conflict, ` +
      `Goldstein sum ${number(total("goldstein_sum"))}.`;
    drawTimeline(timeline, months);
    fillTable(months);
    listEvents(list, events, "No events between the two in this window.");
    timeline.dataset.ready = "true";
  } catch (error) {
    summary.textContent = "The pair could not be loaded.";
    showError(error);
  }
}

main();
