"""Hand-drawn circles, rectangles and triangles with a small CNN, and why augmentation helps.

Run it anywhere Keras is installed (Colab too):
    python shapes-cnn.py [--epochs N] [--batch-size B] [--per-class N] [--no-augment]

The course draws a few shapes by hand (24x24 pixels, about 15 per class to train on and 5 to
test; here also 15 per class to validate on) and learns them with Conv 32 -> Conv 64 ->
MaxPool -> Flatten -> Dense 128 -> Dense 3. Here NumPy draws them instead, with wobbly
strokes of random size, position and thickness, always the same ones (fixed seed). The
training shapes come from one "hand"; the validation and test shapes from another, who
draws bigger, smaller, thicker and more crooked. A model that has seen only the first hand
generalises poorly to the second: random rotations, zooms and shifts of the training
images (augmentation) help. Compare with `--no-augment`.
Nothing is downloaded, so `--offline` changes nothing.
"""

import argparse
import itertools

import keras
import numpy as np

DATASET = "Hand-drawn shapes"  # what the data generator made; printed below
STAND_IN = False
SIZE = 24  # pixels per side
CLASS_NAMES = ["circle", "rectangle", "triangle"]
# How two people draw: half-size of a shape in pixels, how far off-centre, pen thickness,
# how much the stroke wobbles, and how much the shape is turned (degrees).
NEAT_HAND = {"size": (6, 8.5), "shift": 1.5, "pen": (1.0, 1.6), "wobble": 0.4, "turn": 8}
OTHER_HAND = {"size": (5, 9.5), "shift": 3, "pen": (1.3, 2.4), "wobble": 0.7, "turn": 20}


def polyline(corners, rng, hand):
    """Points every 1/4 pixel along the lines joining the corners, pushed about a little."""
    points = []
    for start, end in itertools.pairwise(corners):
        steps = max(2, int(np.hypot(*(end - start)) * 4))
        points.append(np.linspace(start, end, steps))
    points = np.concatenate(points)
    # A smooth wobble: a few slow sine waves along the stroke, different in x and y.
    t = np.linspace(0, 1, len(points))[:, None]
    for k in (1, 2, 3):
        amplitude = rng.normal(0, hand["wobble"] / k, size=2)
        points = points + amplitude * np.sin(2 * np.pi * k * t + rng.uniform(0, 2 * np.pi, 2))
    return points


def draw(shape, rng, hand):
    """One 24x24 drawing of the shape, ink 0..1 on a blank (0) page."""
    size = rng.uniform(*hand["size"])
    centre = SIZE / 2 + rng.uniform(-hand["shift"], hand["shift"], size=2)
    if shape == "circle":
        end = 2 * np.pi + rng.uniform(-0.3, 0.5)  # a hand-drawn circle rarely closes exactly
        angle = rng.uniform(0, 2 * np.pi) + np.linspace(0, end, 64)
        radii = size * rng.uniform(0.85, 1.15, size=2)  # a little oval
        corners = np.stack([radii[0] * np.cos(angle), radii[1] * np.sin(angle)], axis=1)
    elif shape == "rectangle":
        w, h = size * rng.uniform(0.6, 1.1, size=2)
        corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h], [-w, -h]])
        corners = corners + rng.normal(0, 0.5, size=corners.shape)
    else:  # triangle: three corners roughly a third of a turn apart
        angle = rng.uniform(0, 2 * np.pi) + np.arange(4) * 2 * np.pi / 3
        angle = angle + np.append(rng.normal(0, 0.2, 3), 0)
        angle[3] = angle[0] + 2 * np.pi
        corners = size * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    turn = np.radians(rng.uniform(-hand["turn"], hand["turn"]))
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    points = polyline(corners @ rotation.T + centre, rng, hand)
    # Ink: full within half the pen's width of the stroke, fading over the next pixel.
    rows, cols = np.mgrid[0:SIZE, 0:SIZE]
    pixels = np.stack([cols.ravel(), rows.ravel()], axis=1) + 0.5
    distance = np.min(np.linalg.norm(pixels[:, None, :] - points[None, :, :], axis=2), axis=1)
    ink = np.clip(rng.uniform(*hand["pen"]) / 2 + 0.5 - distance, 0, 1)
    return (ink * rng.uniform(0.7, 1.0)).reshape(SIZE, SIZE)  # pen pressure varies


def make_shapes(per_class, hand, seed):
    """per_class drawings of each shape, shuffled: images (n, 24, 24, 1), labels 0..2."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(len(CLASS_NAMES)), per_class)
    rng.shuffle(labels)
    images = np.stack([draw(CLASS_NAMES[label], rng, hand) for label in labels])
    return images[..., None].astype("float32"), labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--per-class", type=int, default=15, help="training drawings per shape")
    parser.add_argument("--no-augment", action="store_true", help="train without augmentation")
    parser.add_argument("--offline", action="store_true", help="no effect: nothing to download")
    args = parser.parse_args()
    global DATASET
    keras.utils.set_random_seed(2)  # same weights and shuffling every run

    # 1. Prepare the data: one hand's drawings to train on, another's to validate and test.
    # As many validation drawings as training ones, so that val_accuracy is less jumpy.
    x_train, y_train = make_shapes(args.per_class, NEAT_HAND, seed=10)
    x_val, y_val = make_shapes(args.per_class, OTHER_HAND, seed=11)
    x_test, y_test = make_shapes(max(1, args.per_class // 3), OTHER_HAND, seed=12)  # 5 each
    DATASET = (
        f"Hand-drawn shapes generated by this script ({len(x_train)} train by one hand, "
        f"{len(x_val)} validation and {len(x_test)} test by another)"
    )
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))

    # 2. Define the model: 838,531 parameters. The three augmentation layers (which have
    # none) change each training image a little, differently every epoch, and let images
    # through untouched when evaluating and predicting.
    # Old notes: ImageDataGenerator(rotation_range=..., ...); Keras 3: these layers.
    # --no-augment sets their strength to 0, which lets every image through unchanged.
    strength = 0.0 if args.no_augment else 1.0
    model = keras.Sequential(
        [
            keras.Input(shape=(SIZE, SIZE, 1)),
            keras.layers.RandomRotation(0.1 * strength),  # up to 36 degrees either way
            keras.layers.RandomZoom(0.2 * strength),  # 20% bigger or smaller
            keras.layers.RandomTranslation(0.15 * strength, 0.15 * strength),  # shift 15%
            keras.layers.Conv2D(32, (3, 3), activation="relu"),  # -> 22x22x32, 320 params
            keras.layers.Conv2D(64, (3, 3), activation="relu"),  # -> 20x20x64, 18,496
            keras.layers.MaxPooling2D(2),  # -> 10x10x64
            keras.layers.Flatten(),  # -> 6,400 values
            keras.layers.Dense(128, activation="relu"),  # 6,400*128 + 128 = 819,328
            keras.layers.Dense(3, activation="softmax"),  # 128*3 + 3 = 387
        ]
    )
    model.summary()

    # 3. Compile: integer labels 0..2 -> sparse categorical cross-entropy.
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # 4. Fit, validating on the other hand's drawings.
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_data=(x_val, y_val),
        verbose=2,  # one line per epoch
    )

    # 5. Evaluate on the other hand's test drawings.
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss {loss:.4f}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
