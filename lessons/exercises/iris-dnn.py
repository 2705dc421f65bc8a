"""Iris flowers: multi-class classification with a small Dense network.

Run it anywhere Keras is installed (Colab too):
    python iris-dnn.py [--epochs N] [--batch-size B] [--offline]

150 flowers, 4 measurements each (sepal length and width, petal length and width), 3
species. The labels become one-hot vectors and the output layer has one softmax unit per
species. The data ships with mlxtend, so nothing is downloaded (`--offline` changes nothing).
"""

import argparse

import keras
import numpy as np

DATASET = "Iris"  # what the data loader actually used; printed below
STAND_IN = False
SPECIES = ["setosa", "versicolor", "virginica"]


def load_iris():
    """Return (x_train, y_train), (x_test, y_test): 4 measurements per flower, labels 0..2."""
    global DATASET
    try:
        from mlxtend.data import iris_data
    except ImportError:
        raise SystemExit("The Iris data ships with mlxtend: pip install mlxtend") from None
    # Label encoding is done already: species names -> 0, 1, 2 (setosa, versicolor, virginica).
    x, y = iris_data()  # 150 rows, sorted by species
    order = np.random.default_rng(0).permutation(len(x))  # shuffle, or the test set is 1 species
    x, y = x[order].astype("float32"), y[order]
    DATASET = "Iris from mlxtend (150 flowers: 120 train, 30 test)"
    return (x[:120], y[:120]), (x[120:], y[120:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--offline", action="store_true", help="no effect: the data ships")
    args = parser.parse_args()
    keras.utils.set_random_seed(3)  # same weights and shuffling every run

    # 1. Prepare the data: standardize each measurement, z = (x - mean) / std, with the
    # training set's mean and std, and one-hot encode the species (2 -> [0, 0, 1]).
    (x_train, y_train), (x_test, y_test) = load_iris()
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std
    # Old notes: keras.utils.np_utils.to_categorical; Keras 3: keras.utils.to_categorical.
    y_train = keras.utils.to_categorical(y_train, 3)
    y_test = keras.utils.to_categorical(y_test, 3)

    # 2. Define the model: 4 inputs -> 8 relu -> 3 softmax, 67 parameters in all.
    # Old notes: Dense(8, input_dim=4); Keras 3 starts with keras.Input(shape=(4,)).
    model = keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, activation="relu"),  # 4*8 weights + 8 biases = 40
            keras.layers.Dense(3, activation="softmax"),  # 8*3 + 3 = 27: one unit per species
        ]
    )
    model.summary()

    # 3. Compile: one-hot labels and softmax -> categorical cross-entropy.
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit, holding back 20% of the training flowers (24) as validation data.
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
        verbose=2,  # one line per epoch
    )

    # 5. Evaluate on flowers the model has never seen.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
