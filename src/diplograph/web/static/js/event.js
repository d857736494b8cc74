// One event: its facts, then every report of it with the article text and the evidence marked,
// so that a reader can check the claim against the exact characters it came from.
import { QUADS, actorsText, api, dyadUrl, el, number, showError } from "./common.js";

/** Map offsets counted in code points (Python's str, the API's offsets) to JavaScript's UTF-16
 * indexes; they differ only after a character outside the Basic Multilingual Plane (emoji …). */
export function utf16Index(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const indexes = [];
  let position = 0;
  for (const character of text) {
    indexes.push(position);
    position += character.length;
  }
  indexes.push(position);
  return (offset) => indexes[Math.max(0, Math.min(offset, indexes.length - 1))];
}

/** The text with each span wrapped in <mark class="evidence">; overlapping spans are clipped so
 * that no character is marked twice. */
export function highlighted(text, spans) {
  const index = utf16Index(text);
  const ranges = spans
    .filter((span) => Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start)
    .map((span) => ({ ...span, from: index(span.start), to: index(span.end) }))
    .sort((x, y) => x.from - y.from);
  const fragment = document.createDocumentFragment();
  let position = 0;
  ranges.forEach((range, n) => {
    const from = Math.max(range.from, position);
    if (range.to <= from) return;
    fragment.append(text.slice(position, from));
    fragment.append(
      el(
        "mark",
        {
          class: "evidence",
          "data-testid": "evidence",
          "data-span": n,
          "data-start": range.start,
          "data-end": range.end,
        },
        text.slice(from, range.to),
      ),
    );
    position = range.to;
  });
  fragment.append(text.slice(position));
  return fragment;
}

function facts(list, pairs) {
  list.replaceChildren(
    ...pairs.filter(([, value]) => value !== null && value !== undefined && value !== "").flatMap(([term, value, id]) => [
      el("dt", {}, term),
      el("dd", id ? { "data-testid": id } : {}, value),
    ]),
  );
}

function renderEvent(event) {
  const sides = actorsText(event);
  document.getElementById("event-title").textContent = `${event.type || "Event"}: ${sides}`;
  document.title = `${event.type || "Event"}: ${sides} · diplograph`;
  const names = new Map(event.actors.map((actor) => [actor.code, actor.name]));
  const named = (codes) => codes.map((code) => (names.get(code) ? `${code} (${names.get(code)})` : code)).join(", ");
  const pair = [...event.source, ...event.target].slice(0, 2);
  const quad = QUADS[event.quad_class];
  facts(document.getElementById("event-facts"), [
    ["Date", event.date || "unknown", "event-date"],
    ["Type", `${event.type}${event.cameo ? ` (CAMEO ${event.cameo})` : ""}`],
    ["Source", named(event.source)],
    ["Target", event.target.length ? named(event.target) : "— (joint event)"],
    ["Modality", event.modality, "event-modality"],
    ["Kind", quad ? quad[0] : null],
    ["Goldstein", number(event.goldstein)],
    ["Location", event.location],
    [
      "Reports",
      `${event.mentions} from ${event.outlets} outlet${event.outlets === 1 ? "" : "s"}, ` +
        `published ${event.first_report || "?"}${event.last_report && event.last_report !== event.first_report ? ` to ${event.last_report}` : ""}`,
    ],
    ["Reports agree", event.disputed === null ? null : event.disputed ? "no — disputed" : "yes"],
    ["Confidence", event.confidence === null ? null : number(event.confidence, 2)],
    [
      "Pair",
      pair.length === 2 ? el("a", { href: dyadUrl(pair[0], pair[1]), "data-testid": "dyad-link" }, `Timeline of ${pair[0]} and ${pair[1]}`) : null,
    ],
  ]);
  document.getElementById("event-flags").replaceChildren(
    ...event.flags.map((flag) => el("li", { class: "flag", "data-testid": "flag" }, el("strong", {}, flag.kind || "flag"), `: ${flag.message || ""}`)),
  );
}

function renderReport(report, documentView, n) {
  const attribution = report.attribution
    ? `${report.attribution}${report.attribution_kind ? ` (${report.attribution_kind})` : ""}`
    : "the outlet itself";
  const details = el("dl", { class: "facts" });
  facts(details, [
    ["Outlet", report.outlet || "unknown", "report-outlet"],
    ["Published", report.published || "unknown", "report-published"],
    ["Date of the event", report.date || "not given", "report-date"],
    ["Modality", report.modality, "report-modality"],
    ["According to", attribution, "report-attribution"],
    ["Confidence", report.confidence === null ? null : number(report.confidence, 2)],
    ["Document", report.document || report.doc],
  ]);
  const heading = el("h3", {}, report.title || report.document || report.doc);
  const section = el(
    "section",
    { class: "report", "data-testid": "report", "data-report": report.report, "aria-labelledby": `report-${n}` },
    heading,
    details,
  );
  heading.id = `report-${n}`;
  if (!documentView) {
    section.append(el("p", { class: "empty" }, "The article's text is not available."));
    return section;
  }
  if (documentView.url && /^https?:\/\//.test(documentView.url)) {
    section.append(el("p", {}, el("a", { href: documentView.url, rel: "noopener noreferrer" }, "Original article")));
  }
  const text = el("div", { class: "article-text", "data-testid": "article-text", lang: documentView.lang || undefined, tabindex: 0 });
  text.append(highlighted(documentView.text, report.evidence));
  section.append(
    el("p", { class: "evidence-count" }, `${report.evidence.length} evidence span${report.evidence.length === 1 ? "" : "s"} marked in the article:`),
    text,
  );
  return section;
}

async function main() {
  const page = document.getElementById("main");
  const container = document.getElementById("reports");
  try {
    const event = await api(`/api/events/${encodeURIComponent(page.dataset.event)}`);
    renderEvent(event);
    document.getElementById("reports-heading").textContent = `Reports (${event.reports.length})`;
    const docs = [...new Set(event.reports.map((report) => report.doc))];
    const views = new Map(
      await Promise.all(
        docs.map((doc) =>
          api(`/api/documents/${encodeURIComponent(doc)}`)
            .then((view) => [doc, view])
            .catch((error) => {
              showError(error);
              return [doc, null];
            }),
        ),
      ),
    );
    container.replaceChildren(...event.reports.map((report, n) => renderReport(report, views.get(report.doc), n)));
    // Bring each report's first evidence into view inside its scrolling article box.
    for (const box of container.querySelectorAll(".article-text")) {
      const mark = box.querySelector("mark");
      if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
    }
    container.dataset.ready = "true";
  } catch (error) {
    container.replaceChildren(el("p", {}, "The event could not be loaded."));
    showError(error);
  }
}

main();
