"""Solution: IMDB sentiment at 0.80 test accuracy with a recurrent model of at most 40,000
parameters.

Run it anywhere Keras is installed (Colab too):
    python imdb-40k.py [--epochs N] [--batch-size B] [--offline]

A solution: 34,129 parameters. The Embedding table is vocabulary x dimension, so the 2,000
most common words in 16 numbers each cost 32,000 instead of 320,000; an LSTM(16) remembers
across 200 words better than a SimpleRNN. `--offline` (or no network) trains on generated
reviews instead, which have their own goal.
"""

import argparse

import keras
import numpy as np

DATASET = "IMDB reviews (Keras)"  # what the data loader actually used; printed below
STAND_IN = False
CLASS_NAMES = ["negative", "positive"]  # label 0 and 1, in the generated reviews too
NUM_WORDS = 2_000  # keep the 2,000 most frequent words; rarer ones become id 2 ("unknown")
MAXLEN = 200  # words per review after padding / cutting


def generated_reviews(count, rng):
    """Reviews like Keras' IMDB lists: id 1 starts a review, 2 is an unknown word, and from 4
    on the ids are words by frequency. A few hundred ids lean positive, a few hundred
    negative; about one word in ten comes from those, the rest are ordinary words."""
    labels = rng.integers(0, 2, count)
    lengths = np.clip(rng.lognormal(5.2, 0.6, count).astype(int), 10, 1000)  # ~180 words
    words = np.arange(4, 10_000)  # the generator's own vocabulary, as large as the exercise's
    frequency = 1 / (words - 3.0)  # Zipf: the n-th most common word is 1/n as frequent
    tokens = rng.choice(words, size=lengths.sum(), p=frequency / frequency.sum())
    lean = rng.choice(np.arange(30, 3000), size=(2, 100), replace=False)  # [negative, positive]
    label_of_token = np.repeat(labels, lengths)
    opinion = rng.random(len(tokens))
    own = opinion < 0.10  # a word that fits the review's label
    other = (opinion >= 0.10) & (opinion < 0.13)  # and now and then one that does not
    tokens[own] = lean[label_of_token[own], rng.integers(0, 100, own.sum())]
    tokens[other] = lean[1 - label_of_token[other], rng.integers(0, 100, other.sum())]
    reviews = np.split(tokens, np.cumsum(lengths)[:-1])
    return [[1, *review.tolist()] for review in reviews], labels


def load_imdb(offline):
    """Return (x_train, y_train), (x_test, y_test): lists of word ids, labels 0 or 1."""
    global DATASET, STAND_IN
    if not offline:
        try:
            train, test = keras.datasets.imdb.load_data(num_words=NUM_WORDS)  # 17 MB once
            DATASET = "IMDB reviews from Keras (25,000 train + 25,000 test)"
            return train, test
        except Exception as error:  # no network and nothing in ~/.keras/datasets
            print(f"Could not load IMDB ({error}); using the offline stand-in.")
    rng = np.random.default_rng(0)
    x, y = generated_reviews(15_000, rng)
    x = [[word if word < NUM_WORDS else 2 for word in review] for review in x]  # as Keras does
    DATASET = f"generated reviews, NOT real IMDB (10,000 train + 5,000 test, {NUM_WORDS:,} words)"
    STAND_IN = True
    return (x[:10_000], y[:10_000]), (x[10_000:], y[10_000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--offline", action="store_true", help="use the generated stand-in")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: every review padded with 0s (or cut) to 200 word ids, keeping
    # the end of long reviews. Old notes: keras.preprocessing.sequence.pad_sequences;
    # Keras 3: keras.utils.pad_sequences.
    (x_train, y_train), (x_test, y_test) = load_imdb(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = keras.utils.pad_sequences(x_train, maxlen=MAXLEN)
    x_test = keras.utils.pad_sequences(x_test, maxlen=MAXLEN)
    y_train, y_test = np.asarray(y_train, "float32"), np.asarray(y_test, "float32")

    # 2. Define the model: 34,129 parameters.
    model = keras.Sequential(
        [
            keras.Input(shape=(MAXLEN,)),
            keras.layers.Embedding(NUM_WORDS, 16),  # 2,000 words x 16 numbers = 32,000
            keras.layers.LSTM(16),  # 4 * 16 * (16 + 16 + 1) = 2,112
            keras.layers.Dense(1, activation="sigmoid"),  # 16 + 1 = 17
        ]
    )
    model.summary()

    # 3. Compile: one sigmoid output and labels 0/1 -> binary cross-entropy.
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    # 4. Fit, holding back 20% of the training reviews as validation data.
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
    )

    # 5. Evaluate on reviews the model has never seen.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
