"""Seeds the fuzz corpora from the conformance cases, the examples and the hostile inputs."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"
for target in ("assessment", "framework", "ndjson", "merge"):
    (corpus / target).mkdir(parents=True, exist_ok=True)

def save(target, name, data):
    (corpus / target / name).write_bytes(data)

for path in sorted((root / "tests" / "conformance").glob("*.json")):
    case = json.loads(path.read_text())
    for key, target in (("assessment", "assessment"), ("framework", "framework")):
        if isinstance(case.get(key), dict):
            save(target, f"{path.stem}-{key}", json.dumps(case[key]).encode())
        if isinstance(case.get(key + "_json"), str):
            save(target, f"{path.stem}-{key}-raw", case[key + "_json"].encode())
for path in sorted((root / "tests" / "hostile").glob("*.json")):
    save("assessment", "hostile-" + path.name, path.read_bytes())
examples = [root / "crates/chime-standards/frameworks/chime-lero-example.json",
            *sorted((root / "examples" / "default").glob("*.json"))]
lines = []
for path in examples:
    document = json.loads(path.read_text())
    save("assessment", path.name, path.read_bytes())
    lines.append(json.dumps(document))
save("framework", "chime-lero.json", (root / "crates/chime-standards/frameworks/chime-lero.json").read_bytes())
save("framework", "national.json", (root / "examples/national/framework.json").read_bytes())
save("ndjson", "examples.ndjson", ("\n".join(lines) + "\n{bad\n\n").encode())
print("seeded", sum(1 for _ in corpus.rglob("*") if _.is_file()), "inputs")

# merge: the inputs of the merge conformance cases, joined by 0xFF as the target cuts them.
for path in sorted((root / "tests" / "conformance").glob("*.json")):
    case = json.loads(path.read_text())
    if case.get("kind") == "merge":
        save("merge", path.stem, b"\xff".join(json.dumps(i).encode() for i in case["inputs"]))
