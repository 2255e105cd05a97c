// sitrep explorer: map, timeline, event list and evidence panel over the sitrep HTTP API.
// Every piece of article text, name or place is put in the page as a text node (textContent),
// never as HTML: an article that contains "<script>" shows those characters.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#1f77b4",
  "Riots": "#8c564b",
  "Strategic developments": "#2ca02c",
};
const OTHER_COLOUR = "#7f7f7f";
const PAGE_SIZE = 1000;
const MAX_PAGES = 20;
// Rows in the event list: more is no list anyone reads (the map and timeline show them all).
const MAX_LIST_ROWS = 500;
// Evidence roles (as the store names them) -> the highlight class and legend label.
const HIGHLIGHT_ROLES = [
  ["trigger", "trigger"],
  ["actor", "actors"],
  ["place", "place"],
  ["date", "date"],
  ["fatalities", "fatalities"],
  ["source", "source"],
  ["claim", "denial / hypothesis"],
];
const SVG_NS = "http://www.w3.org/2000/svg";
// Where the API token lives once given (this tab only): a server whose reads are protected asks for it.
const TOKEN_KEY = "sitrep-api-token";

// selected: the open event's id; incident: the id of the incident shown side by side (or null);
// lastEvent: the store's newest event key when the events were last loaded (GET /updates).
const state = { events: [], map: null, cluster: null, world: null, selected: null, incident: null,
                lastEvent: undefined };

function colourOf(eventType) {
  return TYPE_COLOURS[eventType] || OTHER_COLOUR;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
}

function authorization() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// Reads need the API token on this server: show the token form (a wrong token is forgotten).
function askForToken() {
  const form = document.getElementById("token-form");
  if (!form.hidden) return;  // the page's first requests come back refused together
  const refused = sessionStorage.getItem(TOKEN_KEY) !== null;
  sessionStorage.removeItem(TOKEN_KEY);
  document.getElementById("token-note").textContent = refused
    ? "the token was refused: try again"
    : "reading this server's events needs its API token";
  form.hidden = false;
  form.elements.namedItem("token").focus();
}

function useToken(submit) {
  submit.preventDefault();
  const token = submit.target.elements.namedItem("token").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  location.reload();
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json", ...authorization() } });
  if (response.status === 401) askForToken();
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${path}: ${response.status} ${detail}`);
  }
  return response.json();
}

// ---- filters --------------------------------------------------------------------------------

function filterParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(document.getElementById("filters"))) {
    if (String(value).trim()) params.set(name, String(value).trim());
  }
  return params;
}

// The address keeps the filters and what is open (an event or an incident), so a view can be shared.
function writeAddress() {
  const params = filterParams();
  if (state.incident !== null) params.set("incident", state.incident);
  else if (state.selected) params.set("event", state.selected);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
}

function restoreFilters() {
  const form = document.getElementById("filters");
  for (const [name, value] of new URLSearchParams(location.search)) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.appendChild(new Option(value, value));
    }
    field.value = value;
  }
}

function fillSelect(select, values) {
  for (const value of values) select.appendChild(new Option(value, value));
}

function fillDatalist(list, names) {
  for (const name of names) {
    const option = document.createElement("option");
    option.value = name;
    list.appendChild(option);
  }
}

async function loadFilterOptions() {
  const [taxonomy, stats, actors, sources, alignments] = await Promise.all([
    getJSON("/taxonomy"), getJSON("/stats"), getJSON("/actors"), getJSON("/sources"), getJSON("/alignments"),
  ]);
  const form = document.getElementById("filters");
  fillSelect(form.elements.namedItem("type"), Object.keys(taxonomy));
  fillSelect(form.elements.namedItem("alignment"), alignments);
  fillSelect(form.elements.namedItem("country"), Object.keys(stats.by_country).sort());
  fillDatalist(document.getElementById("actor-options"), actors.map((a) => a.name));
  const sourceNames = new Set([...sources.map((s) => s.name), ...Object.keys(stats.by_outlet)]);
  fillDatalist(document.getElementById("source-options"), [...sourceNames].sort());
}

// ---- data -------------------------------------------------------------------------------------

async function fetchEvents(params) {
  const events = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES && offset !== null; page++) {
    const query = new URLSearchParams(params);
    query.set("limit", PAGE_SIZE);
    query.set("offset", offset);
    const body = await getJSON(`/events?${query}`);
    events.push(...body.events);
    offset = body.next_offset;
  }
  return { events, truncated: offset !== null };
}

// keepView: the map stays where the reader left it (new events arriving while they look).
async function refresh({ keepView = false, note = "" } = {}) {
  const params = filterParams();
  writeAddress();
  if (!keepView) setStatus("loading…");
  try {
    const { events, truncated } = await fetchEvents(params);
    state.events = events;
    drawMap(events, keepView);
    drawTimeline(events);
    drawList(events);
    const placed = events.filter(hasPoint).length;
    setStatus(`${events.length}${truncated ? "+" : ""} event(s), ${placed} on the map` +
              (events.length - placed ? `, ${events.length - placed} without coordinates` : "") + note);
    document.body.dataset.loaded = "true";
  } catch (error) {
    setStatus(`could not load events: ${error.message}`, true);
  }
}

function hasPoint(event) {
  const loc = event.location;
  return Boolean(loc) && Number.isFinite(loc.latitude) && Number.isFinite(loc.longitude);
}

function actorName(actor) {
  return actor ? (actor.name || actor.text) : "";
}

function placeName(event) {
  const loc = event.location;
  if (!loc) return "";
  return [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean)
    .filter((part, index, parts) => parts.indexOf(part) === index).join(", ");
}

// ---- map ----------------------------------------------------------------------------------------

function clusterIcon(cluster) {
  // A ring of the event types in the cluster, the count in the middle.
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) {
    counts[marker.options.eventType] = (counts[marker.options.eventType] || 0) + 1;
  }
  const total = cluster.getChildCount();
  let angle = 0;
  const stops = Object.entries(counts).map(([type, n]) => {
    const start = angle;
    angle += (360 * n) / total;
    return `${colourOf(type)} ${start}deg ${angle}deg`;
  });
  const ring = el("div", null, "cluster-ring");
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  ring.appendChild(el("span", total));
  const size = total < 10 ? 34 : total < 100 ? 40 : 48;
  return L.divIcon({ html: ring, className: "cluster-icon", iconSize: [size, size] });
}

async function initMap() {
  if (typeof L === "undefined") {
    document.getElementById("map").appendChild(el("p",
      "Map assets are not installed: run scripts/setup.d/50-web.sh (Leaflet and Natural Earth boundaries from npm).",
      "error"));
    return;
  }
  state.map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, attributionControl: true })
    .setView([20, 10], 2);
  state.map.attributionControl.setPrefix(false);
  state.map.attributionControl.addAttribution("Boundaries: Natural Earth");
  state.cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40,
                                         spiderfyOnMaxZoom: true, showCoverageOnHover: false });
  state.map.addLayer(state.cluster);
  // The countries on a canvas in a pane of their own, under the events.
  state.map.createPane("world").style.zIndex = 350;
  try {
    const topology = await getJSON("/static/vendor/world-atlas/countries-50m.json");
    const countries = topojson.feature(topology, topology.objects.countries);
    state.world = L.geoJSON(countries.features.map(flatMapFeature), {
      renderer: L.canvas({ pane: "world", padding: 0.5 }),
      style: { color: "#8a8a8a", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(state.map);
  } catch (error) {
    setStatus(`country boundaries unavailable: ${error.message}`, true);
  }
}

function drawMap(events, keepView) {
  if (!state.map) return;
  state.cluster.clearLayers();
  const markers = events.filter(hasPoint).map((event) => {
    const marker = L.circleMarker([event.location.latitude, event.location.longitude], {
      radius: 7, color: "#222", weight: 1, fillColor: colourOf(event.event_type), fillOpacity: 0.9,
      eventType: event.event_type, eventId: event.event_id,
    });
    const label = el("div");
    label.appendChild(el("strong", event.sub_event_type));
    label.appendChild(el("div", [event.date || "undated", placeName(event)].filter(Boolean).join(" · ")));
    marker.bindTooltip(label);
    marker.on("click", () => openEvent(event.event_id));
    return marker;
  });
  state.cluster.addLayers(markers);
  if (markers.length && !keepView) {
    state.map.fitBounds(state.cluster.getBounds().pad(0.3), { maxZoom: 7, animate: false });
  }
}

function drawLegend() {
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const item = el("span", null, "legend-item");
    const swatch = el("span", null, "swatch");
    swatch.style.background = colour;
    item.append(swatch, document.createTextNode(type));
    legend.appendChild(item);
  }
}

// ---- timeline -------------------------------------------------------------------------------

function svg(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function dayNumber(isoDay) {
  return Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86400000);
}

function isoOfDay(number) {
  return new Date(number * 86400000).toISOString().slice(0, 10);
}

function drawTimeline(events) {
  const chart = document.getElementById("timeline");
  chart.replaceChildren();
  const dated = events.filter((e) => e.date);
  const width = chart.clientWidth || 800;
  const height = 120;
  const axis = 18;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!dated.length) {
    const empty = svg("text", { x: 8, y: height / 2, class: "timeline-empty" });
    empty.textContent = "no dated events";
    chart.appendChild(empty);
    return;
  }
  const days = dated.map((e) => dayNumber(e.date));
  const first = Math.min(...days) - 1;
  const last = Math.max(...days) + 1;
  const perDay = new Map();
  for (const event of dated) {
    const day = dayNumber(event.date);
    const counts = perDay.get(day) || {};
    counts[event.event_type] = (counts[event.event_type] || 0) + 1;
    perDay.set(day, counts);
  }
  const tallest = Math.max(...[...perDay.values()].map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
  const margin = 36;  // room for the first and last date labels
  const slot = (width - 2 * margin) / (last - first + 1);
  const barWidth = Math.min(28, Math.max(1, slot * 0.8));
  const scale = (height - axis - 4) / tallest;
  for (const [day, counts] of perDay) {
    let top = height - axis;
    const x = margin + (day - first) * slot + (slot - barWidth) / 2;
    for (const [type, n] of Object.entries(counts)) {
      const barHeight = n * scale;
      top -= barHeight;
      const bar = svg("rect", { x, y: top, width: barWidth, height: barHeight, fill: colourOf(type),
                                class: "timeline-bar", "data-day": isoOfDay(day), "data-type": type });
      const tip = svg("title");
      tip.textContent = `${isoOfDay(day)}: ${n} × ${type}`;
      bar.appendChild(tip);
      bar.addEventListener("click", () => filterToDay(isoOfDay(day)));
      chart.appendChild(bar);
    }
  }
  const ticks = Math.min(8, last - first + 1);
  for (let i = 0; i < ticks; i++) {
    const day = first + Math.round((i * (last - first)) / Math.max(1, ticks - 1));
    const label = svg("text", { x: margin + (day - first) * slot + slot / 2, y: height - 4, class: "timeline-tick" });
    label.textContent = isoOfDay(day);
    chart.appendChild(label);
  }
}

function filterToDay(isoDay) {
  const form = document.getElementById("filters");
  form.elements.namedItem("from").value = isoDay;
  form.elements.namedItem("to").value = isoDay;
  refresh();
}

// ---- event list -------------------------------------------------------------------------------

function drawList(events) {
  const body = document.querySelector("#event-list tbody");
  body.replaceChildren();
  for (const event of events.slice(0, MAX_LIST_ROWS)) {
    const row = document.createElement("tr");
    row.dataset.eventId = event.event_id;
    row.tabIndex = 0;
    const type = el("td");
    const swatch = el("span", null, "swatch");
    swatch.style.background = colourOf(event.event_type);
    type.append(swatch, document.createTextNode(event.sub_event_type));
    if (event.claim_status !== "asserted") type.appendChild(el("span", event.claim_status, "badge"));
    row.append(
      el("td", event.date || "undated"),
      type,
      el("td", [actorName(event.actor1), actorName(event.actor2)].filter(Boolean).join(" vs ")),
      el("td", placeName(event)),
      el("td", event.fatalities ?? ""),
    );
    row.addEventListener("click", () => openEvent(event.event_id));
    row.addEventListener("keydown", (key) => { if (key.key === "Enter") openEvent(event.event_id); });
    body.appendChild(row);
  }
  if (events.length > MAX_LIST_ROWS) {
    const more = el("td", `… and ${events.length - MAX_LIST_ROWS} more: narrow the filters to list them`, "muted");
    more.colSpan = 5;
    body.appendChild(document.createElement("tr")).appendChild(more);
  }
}

// ---- detail panel -----------------------------------------------------------------------------

function roleClass(role) {
  if (role.includes("actor")) return "actor";
  return HIGHLIGHT_ROLES.some(([name]) => name === role) ? role : null;
}

// The document text cut at every span boundary; each piece is a text node, or a <mark> (also
// holding only a text node) whose classes name every evidence role covering it.
function highlightedText(text, spans) {
  const usable = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const span of usable) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const covering = usable.filter((s) => s.start <= start && s.end >= end);
    if (!covering.length) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const mark = el("mark", piece, "hl");
    const roles = new Set();
    for (const span of covering) {
      if (span.role === "sentence") mark.classList.add("hl-sentence");
      const cls = roleClass(span.role);
      if (cls) { mark.classList.add(`hl-${cls}`); roles.add(span.role); }
    }
    if (roles.size) mark.title = [...roles].join(", ");
    mark.dataset.roles = [...roles].join(" ");
    fragment.appendChild(mark);
  }
  return fragment;
}

function addField(list, name, value) {
  if (value === undefined || value === null || value === "") return;
  list.append(el("dt", name), el("dd", value));
}

function describeActor(actor) {
  if (!actor) return null;
  const parts = [actor.name || actor.text];
  if (actor.name && actor.text && actor.text !== actor.name) parts.push(`(“${actor.text}”)`);
  if (actor.actor_type) parts.push(`· ${actor.actor_type.replace("_", " ")}`);
  return parts.join(" ");
}

function describeLocation(loc) {
  if (!loc) return null;
  const parts = [placeName({ location: loc })];
  if (Number.isFinite(loc.latitude)) parts.push(`${loc.latitude.toFixed(3)}, ${loc.longitude.toFixed(3)}`);
  if (loc.geo_precision) parts.push(`precision ${loc.geo_precision}`);
  if (!loc.resolved && loc.reason) parts.push(`unresolved: ${loc.reason}`);
  return parts.join(" · ");
}

// The JSON at path, or null once the status line says what could not be opened and why.
async function getOrSay(path, what) {
  try {
    return await getJSON(path);
  } catch (error) {
    setStatus(`could not open ${what}: ${error.message}`, true);
    return null;
  }
}

async function openEvent(eventId) {
  const stored = await getOrSay(`/events/${encodeURIComponent(eventId)}`, "the event");
  if (!stored) return;
  state.selected = eventId;
  state.incident = null;
  writeAddress();
  for (const row of document.querySelectorAll("#event-list tr.selected")) row.classList.remove("selected");
  const row = document.querySelector(`#event-list tr[data-event-id="${CSS.escape(eventId)}"]`);
  if (row) row.classList.add("selected");
  renderDetail(stored);
}

function renderDetail(stored) {
  const event = stored.event;
  const panel = document.getElementById("detail");
  panel.dataset.eventId = event.event_id;
  panel.dataset.incidentId = stored.incident_id;
  document.getElementById("open-incident").textContent =
    `Compare the ${stored.siblings.length + 1} report(s) of this incident side by side`;
  document.getElementById("detail-title").textContent = event.sub_event_type;
  const subtitle = document.getElementById("detail-subtitle");
  subtitle.replaceChildren(document.createTextNode(`${event.event_type} · ${event.date || "undated"}`));
  if (event.claim_status !== "asserted") subtitle.appendChild(el("span", event.claim_status, "badge"));

  const fields = document.getElementById("detail-fields");
  fields.replaceChildren();
  addField(fields, "actor 1", describeActor(event.actor1));
  addField(fields, "with", event.assoc_actor1.map(describeActor).join("; "));
  addField(fields, "actor 2", describeActor(event.actor2));
  addField(fields, "with", event.assoc_actor2.map(describeActor).join("; "));
  addField(fields, "place", describeLocation(event.location));
  addField(fields, "fatalities", event.fatalities === null ? event.fatalities_text
    : `${event.fatalities}${event.fatalities_text ? ` (“${event.fatalities_text}”)` : ""}`);
  addField(fields, "confidence", event.evidence.confidence.toFixed(2));
  addField(fields, "rule", event.evidence.rule);

  const sources = document.getElementById("detail-sources");
  sources.replaceChildren();
  for (const source of event.reported_by) {
    const item = el("li", source.name || source.text);
    const about = [source.kind, source.alignment && `alignment: ${source.alignment}`].filter(Boolean).join(" · ");
    if (about) item.appendChild(el("span", ` — ${about}`, "muted"));
    sources.appendChild(item);
  }
  if (!event.reported_by.length) sources.appendChild(el("li", "none cited in the article", "muted"));

  const siblings = document.getElementById("detail-siblings");
  siblings.replaceChildren();
  for (const report of stored.siblings) {
    const item = el("li", null, "sibling");
    const link = el("a", `${report.sub_event_type} · ${report.date || "undated"}`);
    link.href = "#";
    link.addEventListener("click", (click) => { click.preventDefault(); openEvent(report.event_id); });
    const by = [report.outlet, report.reported_by.length ? `citing ${report.reported_by.join(", ")}` : null,
                report.fatalities !== null ? `${report.fatalities} killed` : report.fatalities_text,
                report.location_name, report.claim_status !== "asserted" ? report.claim_status : null]
      .filter(Boolean).join(" · ");
    item.append(link, el("span", by ? ` — ${by}` : "", "muted"));
    siblings.appendChild(item);
  }
  if (!stored.siblings.length) siblings.appendChild(el("li", "no other report", "muted"));

  const doc = stored.document;
  document.getElementById("detail-document").textContent =
    doc ? `— ${[doc.outlet, doc.published, doc.url].filter(Boolean).join(" · ") || doc.id}` : "";
  const article = document.getElementById("article-text");
  article.lang = event.evidence.language || "";
  article.replaceChildren();
  if (doc && doc.text) {
    article.appendChild(highlightedText(doc.text, stored.evidence));
  } else {
    article.appendChild(el("p", "the document's text is not stored", "muted"));
  }
  document.getElementById("incident-view").hidden = true;
  panel.hidden = false;
  const trigger = article.querySelector("mark.hl-trigger");
  if (trigger) trigger.scrollIntoView({ block: "center" });
}

// What the address says is open; kept in the state (so the address keeps it while the events load).
function restoreOpened() {
  const address = new URLSearchParams(location.search);
  state.selected = address.get("event");
  state.incident = address.get("incident");
}

async function reopen() {
  const { selected, incident } = state;
  if (selected) await openEvent(selected);
  if (incident !== null) await openIncident(incident);
}

function drawHighlightLegend() {
  const legend = document.getElementById("highlight-legend");
  for (const [role, label] of HIGHLIGHT_ROLES) legend.appendChild(el("mark", label, `hl hl-${role}`));
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  drawLegend();
  drawHighlightLegend();
  document.getElementById("token-form").addEventListener("submit", useToken);
  const form = document.getElementById("filters");
  form.addEventListener("submit", (submit) => { submit.preventDefault(); refresh(); });
  form.addEventListener("change", (change) => { if (change.target.tagName === "SELECT") refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  document.getElementById("close-detail").addEventListener("click", () => {
    document.getElementById("detail").hidden = true;
    state.selected = null;
    writeAddress();
  });
  document.getElementById("close-incident").addEventListener("click", closeIncident);
  document.getElementById("open-incident").addEventListener("click", (click) => {
    click.preventDefault();
    openIncident(document.getElementById("detail").dataset.incidentId);
  });
  for (const button of document.querySelectorAll("#export button")) {
    button.addEventListener("click", () => exportView(button.dataset.format));
  }
  // The chart is drawn in pixels of its current width: redraw when the detail panel opens or
  // the window changes size, so its labels keep their size.
  let drawnWidth = 0;
  new ResizeObserver(([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (width && width !== drawnWidth) { drawnWidth = width; drawTimeline(state.events); }
  }).observe(document.getElementById("timeline"));
  await initMap();
  if (state.map) new ResizeObserver(() => state.map.invalidateSize()).observe(document.getElementById("map"));
  try {
    await loadFilterOptions();
  } catch (error) {
    setStatus(`could not load the filters: ${error.message}`, true);
  }
  restoreFilters();
  restoreOpened();
  await pollUpdates();  // learns the store's newest event, then asks again every poll_seconds
  await refresh();
  await reopen();
}

start();
