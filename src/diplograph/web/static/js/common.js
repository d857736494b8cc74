// Helpers every page shares: calling the API, building DOM nodes, listing events.
// Text from the store (articles, names) only ever enters the page as text nodes, never as HTML.

/** An answer of the API that is not a success: its status and its one-sentence detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET an API path with query parameters (empty ones left out; arrays repeat the parameter). */
export async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== "") url.searchParams.append(name, String(one));
    }
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(response.status, detail || `HTTP ${response.status}`);
  }
  return body;
}

/** An element with attributes (class, data-*, aria-*, href …) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

/** Show an error in the page's alert region (screen readers announce it). */
export function showError(error) {
  const box = document.getElementById("error");
  const message = error instanceof ApiError ? `The server answered ${error.status}: ${error.message}` : String(error);
  box.textContent = message;
  box.hidden = false;
  console.warn(message);
}

/** The page's query parameters. */
export function query() {
  return new URLSearchParams(location.search);
}

/** Copy the window of the page's URL (from, to …) into the form's inputs. */
export function fillForm(params, names) {
  for (const name of names) {
    const input = document.querySelector(`form [name="${name}"]`);
    if (input && params.get(name)) input.value = params.get(name);
  }
}

export const QUADS = {
  1: ["verbal cooperation", "cooperation"],
  2: ["material cooperation", "cooperation"],
  3: ["verbal conflict", "conflict"],
  4: ["material conflict", "conflict"],
};

/** "RUS → IRN", or "IRN, RUS (jointly)" for an event without a target. */
export function actorsText(event) {
  const source = (event.source || []).join(", ") || "?";
  return event.target && event.target.length ? `${source} → ${event.target.join(", ")}` : `${source} (jointly)`;
}

export function eventUrl(id) {
  return `/event/${encodeURIComponent(id)}`;
}

export function dyadUrl(a, b, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value));
  const tail = search.toString() ? `?${search}` : "";
  return `/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}${tail}`;
}

/** One line of an event list: date, type and actors as a link to the event page, then its kind. */
export function eventItem(event) {
  const [quadLabel, side] = QUADS[event.quad_class] || ["unclassified", "neutral"];
  const details = [event.modality, `${event.mentions} report${event.mentions === 1 ? "" : "s"}`];
  if (event.outlets > 1) details.push(`${event.outlets} outlets`);
  if (event.disputed) details.push("disputed");
  return el(
    "li",
    { class: "event", "data-testid": "event-item", "data-event": event.event },
    el(
      "a",
      { href: eventUrl(event.event) },
      el(
        "span",
        { class: "date", title: event.date_precision === "publication" ? "undated: its first report's publication date" : "" },
        event.date ? event.date + (event.date_precision === "publication" ? " (published)" : "") : "undated",
      ),
      " ",
      el("strong", {}, event.type || "event"),
      " ",
      actorsText(event),
    ),
    " ",
    el("span", { class: `tag ${side}` }, quadLabel),
    " ",
    el("span", { class: "details" }, details.filter(Boolean).join(" · ")),
  );
}

/** Events between two actors in either direction: the API's dyad filter is directed (a acting on
 * b, or both in a joint event), so ask both ways and merge. */
export async function pairEvents(a, b, window = {}) {
  const common = { from: window.from, to: window.to, limit: 500 };
  const [forward, backward] = await Promise.all([
    api("/api/events", { ...common, dyad: `${a},${b}` }),
    api("/api/events", { ...common, dyad: `${b},${a}` }),
  ]);
  const seen = new Map();
  for (const event of [...forward.items, ...backward.items]) seen.set(event.event, event);
  const events = [...seen.values()].sort(byDate);
  return { events, complete: forward.total <= forward.items.length && backward.total <= backward.items.length };
}

/** Dated events first, oldest first; then the undated ones. */
export function byDate(x, y) {
  if (x.date === y.date) return x.event < y.event ? -1 : 1;
  if (!x.date) return 1;
  if (!y.date) return -1;
  return x.date < y.date ? -1 : 1;
}

/** Fill a list with events, or say that there are none. */
export function listEvents(list, events, empty = "No events.") {
  list.replaceChildren(...(events.length ? events.map(eventItem) : [el("li", { class: "empty" }, empty)]));
}

export function number(value, digits = 1) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits).replace(/\.0+$/, "");
}
