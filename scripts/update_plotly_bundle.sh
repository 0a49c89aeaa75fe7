#!/bin/sh
# Refresh vendor/plotly.js-basic-dist-min from the npm registry after upgrading plotly (Python).
# The bundle's version must be the plotly.js version that plotly.py writes figures for;
# tests/test_site.py checks that they agree. Needs npm; the build itself does not.
set -eu
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c "import plotly, pathlib, re; print(re.search(r'plotly.js v([0-9.]+)', (pathlib.Path(plotly.__file__).parent / 'package_data/plotly.min.js').read_text()[:300]).group(1))")
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent "plotly.js-basic-dist-min@$version" >/dev/null && tar xzf ./*.tgz)
cp "$tmp/package/plotly-basic.min.js" "$tmp/package/LICENSE" "$tmp/package/package.json" vendor/plotly.js-basic-dist-min/
rm -rf "$tmp"
echo "vendor/plotly.js-basic-dist-min is now plotly.js $version (basic: scatter, bar, pie)"
