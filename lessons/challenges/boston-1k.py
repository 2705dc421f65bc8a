"""Challenge: Boston house prices within 3.5 (validation MAE) with at most 1,000 parameters.

Run it anywhere Keras is installed (Colab too):
    python boston-1k.py [--epochs N] [--batch-size B] [--offline]

The Boston exercise's network, 13 -> 64 -> 64 -> 1, has 5,121 parameters. Predict the median
price (in thousands of dollars) as well with a fifth of them: the mean absolute error on the
validation rows must be at most 3.5. The data ships with mlxtend, so nothing is downloaded
(`--offline` changes nothing).
"""

import argparse

import keras
import numpy as np

DATASET = "Boston housing"  # what the data loader actually used; printed below
STAND_IN = False


def load_boston():
    """Return (x_train, y_train), (x_test, y_test): 13 features, price in $1,000s."""
    global DATASET
    try:
        from mlxtend.data import boston_housing_data
    except ImportError:
        raise SystemExit("The Boston data ships with mlxtend: pip install mlxtend") from None
    x, y = boston_housing_data()
    order = np.random.default_rng(0).permutation(len(x))  # mix the rows before splitting
    x, y = x[order].astype("float32"), y[order].astype("float32")
    DATASET = "Boston housing from mlxtend (506 districts: 404 train, 102 test)"
    return (x[:404], y[:404]), (x[404:], y[404:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--offline", action="store_true", help="no effect: the data ships")
    args = parser.parse_args()
    keras.utils.set_random_seed(5)

    # 1. Prepare the data: standardized features, with the training rows' mean and std.
    (x_train, y_train), (x_test, y_test) = load_boston()
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std

    # 2. Define the model: 13 -> 64 relu -> 64 relu -> 1 linear, 5,121 parameters.
    model = keras.Sequential(
        [
            keras.Input(shape=(13,)),
            keras.layers.Dense(64, activation="relu"),  # 13*64 + 64 = 896
            keras.layers.Dense(64, activation="relu"),  # 64*64 + 64 = 4,160
            keras.layers.Dense(1),  # 64 + 1 = 65
        ]
    )
    model.summary()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])

    # 3. Fit, holding back 20% of the training rows as validation data (the goal's metric).
    model.fit(
        x_train, y_train, epochs=args.epochs, batch_size=args.batch_size, validation_split=0.2
    )
    mse, mae = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test MSE {mse:.2f}, test MAE {mae:.2f} (thousand dollars)")


if __name__ == "__main__":
    main()
