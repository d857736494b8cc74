// Search: /api/search finds events by the words of their evidence and actors by code or name.
// The form is a plain GET form, so the URL of a result page can be shared and reloaded.
import { api, el, listEvents, query, showError } from "./common.js";

async function main() {
  const q = (query().get("q") || "").trim();
  const summary = document.getElementById("search-summary");
  const actors = document.getElementById("actor-results");
  const events = document.getElementById("event-results");
  if (!q) {
    summary.textContent = "Type a word (sanctions, Gipfel, drones …) or an actor (RUS, Iran …).";
    return;
  }
  summary.textContent = "Searching…";
  try {
    const result = await api("/api/search", { q, limit: 100 });
    summary.textContent =
      `${result.total} event${result.total === 1 ? "" : "s"} and ${result.actors.length} ` +
      `actor${result.actors.length === 1 ? "" : "s"} for “${q}”` +
      (result.total > result.events.length ? ` (first ${result.events.length} events shown).` : ".");
    actors.replaceChildren(
      ...(result.actors.length
        ? result.actors.map((actor) =>
            el(
              "li",
              { "data-testid": "actor-item", "data-code": actor.code },
              el("a", { href: `/?actor=${encodeURIComponent(actor.code)}` }, el("strong", {}, actor.code), actor.name ? ` — ${actor.name}` : ""),
              ` · ${actor.kind || "actor"} · ${actor.events} event${actor.events === 1 ? "" : "s"}`,
            ),
          )
        : [el("li", { class: "empty" }, "No actor.")]),
    );
    listEvents(events, result.events, "No event.");
    document.getElementById("main").dataset.ready = "true";
  } catch (error) {
    summary.textContent = "The search failed.";
    showError(error);
  }
}

main();
