"""Prints the Rust benchmark results as a table with ratios to the JSON round-trip baseline.

Run `cargo bench -p chime-standards --bench engine` first; this reads criterion's estimates.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
group = root / "target" / "criterion" / "engine"
batch = 100
rows = ["baseline_json_roundtrip", "parse", "validate", "score", "serialize", "end_to_end"]
if not group.exists():
    sys.exit("no results: run `cargo bench -p chime-standards --bench engine` first")

def mean_ns(name):
    estimates = json.loads((group / name / "new" / "estimates.json").read_text())
    return estimates["mean"]["point_estimate"]

baseline = mean_ns("baseline_json_roundtrip")
print(f"{'step':<26}{'µs / assessment':>16}{'assessments/s':>15}{'x baseline':>12}")
for name in rows:
    ns = mean_ns(name) / batch
    print(f"{name:<26}{ns / 1000:>16.1f}{1e9 / ns:>15,.0f}{ns / (baseline / batch):>12.2f}")
