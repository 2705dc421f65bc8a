"""Solution: Reuters topics at 0.70 test accuracy with at most 150,000 parameters.

Run it anywhere Keras is installed (Colab too):
    python reuters-150k.py [--epochs N] [--batch-size B] [--offline]

46 topics from short news stories. A solution: 118,558 parameters. An LSTM's cell state
carries what a story is about to its end, where a SimpleRNN's state has been overwritten
many times; 32 numbers per word and per state give the 46 topics room. `--offline` (or no
network) trains on generated stories instead, which have their own goal.
"""

import argparse

import keras
import numpy as np

DATASET = "Reuters newswires (Keras)"  # what the data loader actually used; printed below
STAND_IN = False
NUM_WORDS = 5_000  # keep the 5,000 most frequent words; rarer ones become id 2 ("unknown")
MAXLEN = 100  # words per story after padding / cutting
TOPICS = 46


def generated_stories(count, rng):
    """Stories like Keras' Reuters lists: id 1 starts a story, from 4 on the ids are words by
    frequency. Each topic has 40 words of its own; about one word in seven is one of them."""
    popularity = 1 / np.arange(1, TOPICS + 1) ** 1.3  # a few big topics, many small ones
    labels = rng.permutation(TOPICS)[rng.choice(TOPICS, count, p=popularity / popularity.sum())]
    lengths = np.clip(rng.lognormal(4.6, 0.6, count).astype(int), 10, 1000)  # ~100 words
    words = np.arange(4, 10_000)  # the generator's own vocabulary, as large as the exercise's
    frequency = 1 / (words - 3.0)  # Zipf: the n-th most common word is 1/n as frequent
    tokens = rng.choice(words, size=lengths.sum(), p=frequency / frequency.sum())
    own_words = rng.choice(np.arange(30, 5000), size=(TOPICS, 40), replace=False)
    topic_of_token = np.repeat(labels, lengths)
    own = rng.random(len(tokens)) < 0.15
    tokens[own] = own_words[topic_of_token[own], rng.integers(0, 40, own.sum())]
    stories = np.split(tokens, np.cumsum(lengths)[:-1])
    return [[1, *story.tolist()] for story in stories], labels


def load_reuters(offline):
    """Return (x_train, y_train), (x_test, y_test): lists of word ids, topics 0..45."""
    global DATASET, STAND_IN, CLASS_NAMES
    if not offline:
        try:
            train, test = keras.datasets.reuters.load_data(num_words=NUM_WORDS)  # 2 MB once
            DATASET = "Reuters newswires from Keras (8,982 train + 2,246 test)"
            return train, test
        except Exception as error:  # no network and nothing in ~/.keras/datasets
            print(f"Could not load Reuters ({error}); using the offline stand-in.")
    x, y = generated_stories(11_228, np.random.default_rng(0))
    x = [[word if word < NUM_WORDS else 2 for word in story] for story in x]  # as Keras does
    DATASET = "generated stories, NOT real Reuters (8,982 train + 2,246 test, 46 topics)"
    STAND_IN = True
    CLASS_NAMES = [f"topic {n}" for n in range(TOPICS)]  # made-up topics have no names
    return (x[:8982], y[:8982]), (x[8982:], y[8982:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--offline", action="store_true", help="use the generated stand-in")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: every story padded with 0s (or cut) to 100 word ids. The topics
    # stay integers 0..45. Old notes: keras.preprocessing.sequence.pad_sequences; Keras 3:
    # keras.utils.pad_sequences.
    (x_train, y_train), (x_test, y_test) = load_reuters(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = keras.utils.pad_sequences(x_train, maxlen=MAXLEN)
    x_test = keras.utils.pad_sequences(x_test, maxlen=MAXLEN)
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)

    # 2. Define the model: 118,558 parameters.
    model = keras.Sequential(
        [
            keras.Input(shape=(MAXLEN,)),
            keras.layers.Embedding(NUM_WORDS, 22),  # 5,000 x 22 = 110,000
            keras.layers.LSTM(32),  # 4 * 32 * (32 + 22 + 1) = 7,040
            keras.layers.Dense(TOPICS, activation="softmax"),  # 32*46 + 46 = 1,518
        ]
    )
    model.summary()

    # 3. Compile: integer topics -> sparse categorical cross-entropy (with one-hot labels from
    # keras.utils.to_categorical it would be categorical_crossentropy; same result).
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit, holding back 20% of the training stories as validation data.
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
    )

    # 5. Evaluate on stories the model has never seen.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
