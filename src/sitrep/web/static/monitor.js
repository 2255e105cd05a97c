// sitrep explorer: the monitoring views over the API's /incidents/{id}, /export and /updates: one
// incident with every report side by side, the current view exported, and new events loaded as
// they are stored. Loaded before app.js, whose helpers (el, getJSON, getOrSay, state, refresh,
// writeAddress, openEvent...) these functions call when they run. Text goes in as text nodes only.
"use strict";

// Incident view rows: label, the field the API compares across reports (null: not compared), and
// how a report shows it.
const INCIDENT_ROWS = [
  ["outlet is", null,
    (r) => [r.outlet_kind, r.outlet_alignment].filter(Boolean).join(" · ") || "not in the knowledge base"],
  ["published", null, (r) => r.published || ""],
  ["sources cited", null, (r) => r.cited.map(describeSource).join("; ") || "none cited"],
  ["date", "date", (r) => r.date || "undated"],
  ["type", "sub_event_type", (r) => r.sub_event_type],
  ["actor 1", "actor1", (r) => r.actor1 || ""],
  ["actor 2", "actor2", (r) => r.actor2 || ""],
  ["place", "place", (r) => r.location_name || ""],
  ["toll", "fatalities", (r) => (r.fatalities === null ? r.fatalities_text || "no figure"
    : `${r.fatalities}${r.fatalities_text ? ` (“${r.fatalities_text}”)` : ""}`)],
  ["claim", "claim_status", (r) => r.claim_status],
];
const DEFAULT_POLL_SECONDS = 15;

// ---- incident view: every report side by side --------------------------------------------------

function describeSource(source) {
  const about = [source.kind, source.alignment].filter(Boolean).join(", ");
  return about ? `${source.name} (${about})` : source.name;
}

function dateWindow(incident) {
  if (!incident.date_earliest) return "undated";
  return incident.date_earliest === incident.date_latest ? incident.date_earliest
    : `${incident.date_earliest} to ${incident.date_latest}`;
}

function tollSentence(toll) {
  if (toll.low === null) return `Toll: no asserted report gives a figure (${toll.reports} report(s)).`;
  const range = toll.low === toll.high ? `${toll.low}` : `${toll.low}–${toll.high}`;
  return `Toll: ${range} killed, from ${toll.reports_with_figure} of ${toll.reports} report(s) giving a figure; ` +
         `headline ${toll.headline} (the lowest asserted figure).`;
}

async function openIncident(incidentId) {
  const view = await getOrSay(`/incidents/${encodeURIComponent(incidentId)}`, "the incident");
  if (!view) return;
  state.incident = view.incident.id;
  writeAddress();
  renderIncident(view);
}

function renderIncident(view) {
  const incident = view.incident;
  const panel = document.getElementById("incident-view");
  panel.dataset.incidentId = incident.id;
  document.getElementById("incident-title").textContent =
    `${incident.sub_event_type} · ${incident.location_name || "unplaced"}`;
  const outlets = [...new Set(view.reports.map((r) => r.outlet).filter(Boolean))];
  document.getElementById("incident-subtitle").textContent =
    `${incident.event_type} · ${dateWindow(incident)} · ${view.reports.length} report(s)` +
    (outlets.length ? ` from ${outlets.join(", ")}` : "");
  document.getElementById("incident-toll").textContent = tollSentence(view.toll);
  const compared = Object.fromEntries(view.comparisons.map((c) => [c.field, c]));
  const label = (field) => INCIDENT_ROWS.find((row) => row[1] === field)[0];
  const given = view.comparisons.filter((c) => c.values.length);
  const agree = given.filter((c) => c.agree).map((c) => label(c.field));
  const differ = given.filter((c) => !c.agree).map((c) => label(c.field));
  document.getElementById("incident-agreement").textContent =
    (agree.length ? `The reports agree on: ${agree.join(", ")}. ` : "") +
    (differ.length ? `They differ on: ${differ.join(", ")}.` : "They differ on nothing they all give.");

  const head = document.querySelector("#incident-reports thead");
  const headRow = document.createElement("tr");
  headRow.appendChild(el("th", "report"));
  view.reports.forEach((report, index) => {
    const cell = el("th");
    cell.dataset.eventId = report.event_id;
    const link = el("a", `${index + 1}. ${report.outlet || report.doc_id}`);
    link.href = "#";
    link.addEventListener("click", (click) => { click.preventDefault(); openEvent(report.event_id); });
    cell.appendChild(link);
    headRow.appendChild(cell);
  });
  head.replaceChildren(headRow);

  const body = document.querySelector("#incident-reports tbody");
  body.replaceChildren();
  for (const [name, field, show] of INCIDENT_ROWS) {
    const row = document.createElement("tr");
    const comparison = field ? compared[field] : null;
    row.dataset.field = field || name;
    const header = el("th", name);
    if (comparison && comparison.values.length) {  // a field no report gives neither agrees nor differs
      const verdict = comparison.agree ? "agree" : "differ";
      row.classList.add(verdict);
      header.appendChild(el("span", verdict, `badge ${verdict}`));
    }
    row.appendChild(header);
    for (const report of view.reports) {
      const cell = el("td", show(report));
      cell.dataset.eventId = report.event_id;
      if (comparison && !comparison.agree) {
        const majority = comparison.values[0].event_ids.includes(report.event_id);
        const missing = comparison.not_given.includes(report.event_id);
        cell.classList.add(missing ? "not-given" : majority ? "majority" : "minority");
      }
      row.appendChild(cell);
    }
    body.appendChild(row);
  }
  document.getElementById("detail").hidden = true;
  panel.hidden = false;
}

function closeIncident() {
  state.incident = null;
  document.getElementById("incident-view").hidden = true;
  if (state.selected) document.getElementById("detail").hidden = false;
  writeAddress();
}

// ---- export and new events ----------------------------------------------------------------------

async function exportView(format) {
  const params = filterParams();
  params.set("format", format);
  try {
    const response = await fetch(`/export?${params}`, { headers: authorization() });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
      throw new Error(`${response.status} ${detail}`);
    }
    const link = el("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = `sitrep-events.${format === "geojson" ? "geojson" : "csv"}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  } catch (error) {
    setStatus(`could not export: ${error.message}`, true);
  }
}

// Ask the server every poll_seconds whether events were stored (sitrep watch, POST /documents);
// when they were, load the view again without moving the map.
async function pollUpdates() {
  let seconds = DEFAULT_POLL_SECONDS;
  try {
    const updates = await getJSON("/updates");
    seconds = updates.poll_seconds;
    if (updates.last_event !== state.lastEvent) {
      const known = state.lastEvent;
      state.lastEvent = updates.last_event;
      if (known !== undefined) {
        await refresh({ keepView: true, note: ` · new events at ${new Date().toLocaleTimeString()}` });
      }
    }
  } catch (_) {
    // the server may be restarting: ask again later
  }
  setTimeout(pollUpdates, seconds * 1000);
}
