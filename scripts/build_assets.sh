#!/usr/bin/env bash
# Build the GOV.UK Frontend assets served by Django from static/.
#
# Outputs (all committed, so the app runs without Node):
#   static/govuk/application.css          compiled from assets/scss/application.scss
#   static/govuk/govuk-frontend.min.js    GOV.UK Frontend ES module (+ .map)
#   static/govuk/assets/images/           favicons, crest, app icons
#   static/govuk/assets/manifest.json     web app manifest referencing the images
#
# The GDS Transport fonts are deliberately NOT copied: the service is not on a
# gov.uk domain, so the stylesheet uses the system font stack instead.
#
# static/js/application.mjs is hand-written and not touched by this script.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GOVUK_DIST=node_modules/govuk-frontend/dist/govuk
OUT=static/govuk

# --omit=optional skips @parcel/watcher (native file watcher only used by
# `sass --watch`, and its install script is not needed for a one-off build).
npm ci --no-audit --no-fund --omit=optional

# Start from a clean output folder so files removed upstream don't linger.
rm -rf "$OUT"
mkdir -p "$OUT/assets"

npx --no-install sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  assets/scss/application.scss "$OUT/application.css"

# The minified module ends with a sourceMappingURL comment; ship the map too so
# ManifestStaticFilesStorage (which rewrites source map references) can find it.
cp "$GOVUK_DIST/govuk-frontend.min.js" "$GOVUK_DIST/govuk-frontend.min.js.map" "$OUT/"

cp -R "$GOVUK_DIST/assets/images" "$OUT/assets/images"
cp "$GOVUK_DIST/assets/manifest.json" "$OUT/assets/manifest.json"

# Guard: the compiled CSS must not pull in the restricted font.
if grep -q -e '@font-face' -e 'GDS Transport' -e 'fonts/' "$OUT/application.css"; then
  echo "build_assets: application.css references GDS Transport fonts" >&2
  exit 1
fi

echo "build_assets: wrote $OUT ($(wc -c < "$OUT/application.css") bytes of CSS)"
