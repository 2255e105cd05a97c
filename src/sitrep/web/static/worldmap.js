// sitrep explorer: the world layer (Natural Earth countries from world-atlas) made fit for a flat map.
// Loaded before app.js; flatMapFeature is called when the map is drawn.
"use strict";

// world-atlas keeps polygons that cross the antimeridian whole (Russia, Fiji) and rings around a
// pole (Antarctica) open, as a globe draws them. On a flat map their step from +180° to -180°
// would cut across the whole world: a horizontal band. Each ring is made continuous (its
// longitudes unwrapped); a polygon that then spills past ±180° is drawn a second time, shifted by
// 360°, so both edges of the map show it; a ring around a pole is laid round three times (one
// world either side of the map's) and closed along the pole.

function crossesAt(ring) {
  return ring.findIndex((point, i) => i > 0 && Math.abs(point[0] - ring[i - 1][0]) > 180);
}

// The ring with each step of more than 180° of longitude taken the short way round; turns: how
// many times it went round the globe (not 0 for a ring around a pole).
function unwrapRing(ring) {
  let shift = 0;
  const unwrapped = ring.map((point, i) => {
    if (i > 0) {
      const step = point[0] - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [point[0] + shift, point[1]];
  });
  return { ring: unwrapped, turns: shift / 360 };
}

function moved(ring, degrees) {
  return ring.map(([lon, lat]) => [lon + degrees, lat]);
}

function flatRing(ring) {
  if (crossesAt(ring) < 0) return ring;
  const { ring: unwrapped, turns } = unwrapRing(ring);
  if (turns === 0) return unwrapped;
  // round a pole: start right after the crossing, so one turn runs from one edge of the map to
  // the other; three turns in a row, closed along the pole on the side the ring lies
  const open = ring.slice(0, -1);
  const start = crossesAt(open);
  const { ring: turn } = unwrapRing([...open.slice(start), ...open.slice(0, start)]);
  const step = Math.sign(turn[turn.length - 1][0] - turn[0][0]) * 360;
  const around = [...moved(turn, -step), ...turn, ...moved(turn, step)];
  const pole = turn.reduce((sum, point) => sum + point[1], 0) < 0 ? -90 : 90;
  return [...around, [around[around.length - 1][0], pole], [around[0][0], pole], around[0]];
}

function flatPolygons(polygon) {
  const [outer, ...holes] = polygon.map(flatRing);
  const middle = (ring) => ring.reduce((sum, point) => sum + point[0], 0) / ring.length;
  // a hole unwrapped on its own may sit 360° away from its outer ring: bring it alongside
  const flat = [outer, ...holes.map((hole) => moved(hole, 360 * Math.round((middle(outer) - middle(hole)) / 360)))];
  const longitudes = outer.map((point) => point[0]);
  const [west, east] = [Math.min(...longitudes), Math.max(...longitudes)];
  const copies = [flat];
  if (east - west < 360) {  // not round a pole
    if (east > 180) copies.push(flat.map((ring) => moved(ring, -360)));
    if (west < -180) copies.push(flat.map((ring) => moved(ring, 360)));
  }
  return copies;
}

function flatMapFeature(feature) {
  const geometry = feature.geometry;
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) return feature;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return { ...feature, geometry: { type: "MultiPolygon", coordinates: polygons.flatMap(flatPolygons) } };
}
