"""Every hand-worked number in chapter 2 (neurons and Dense layers) and chapter 5 (RNN and
LSTM) is recomputed here, formatted as the lessons print it, and looked for in both the
English and the Korean text.

The expected strings come from the computation, never from a copy of the answer: if a
lesson's number is wrong, or one language drifts from the other, this test names it.
Shapes and parameter counts of Keras models are checked by `test_lesson_models.py`.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from tests.lesson_text import LANGS, assert_in_both, body

ROOT = Path(__file__).resolve().parents[1]


def listed(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def relu(z: float) -> float:
    return max(0.0, z)


def plain(value: float) -> str:
    """How the lessons write an exact small number: 5, -1.5, 0 (never 5.0 or -0)."""
    return f"{value + 0.0:g}"


def four(value: float) -> str:
    return f"{value + 0.0:.4f}"


# --- 2.1 the neuron ------------------------------------------------------------------------

NEURON_X = [1.0, 2.0, 3.0]
NEURON_W = [0.2, -0.5, 0.4]
NEURON_B = 0.1


def test_neuron_by_hand() -> None:
    terms = [w * x for w, x in zip(NEURON_W, NEURON_X, strict=True)]
    z = sum(terms) + NEURON_B
    pairs = list(zip(NEURON_W, NEURON_X, strict=True))
    products = " + ".join(f"({w:.1f})·{x:.1f}" if w < 0 else f"{w:.1f}·{x:.1f}" for w, x in pairs)
    sums = f"{terms[0]:.1f}" + "".join(
        f" - {-t:.1f}" if t < 0 else f" + {t:.1f}" for t in terms[1:]
    )
    expected = [
        f"z = {products} + {NEURON_B:.1f}",
        f"= {sums} + {NEURON_B:.1f}",
        f"= {plain(round(z, 10))}",
        f"x = np.array({listed([f'{x:.1f}' for x in NEURON_X])})",
        f"w = np.array({listed([f'{w:.1f}' for w in NEURON_W])})",
        four(sigmoid(z)),
        four(math.tanh(z)),
    ]
    for i, (x, w) in enumerate(zip(NEURON_X, NEURON_W, strict=True), 1):
        expected += [f"x{i} = {x:.1f}", f"w{i} = {w:>4.1f}"]
    expected.append(f"b = {NEURON_B:.1f}")
    assert_in_both("neuron", expected)


@pytest.mark.parametrize("z", [-2.0, 0.0, 0.5, 2.0])
def test_activation_table(z: float) -> None:
    cells = [plain(z), plain(z), plain(relu(z)), four(sigmoid(z)), four(math.tanh(z))]
    row = re.compile(r"\|\s*" + r"\s*\|\s*".join(re.escape(c) for c in cells) + r"\s*\|")
    for lang in LANGS:
        assert row.search(body("neuron", lang)), f"activation row for z = {z} ({lang})"


def test_softmax_example() -> None:
    scores = [3.0, 1.0, 0.2]
    exps = [math.exp(s) for s in scores]
    total = sum(exps)
    p = [e / total for e in exps]
    assert_in_both(
        "neuron",
        [
            f"z = {listed([f'{s:.1f}' for s in scores])}",
            f"exp(z)      = {listed([f'{e:.3f}' for e in exps])}",
            f"sum = {total:.3f}",
            f"p = exp/sum = {listed([f'{v:.3f}' for v in p])}",
            f"sum = {sum(p):.3f}",
        ],
    )


# --- 2.2 Dense layers ----------------------------------------------------------------------


def dense_params(inputs: int, units: int) -> int:
    return inputs * units + units


def assert_matches_in_both(lesson_id: str, patterns: list[str]) -> None:
    for lang in LANGS:
        text = body(lesson_id, lang)
        missing = [p for p in patterns if not re.search(p, text)]
        assert not missing, f"{lesson_id}.{lang}.md lacks {missing}"


def test_dense_parameter_table() -> None:
    patterns = []
    for inputs, units in [(3, 2), (4, 3), (4, 8), (784, 128)]:
        weights = inputs * units
        cells = [
            f"{inputs} -> {units}",
            f"{inputs} x {units} = {weights:,}",
            f"{units}",
            f"{dense_params(inputs, units):,}",
        ]
        patterns.append(r"\|\s*" + r"\s*\|\s*".join(map(re.escape, cells)) + r"\s*\|")
    assert_matches_in_both("dense-layers", patterns)
    # The notes' Lego pictures count the weights only; Keras counts the biases too.
    assert_in_both("dense-layers", [f"= {3 * 2}, ", f"4 x 3 = {4 * 3}."])
    keras_counts = (dense_params(3, 2), dense_params(4, 3))
    for lang, template in (("en", "{} and {}."), ("ko", "{}과 {}입니다")):
        assert template.format(*keras_counts) in body("dense-layers", lang), lang
    assert_in_both("dense-layers", ["4 -> 8", f"{4 * 8} + 8 = {dense_params(4, 8)}"])


def _working(lesson_id: str, layers: list[tuple[int, int]]) -> int:
    """Each Dense layer's line 'inputs x units + units = params' and the total."""
    patterns = [rf"{i} x {u} \+ {u}\s+= {dense_params(i, u):,}(?!\d)" for i, u in layers]
    total = sum(dense_params(i, u) for i, u in layers)
    terms = " + ".join(f"{dense_params(i, u):,}" for i, u in layers)
    patterns.append(re.escape(f"{terms} = {total:,}"))
    assert_matches_in_both(lesson_id, patterns)
    return total


def test_pima_working() -> None:
    total = _working("dense-layers", [(8, 12), (12, 8), (8, 1)])
    assert_in_both("dense-layers", [f"# Total params: {total:,}", "8 -> 12 -> 8 -> 1"])


def test_four_eight_six_one_working() -> None:
    """The notes' 4 -> 8 -> 6 -> 1 network: Keras' count, and the weights-only count."""
    sizes = [4, 8, 6, 1]
    layers = list(itertools.pairwise(sizes))
    total = _working("dense-layers", layers)
    weights = [i * u for i, u in layers]
    biases = sizes[1:]
    assert sum(weights) + sum(biases) == total
    assert_in_both(
        "dense-layers",
        [
            "4 -> 8 -> 6 -> 1",
            f"# Total params: {total:,}",
            " + ".join(f"{i} x {u}" for i, u in layers)
            + " = "
            + " + ".join(map(str, weights))
            + f" = {sum(weights)}",
            f"{' + '.join(map(str, biases))} = {sum(biases)}",
        ],
    )


def test_fashion_working() -> None:
    side = 28
    flat = side * side
    layers = [(flat, 128), (128, 64), (64, 10)]
    total = _working("dense-layers", layers)
    share = dense_params(flat, 128) / total
    assert_in_both(
        "dense-layers",
        [
            f"{side} x {side} = {flat}",
            f"# Total params: {total:,}",
            f"{share:.0%}",
        ],
    )


def test_dense_on_an_unflattened_image() -> None:
    """The prose says Dense(128) on (None, 28, 28) gives (None, 28, 128): ask the engine."""
    from tutor.engine import explain

    source = (
        "import keras\nmodel = keras.Sequential([keras.Input(shape=(28, 28)),"
        " keras.layers.Dense(128)])\n"
    )
    shape = explain(source).layers[-1].output_shape
    assert_in_both("dense-layers", ["(None, 28, 28)", f"(None, {shape[1]}, {shape[2]})"])


# --- 2.3 how networks learn ----------------------------------------------------------------


def one_decimal(values: list[float]) -> str:
    return listed([f"{v:.1f}" if v * 10 == int(v * 10) else f"{v:g}" for v in values])


def test_mean_squared_error() -> None:
    y = [3.0, 5.0, 2.0]
    y_hat = [2.5, 5.5, 3.0]
    errors = [p - t for p, t in zip(y_hat, y, strict=True)]
    squares = [e * e for e in errors]
    total = sum(squares)
    mse = total / len(y)
    terms = " + ".join(f"{s:g}" if s != int(s) else f"{s:.1f}" for s in squares)
    assert_in_both(
        "how-networks-learn",
        [
            f"y      = {one_decimal(y)}",
            f"ŷ      = {one_decimal(y_hat)}",
            f"ŷ - y  = {one_decimal(errors)}",
            f"square = {one_decimal(squares)}",
            f"MSE    = ({terms}) / {len(y)} = {total:g} / {len(y)} = {mse:g}",
        ],
    )
    # "the one error of 1.0 costs twice as much as the other two together"
    assert squares[2] == 2 * (squares[0] + squares[1])


def test_cross_entropy_of_two_examples() -> None:
    examples = [(0, [0.7, 0.2, 0.1]), (2, [0.2, 0.3, 0.5])]
    losses = [-math.log(p[true]) for true, p in examples]
    total = sum(losses)
    expected = []
    for (true, p), loss in zip(examples, losses, strict=True):
        expected += [
            f"{true}, p = {listed([f'{v:g}' for v in p])}",
            f"-ln({p[true]:g}) = {loss:.3f}",
        ]
    expected += [f"sum = {total:.3f}", f"{total:.3f} / {len(examples)} = {total / 2:.3f}"]
    assert_in_both("how-networks-learn", expected)


X_ONE, Y_ONE, W_START = 2.0, 4.0, 0.5


def one_weight_run(eta: float, steps: int = 5) -> list[tuple[float, float]]:
    """(w, loss) before each of `steps` gradient-descent steps on L = (w·x - y)²."""
    w, run = W_START, []
    for _ in range(steps):
        run.append((w, (w * X_ONE - Y_ONE) ** 2))
        w -= eta * 2 * (w * X_ONE - Y_ONE) * X_ONE
    return run


def test_one_gradient_descent_step() -> None:
    eta = 0.05
    w = W_START
    y_hat = w * X_ONE
    loss = (y_hat - Y_ONE) ** 2
    grad = 2 * (y_hat - Y_ONE) * X_ONE
    new_w = w - eta * grad
    new_loss = (new_w * X_ONE - Y_ONE) ** 2
    x, y = f"{X_ONE:g}", f"{Y_ONE:g}"
    assert_in_both(
        "how-networks-learn",
        [
            f"x = {x}, y = {y}",
            f"ŷ      = {w} · {x} = {y_hat:.1f}",
            f"L      = ({y_hat:.1f} - {y})² = {loss:.1f}",
            f"∂L/∂w  = 2 · ({y_hat:.1f} - {y}) · {x} = {grad:.1f}",
            f"new w  = {w} - {eta} · ({grad:.1f}) = {w} + {-eta * grad:g} = {new_w:g}",
            f"new L  = ({new_w:g} · {x} - {y})² = {new_loss:g}",
            f"w = {Y_ONE / X_ONE:g}",
        ],
    )


def test_learning_rate_table() -> None:
    rates = [0.005, 0.05, 0.3]
    runs = [one_weight_run(eta) for eta in rates]
    header = r"\|\s*step\s*\|" + "".join(rf"\s*η = {eta:g}\s*\|" for eta in rates)
    patterns = [header]
    for step in range(5):
        cells = [str(step), *(f"{run[step][1]:.4f}" for run in runs)]
        patterns.append(r"\|\s*" + r"\s*\|\s*".join(map(re.escape, cells)) + r"\s*\|")
    assert_matches_in_both("how-networks-learn", patterns)
    small, good, big = runs
    assert small[-1][1] > good[-1][1] and big[-1][1] > big[0][1]  # crawls, converges, explodes
    losses = " -> ".join(f"{loss:g}" for _, loss in good[:3])
    assert_in_both("how-networks-learn", [losses])


def test_loss_bowl_marks_the_first_steps() -> None:
    """The bowl picture puts step k's digit at column w·10 and row round((16 - L) / 2)."""
    for lang in LANGS:
        text = body("how-networks-learn", lang)
        top = text.index(" 16 ┤")
        plot = text[top:].splitlines()[:9]
        for step, (w, loss) in enumerate(one_weight_run(0.05)[:4]):
            row = plot[round((16 - loss) / 2)]
            assert row[5 + round(w * 10)] == str(step), f"step {step} ({lang})"


def test_backpropagation_through_one_neuron() -> None:
    x, w, b, y, eta = 2.0, 0.5, -0.5, 1.0, 1.0
    z = w * x + b
    a = sigmoid(z)
    loss = (a - y) ** 2
    dl_da = 2 * (a - y)
    da_dz = a * (1 - a)
    grad_w = dl_da * da_dz * x
    grad_b = dl_da * da_dz
    # The lesson prints four decimals: multiplying the printed factors must agree.
    assert four(round(dl_da, 4) * round(da_dz, 4) * x) == four(grad_w)
    assert four(round(dl_da, 4) * round(da_dz, 4)) == four(grad_b)
    new_w, new_b = w - eta * grad_w, b - eta * grad_b
    new_z = new_w * x + new_b
    new_a = sigmoid(new_z)
    new_loss = (new_a - y) ** 2
    assert four(round(new_w, 4) * x + round(new_b, 4)) == four(new_z)
    assert_in_both(
        "how-networks-learn",
        [
            f"x = {x}, w = {w}, b = {b}",
            f"z = {z:g}",
            f"a = {four(a)}",
            f"L = {four(loss)}",
            f"x = {x}",
            f"= {four(da_dz)}",
            f"= {four(dl_da)}",
            f"= {four(dl_da)} · {four(da_dz)} · {x} = {four(grad_w)}",
            f"= {four(dl_da)} · {four(da_dz)} · 1   = {four(grad_b)}",
            f"η = {eta:.1f}",
            f"w = {w} + {four(-eta * grad_w)} = {four(new_w)}",
            f"b = {b} + {four(-eta * grad_b)} = {four(new_b)}",
            f"z = {four(new_z)}, a = {new_a:.3f}, L = {four(new_loss)}",
        ],
    )
    for lang, template in (("en", "from {} to {}"), ("ko", "{}에서 {}로")):
        assert template.format(four(loss), four(new_loss)) in body("how-networks-learn", lang)


def test_vanishing_gradient_bound() -> None:
    best_slope = max(sigmoid(z) * (1 - sigmoid(z)) for z in [i / 100 for i in range(-500, 501)])
    assert math.isclose(best_slope, 0.25)
    five, ten = best_slope**5, best_slope**10
    assert 0.5e-6 < ten < 2e-6  # "about one millionth"
    assert_in_both("how-networks-learn", [f"{best_slope:g}^5 = {five:.6f}", f"{best_slope:g}^10"])



# The two-valley loss of "limits of early networks": L(w) = 3w⁴ - 4w³ - 12w² + 32.
VALLEY = (3, -4, -12, 0, 32)  # coefficients of w⁴ .. w⁰
VALLEY_ETA, VALLEY_STEPS, VALLEY_STARTS = 0.01, 50, (-2.0, -0.5, 0.5, 3.0)


def valley_loss(w: float) -> float:
    return sum(c * w ** (4 - k) for k, c in enumerate(VALLEY))


def valley_slope(w: float) -> float:
    """The lesson's factored derivative, 12w(w + 1)(w - 2)."""
    return 12 * w * (w + 1) * (w - 2)


def test_local_minimum_traps_gradient_descent() -> None:
    # The factored slope is the derivative of L: compare at a few points.
    for w in (-1.7, -0.3, 0.9, 2.6):
        h = 1e-6
        assert math.isclose(
            valley_slope(w), (valley_loss(w + h) - valley_loss(w - h)) / (2 * h), rel_tol=1e-6
        )
    a, b, c, _, d = VALLEY
    assert_in_both(
        "how-networks-learn",
        [f"L(w) = {a}w⁴ - {-b}w³ - {-c}w² + {d}", "∂L/∂w = 12w(w + 1)(w - 2)"],
    )
    # Where the slope is 0: a minimum, the hill, the global minimum.
    flat = {w: valley_loss(w) for w in (-1, 0, 2)}
    assert all(valley_slope(w) == 0 for w in flat)
    assert flat[0] > flat[-1] > flat[2] == min(valley_loss(w / 100) for w in range(-300, 301))
    for lang, template in (("en", "at w = {w} (L = {loss:g}"), ("ko", "w = {w}(L = {loss:g}")):
        prose = " ".join(body("how-networks-learn", lang).split())
        for w, loss in flat.items():
            assert template.format(w=w, loss=loss) in prose, (lang, w)
    # The table: each start's first step, where 50 steps end, and the loss there.
    for start in VALLEY_STARTS:
        w, path = start, []
        for _ in range(VALLEY_STEPS):
            w -= VALLEY_ETA * valley_slope(w)
            path.append(w)
        end_loss = plain(round(valley_loss(w), 2))
        cells = [plain(start), plain(round(path[0], 4)), f"{w:.2f}", end_loss]
        row = re.compile(r"^\s*" + r"\s+".join(map(re.escape, cells)) + r"\s", re.MULTILINE)
        for lang in LANGS:
            assert row.search(body("how-networks-learn", lang)), (lang, start)
    start = VALLEY_STARTS[0]
    slope = valley_slope(start)
    first = round(start - VALLEY_ETA * slope, 4)
    assert_in_both(
        "how-networks-learn",
        [
            f"12·({plain(start)})·({plain(start + 1)})·({plain(start - 2)}) = {plain(slope)}",
            f"w = {plain(start)} - {VALLEY_ETA} · ({plain(slope)}) = {plain(first)}",
        ],
    )


def test_xor_in_an_svm_and_a_network() -> None:
    """XOR is linear in the SVM's fixed features (x1, x2, x1·x2) and in the hidden layer's
    learned ones, h1 = relu(x1 + x2), h2 = relu(x1 + x2 - 1)."""
    for x1, x2 in ((0, 0), (0, 1), (1, 0), (1, 1)):
        xor = x1 ^ x2
        product = x1 * x2
        svm = x1 + x2 - 2 * product
        h1, h2 = int(relu(x1 + x2)), int(relu(x1 + x2 - 1))
        network = h1 - 2 * h2
        assert svm == network == xor
        cells = [
            str(x1), str(x2), str(xor),
            f"({x1}, {x2}, {product})", f"{x1} + {x2} - 2·{product} = {svm}",
            f"({h1}, {h2})", f"{h1} - 2·{h2} = {network}",
        ]  # fmt: skip
        row = re.compile(r"^\s*" + r"\s+".join(map(re.escape, cells)) + r"$", re.MULTILINE)
        for lang in LANGS:
            assert row.search(body("how-networks-learn", lang)), (lang, x1, x2)
    assert_in_both(
        "how-networks-learn",
        ["XOR = x1 + x2 - 2·x1·x2", "XOR = h1 - 2·h2", "relu(x1 + x2 - 1)"],
    )

# --- 5.1 recurrence ------------------------------------------------------------------------


def rnn_params(units: int, input_dim: int, gates: int = 1, biases: int = 1) -> int:
    """Keras' count for SimpleRNN (1 gate), GRU (3, two biases) and LSTM (4 gates)."""
    return gates * units * (units + input_dim + biases)


def test_hidden_state_by_hand() -> None:
    w, u = 0.5, 0.8
    xs = [1, 0, 0]
    h, states = 0.0, []
    for x in xs:
        before = w * x + u * h
        shown_h = four(h) if h else "0"
        line = f"tanh({w}·{x} + {u}·{shown_h})"
        h = math.tanh(before)
        # Each line starts from the printed h of the line before: recomputing must agree.
        assert four(math.tanh(round(before, 4))) == four(h)
        shown_before = plain(before) if round(before, 4) == before else four(before)
        states.append((line, f"tanh({shown_before})", four(h)))
    expected = [f"x = {listed([str(x) for x in xs])}", f"w = {w}", f"u = {u}"]
    for step, (line, tanh_of, value) in enumerate(states, 1):
        expected.append(f"h{step} = {line}")
        expected.append(tanh_of)
        expected.append(f"= {value}")
    expected.append(", ".join(value for _, _, value in states))
    assert_in_both("recurrence", expected)


def test_bidirectional_doubles() -> None:
    units, features = 16, 8
    assert_in_both(
        "recurrence",
        [
            f"{units} + {units} = {2 * units}",
            f"2 x {units} x ({units} + {features} + 1) = {2 * rnn_params(units, features)}",
            f"keras.Input(shape=(20, {features}))",
        ],
    )


# --- 5.2 Embedding and SimpleRNN on IMDB -------------------------------------------------


def pad_front(sequence: list[int], maxlen: int) -> list[int]:
    """keras.utils.pad_sequences' defaults: padding="pre", truncating="pre"."""
    return [0] * (maxlen - len(sequence)) + sequence[-maxlen:]


def test_padding_example() -> None:
    maxlen = 6
    short, long = [1, 14, 22, 16], [1, 5, 8, 9, 31, 7, 40, 12]
    expected = [f"maxlen = {maxlen}"]
    for sequence in (short, long):
        expected.append(f"{listed(map(str, sequence))}".ljust(30))
        expected.append(f"-> {listed(map(str, pad_front(sequence, maxlen)))}")
    assert_in_both("simple-rnn-imdb", expected)


VOCABULARY, IMDB_DIM, IMDB_UNITS, IMDB_LEN = 10_000, 32, 32, 200


def test_embedding_parameters() -> None:
    params = VOCABULARY * IMDB_DIM
    assert_in_both(
        "simple-rnn-imdb",
        [
            f"{VOCABULARY:,} x {IMDB_DIM} = {params:,}",
            f"(None, {IMDB_LEN})",
            f"(None, {IMDB_LEN}, {IMDB_DIM})",
            f"Embedding({VOCABULARY}, {IMDB_DIM})",
            f"num_words={VOCABULARY}",
            f"maxlen={IMDB_LEN}",
        ],
    )


def test_simple_rnn_parameters() -> None:
    expected = []
    for units, features in [(IMDB_UNITS, IMDB_DIM), (16, 8)]:
        formula = f"{units} x ({units} + {features} + 1)"
        expected.append(rf"{re.escape(formula)}\s+= {rnn_params(units, features):,}(?!\d)")
    assert_matches_in_both("simple-rnn-imdb", expected)


def test_imdb_model_and_exercise_agree() -> None:
    """The lesson's model is the exercise's: same sizes, and the same total."""
    total = VOCABULARY * IMDB_DIM + rnn_params(IMDB_UNITS, IMDB_DIM) + dense_params(IMDB_UNITS, 1)
    script = (ROOT / "lessons" / "exercises" / "imdb-rnn.py").read_text(encoding="utf-8")
    assert f"NUM_WORDS = {VOCABULARY:_}" in script and f"MAXLEN = {IMDB_LEN}" in script
    assert f"Embedding(NUM_WORDS, {IMDB_DIM})" in script
    assert f"SimpleRNN({IMDB_UNITS})" in script and f"{total:,} parameters" in script
    share = VOCABULARY * IMDB_DIM / total
    assert share > 0.99
    assert_in_both("simple-rnn-imdb", [f"# Total params: {total:,}", "99%"])

    # How the exercise trains, as the lesson's "Run it" section says.
    epochs, batch, split = 5, 128, 0.2
    assert f'"--epochs", type=int, default={epochs})' in script
    assert f'"--batch-size", type=int, default={batch})' in script
    assert f"validation_split={split}" in script
    for lang, patterns in (
        ("en", [rf"{epochs} epochs", rf"batch size\s+{batch}"]),
        ("ko", [rf"에포크 {epochs}번", rf"배치 크기\s+{batch}"]),
    ):
        text = body("simple-rnn-imdb", lang)
        assert all(re.search(p, text) for p in patterns), lang
    assert_in_both("simple-rnn-imdb", [f"{split:.0%}", "dltutor run imdb-rnn"])


def test_vanishing_factor() -> None:
    factor = 0.5
    assert_in_both(
        "simple-rnn-imdb",
        [
            f"{factor}^10 = {factor**10:.6f}",
            f"{factor}^50 = {factor**50:.1e}",
        ],
    )


# --- 5.3 LSTM, GRU and Reuters -------------------------------------------------------------

REUTERS_UNITS, REUTERS_DIM, TOPICS, REUTERS_LEN = 64, 64, 46, 100


def test_lstm_and_gru_parameters() -> None:
    u, d = REUTERS_UNITS, REUTERS_DIM
    lstm = rnn_params(u, d, gates=4)
    gru = rnn_params(u, d, gates=3, biases=2)
    assert lstm == 4 * rnn_params(u, d)
    assert_in_both(
        "lstm-reuters",
        [
            f"4 x {u} x ({u} + {d} + 1) = 4 x {u} x {u + d + 1} = {lstm:,}",
            f"3 x {u} x ({u} + {d} + 2) = 3 x {u} x {u + d + 2} = {gru:,}",
            # the common mistake: counting an LSTM, or a GRU, as one SimpleRNN
            f"{u} x ({u} + {d} + 1) = {rnn_params(u, d):,}",
            f"4 x {rnn_params(u, d):,} = {lstm:,}",
            f"LSTM({u})",
            f"GRU({u})",
        ],
    )


def test_reuters_newswires_are_from_1987() -> None:
    """Keras' Reuters set is drawn from the Reuters-21578 collection of 1987 newswires."""
    for lang in LANGS:
        text = body("lstm-reuters", lang)
        assert "1987" in text and "1986" not in text, lang


def test_reuters_model_and_exercise_agree() -> None:
    embedding = VOCABULARY * REUTERS_DIM
    lstm = rnn_params(REUTERS_UNITS, REUTERS_DIM, gates=4)
    gru = rnn_params(REUTERS_UNITS, REUTERS_DIM, gates=3, biases=2)
    output = dense_params(REUTERS_UNITS, TOPICS)
    script = (ROOT / "lessons" / "exercises" / "reuters-lstm.py").read_text(encoding="utf-8")
    assert f"MAXLEN = {REUTERS_LEN}" in script and f"TOPICS = {TOPICS}" in script
    assert f"Embedding(NUM_WORDS, {REUTERS_DIM})" in script
    assert f"LSTM({REUTERS_UNITS})" in script
    assert f"{embedding + lstm + output:,} parameters" in script
    assert '"--epochs", type=int, default=10)' in script
    assert '"--batch-size", type=int, default=64)' in script
    assert_in_both(
        "lstm-reuters",
        [
            f"{REUTERS_UNITS} x {TOPICS} + {TOPICS} = {output:,}",
            f"# Total params: {embedding + lstm + output:,}",
            f"# Total params: {embedding + gru + output:,}",
            "11,228",
            "8,982",
            "2,246",
            f"{TOPICS}",
            "dltutor run reuters-lstm",
        ],
    )
    assert 8_982 + 2_246 == 11_228
    for lang, patterns in (
        ("en", [r"10 epochs", r"batch size\s+64"]),
        ("ko", [r"에포크 10번", r"배치\s+크기 64"]),
    ):
        text = body("lstm-reuters", lang)
        assert all(re.search(p, text) for p in patterns), lang


# --- 5.4 CNN or RNN -----------------------------------------------------------------------


def conv_length(length: int, kernel: int, stride: int = 1) -> int:
    return (length - kernel) // stride + 1


def test_sliding_window_sentence() -> None:
    words = ["the", "movie", "was", "not", "good", "at", "all"]
    kernel = 5
    out = conv_length(len(words), kernel)
    assert_in_both(
        "cnn-or-rnn",
        [f"{len(words)} - {kernel} + 1 = {out}", *(f"-> out {k}" for k in range(1, out + 1))],
    )
    for lang in LANGS:
        assert f"-> out {out + 1}" not in body("cnn-or-rnn", lang)
        assert re.search(r"  ".join(words), re.sub(r" +", "  ", body("cnn-or-rnn", lang)))


def test_conv1d_text_model_working() -> None:
    length, kernel, filters, dim, pool = IMDB_LEN, 5, 32, IMDB_DIM, 2
    params = (kernel * dim + 1) * filters
    first = conv_length(length, kernel)
    pooled = conv_length(first, pool, stride=pool)
    second = conv_length(pooled, kernel)
    total = VOCABULARY * dim + 2 * params + dense_params(filters, 1)
    assert_in_both(
        "cnn-or-rnn",
        [
            f"params = ({kernel} x {dim} + 1) x {filters} = {params:,}",
            f"{length} - {kernel} + 1 = {first} steps, ({kernel} x {dim} + 1) x {filters}",
            f"floor(({first} - {pool}) / {pool}) + 1 = {pooled} steps",
            f"{pooled} - {kernel} + 1 = {second} steps",
            f"{second}",
            f"(None, {first}, {filters})",
            f"(None, {pooled}, {filters})",
            f"(None, {second}, {filters})",
            f"# Total params: {total:,}",
        ],
    )


# --- all lessons of both chapters ---------------------------------------------------------
