#!/usr/bin/env bash
# Web explorer assets: Leaflet, its marker-cluster plugin, topojson-client and Natural Earth
# country boundaries (world-atlas), installed from the npm registry into the folder the web app
# serves (src/sitrep/web/static/vendor/, git-ignored). The page never loads anything from a CDN.
# Safe to run again: does nothing when the pinned versions are already in place.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages="leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2"
vendor=src/sitrep/web/static/vendor
stamp="$vendor/VERSIONS"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$packages" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "50-web: npm not found: the web page will say its map assets are missing (apt package npm)" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086  # the package list is meant to split into words
npm install --silent --no-save --no-audit --no-fund --no-package-lock --prefix "$work" $packages >/dev/null
modules="$work/node_modules"

rm -rf "$vendor"
mkdir -p "$vendor/leaflet" "$vendor/markercluster" "$vendor/topojson" "$vendor/world-atlas"
cp -r "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/dist/images" \
  "$modules/leaflet/LICENSE" "$vendor/leaflet/"
cp "$modules/leaflet.markercluster/dist/leaflet.markercluster.js" \
  "$modules/leaflet.markercluster/dist/MarkerCluster.css" \
  "$modules/leaflet.markercluster/dist/MarkerCluster.Default.css" \
  "$modules/leaflet.markercluster/MIT-LICENCE.txt" "$vendor/markercluster/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$modules/topojson-client/LICENSE" "$vendor/topojson/"
cp "$modules/world-atlas/countries-50m.json" "$modules/world-atlas/LICENSE" "$vendor/world-atlas/"
echo "$packages" > "$stamp"
echo "50-web: installed $packages into $vendor"
