"""Measure how fast the engine explains models, in process and through the CLI.

Generates varied, valid Sequential models from a seed (CNNs, 1D convolutions, recurrent
text models, dense networks, and old-Keras `model.add` scripts as in the course notes) and
mixes in the held-out corpus (tests/engine/corpus/models.jsonl: functional models with
branches, merges and shared layers, loops and conditions, every layer the engine reads),
then prints:
- in process: seconds for `explain_json` over all of them (best of several runs), and
  milliseconds per model;
- CLI: wall seconds for one `python -m tutor explain --json FILE...` call over all of them
  (what a learner or an editor integration pays), next to a one-file call for the start-up,
  with the CPU seconds the call used (what it costs on a machine others are loading too).

Target (issue 12): 1,000 models in one call under 3 s.
Usage: python benchmarks/explain.py [--count 1000] [--runs 5] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tutor.engine import EngineError, LayerSpec, ModelSpec, analyze, explain_json, to_source

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "engine" / "corpus" / "models.jsonl"
HEAD = "import keras\nfrom keras import layers\n"


def _image_model(rng: random.Random) -> ModelSpec:
    size = rng.choice([28, 32, 64, 96, 128, 160])
    layers: list[LayerSpec] = []
    for block in range(rng.randint(1, 4)):
        filters = 2 ** rng.randint(4, 7)
        padding = rng.choice(["valid", "same"])
        for _ in range(rng.randint(1, 2)):
            layers.append(
                LayerSpec(
                    rng.choice(["Conv2D", "Conv2D", "Convolution2D"]),
                    {
                        "filters": filters,
                        "kernel_size": rng.choice([3, (3, 3), 5]),
                        "padding": padding,
                        "activation": "relu",
                    },
                )
            )
        if rng.random() < 0.3:
            layers.append(LayerSpec("BatchNormalization"))
        pool = rng.choice(["MaxPooling2D", "MaxPool2D", "AveragePooling2D"])
        layers.append(LayerSpec(pool, {"pool_size": 2} if block % 2 else {"pool_size": (2, 2)}))
        if rng.random() < 0.5:
            layers.append(LayerSpec("Dropout", {"rate": rng.choice([0.25, 0.3, 0.5])}))
    if rng.random() < 0.3:
        layers.append(LayerSpec("GlobalAveragePooling2D"))
    else:
        layers.append(LayerSpec("Flatten"))
        layers.append(
            LayerSpec("Dense", {"units": rng.choice([64, 128, 256, 512]), "activation": "relu"})
        )
    layers.append(LayerSpec("Dense", {"units": rng.choice([2, 10, 100]), "activation": "softmax"}))
    return ModelSpec((size, size, rng.choice([1, 3])), tuple(layers))


def _sequence_model(rng: random.Random) -> ModelSpec:
    layers = [
        LayerSpec(
            "Embedding",
            {
                "input_dim": rng.choice([1000, 10000, 20000]),
                "output_dim": rng.choice([16, 32, 64, 128]),
            },
        )
    ]
    if rng.random() < 0.3:
        layers.append(LayerSpec("Conv1D", {"filters": 64, "kernel_size": 5, "activation": "relu"}))
        layers.append(LayerSpec("MaxPooling1D", {"pool_size": 2}))
    depth = rng.randint(1, 3)
    for index in range(depth):
        cls = rng.choice(["SimpleRNN", "LSTM", "GRU"])
        args = {"units": rng.choice([16, 32, 64, 128])}
        if index < depth - 1:
            args["return_sequences"] = True
        if rng.random() < 0.4:
            merge = {"merge_mode": rng.choice(["sum", "ave"])} if rng.random() < 0.3 else {}
            layers.append(LayerSpec("Bidirectional", merge, wrapped=LayerSpec(cls, args)))
        else:
            layers.append(LayerSpec(cls, args))
    layers.append(
        LayerSpec(
            "Dense",
            {"units": rng.choice([1, 46]), "activation": rng.choice(["sigmoid", "softmax"])},
        )
    )
    return ModelSpec((rng.choice([80, 100, 200, 500]),), tuple(layers))


def _dense_model(rng: random.Random) -> ModelSpec:
    layers = []
    for _ in range(rng.randint(1, 4)):
        layers.append(
            LayerSpec("Dense", {"units": rng.choice([8, 12, 32, 64, 128]), "activation": "relu"})
        )
        if rng.random() < 0.3:
            layers.append(LayerSpec("Dropout", {"rate": 0.2}))
    layers.append(LayerSpec("Dense", {"units": rng.choice([1, 3, 10])}))
    return ModelSpec((rng.choice([4, 8, 13, 784]),), tuple(layers))


def _old_keras_script(rng: random.Random) -> str:
    """The course notes' style: `model.add`, `input_dim=`, `init=`, `border_mode=`, and the
    data loading and training around the model that the reader skips."""
    hidden = [rng.choice([8, 12, 16, 32]) for _ in range(rng.randint(1, 3))]
    lines = [
        "import numpy",
        "from keras.models import Sequential",
        "from keras.layers import Dense, Conv2D, MaxPooling2D, Flatten",
        "",
        "numpy.random.seed(7)",
        "dataset = numpy.loadtxt('pima-indians-diabetes.csv', delimiter=',')",
        "X, Y = dataset[:, 0:8], dataset[:, 8]",
        "model = Sequential()",
    ]
    if rng.random() < 0.5:
        lines.append(
            "model.add(Conv2D(32, (3, 3), border_mode='same', activation='relu', "
            "input_shape=(28, 28, 1)))"
        )
        lines.append("model.add(MaxPooling2D(pool_size=(2, 2)))")
        lines.append("model.add(Flatten())")
        first = ""
    else:
        first = ", input_dim=8"
    for units in hidden:
        lines.append(f"model.add(Dense({units}{first}, init='uniform', activation='relu'))")
        first = ""
    lines += [
        "model.add(Dense(1, init='uniform', activation='sigmoid'))",
        "model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])",
        "model.fit(X, Y, epochs=150, batch_size=10)",
    ]
    return "\n".join(lines) + "\n"


def model_sources(count: int, seed: int) -> list[str]:
    """`count` valid model sources of every family, in a seeded order: half from the
    corpus (while it lasts), half generated here."""
    rng = random.Random(seed)
    corpus = [
        HEAD + record["source"]
        for record in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())
        if "refused" not in record
    ]
    rng.shuffle(corpus)
    makers = [_image_model, _image_model, _sequence_model, _dense_model]
    sources: list[str] = []
    while len(sources) < count:
        if corpus and rng.random() < 0.5:
            sources.append(corpus.pop())
            continue
        if rng.random() < 0.15:
            sources.append(_old_keras_script(rng))
            continue
        spec = rng.choice(makers)(rng)
        try:
            analyze(spec)
        except EngineError:
            continue  # an image too small for its blocks: draw again
        sources.append(to_source(spec))
    return sources


def time_in_process(sources: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        records = [explain_json(source) for source in sources]
        timings.append(time.perf_counter() - started)
    errors = [record["error"] for record in records if "error" in record]
    if errors:
        print(f"warning: {len(errors)} generated models failed, e.g. {errors[0]}")
    return timings


def cli_has_explain() -> bool:
    help_run = subprocess.run(
        [sys.executable, "-m", "tutor", "explain", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    return help_run.returncode == 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(files: list[Path], runs: int) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU seconds per run of one CLI call over `files`; the lines and error
    lines of the last run."""
    command = [sys.executable, "-m", "tutor", "explain", "--json", *map(str, files)]
    timings, cpu = [], []
    for _ in range(runs):
        started, cpu_before = time.perf_counter(), _children_cpu()
        completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
        timings.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - cpu_before)
    lines = completed.stdout.splitlines()
    errors = sum(1 for line in lines if "error" in json.loads(line))
    return timings, cpu, len(lines), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="models to explain")
    parser.add_argument("--runs", type=int, default=5, help="repetitions; the best is shown")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    sources = model_sources(args.count, args.seed)
    layers = sum(len(explain_json(source).get("layers", ())) for source in sources)
    print(f"{len(sources)} models, {layers} layers, {sum(map(len, sources)):,} characters")

    timings = time_in_process(sources, args.runs)
    best = min(timings)
    print(
        f"in process: explain_json over {len(sources)} models: best {best:.3f} s, "
        f"median {statistics.median(timings):.3f} s ({best / len(sources) * 1000:.2f} ms/model)"
    )

    if not cli_has_explain():
        print("CLI: skipped, `python -m tutor explain` is not available in this checkout")
        return
    with tempfile.TemporaryDirectory(prefix="dltutor-bench-") as folder:
        files = []
        for index, source in enumerate(sources):
            path = Path(folder) / f"model_{index:04}.py"
            path.write_text(source, encoding="utf-8")
            files.append(path)
        one, one_cpu, _, _ = time_cli(files[:1], args.runs)
        many, many_cpu, lines, errors = time_cli(files, args.runs)
    print(f"CLI: explain --json with 1 file: best {min(one):.3f} s, CPU {min(one_cpu):.3f} s "
          "(start-up)")
    print(
        f"CLI: explain --json with {len(files)} files: best {min(many):.3f} s, "
        f"median {statistics.median(many):.3f} s, CPU {min(many_cpu):.3f} s; {lines} lines, "
        f"{errors} errors; {(min(many) - min(one)) / max(1, len(files) - 1) * 1000:.2f} ms per "
        "extra model"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if lines != len(files):
        print(f"warning: expected {len(files)} JSON lines, got {lines}")


if __name__ == "__main__":
    main()
