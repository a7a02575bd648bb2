"""Screenshots of kg's views of a store, for docs/images/ (needs the test extra and Chromium).

Starts ``kg serve`` on the store, opens each page in headless Chromium, does
what a reader would (clicks an edge, a bar, a place), and saves a PNG per
view; also writes the static network picture with ``kg viz``.

Usage::

    python scripts/screenshots.py --store wikinews-store --out docs/images
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import browser_page, wait_until  # noqa: E402

QUERY = ("SELECT ?actor (COUNT(DISTINCT ?e) AS ?events) WHERE { ?e ckg:agent ?actor } "
         "GROUP BY ?actor ORDER BY DESC(?events) LIMIT 12")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--entity", default="country/irn")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "kg", "viz", "--store", str(args.store), "-o",
                    str(args.out / "wikinews-network-static.png")], check=True)
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(args.store), "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sparql", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        with browser_page(width=1400, height=860) as page:
            page.goto(base + "/network")
            wait_until(page, "window.kgReady === true", timeout=120)
            page.evaluate("window.kgCy.edges().filter(e => e.data('events').some(ev => ev.title))"
                          ".sort((a, b) => b.data('count') - a.data('count'))[0].emit('tap')")
            page.screenshot(path=str(args.out / "wikinews-network.png"))
            page.goto(base + "/timeline")
            wait_until(page, "window.kgReady === true")
            page.click("#tl-chart rect.bar >> nth=-1")
            page.screenshot(path=str(args.out / "wikinews-timeline.png"), full_page=True)
            page.goto(base + "/map")
            wait_until(page, "window.kgReady === true")
            page.dispatch_event("#map-view circle.place >> nth=0", "click")
            page.screenshot(path=str(args.out / "wikinews-map.png"))
            page.goto(base + "/?" + urllib.parse.urlencode({"query": QUERY}))
            page.wait_for_selector("#chart:not([hidden]) rect.bar")
            page.screenshot(path=str(args.out / "wikinews-query.png"), full_page=True)
            page.goto(f"{base}/entity/{args.entity}")
            page.wait_for_selector("#graph canvas")
            page.wait_for_timeout(500)
            page.screenshot(path=str(args.out / "wikinews-entity.png"))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    print(f"wrote the screenshots to {args.out}")


if __name__ == "__main__":
    main()
