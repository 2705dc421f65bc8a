"""Boston housing prices: regression with a Dense network and k-fold cross-validation.

Run it anywhere Keras is installed (Colab too):
    python boston-regression.py [--epochs N] [--batch-size B] [--folds K] [--offline]

506 districts of Boston, 13 features each (crime rate, rooms per house, ...); the target is
the median house price in thousands of dollars. The output is one linear unit trained with
mean squared error, and the mean absolute error (MAE) says how many thousand dollars the
predictions are off on average. With so few rows one validation split is a noisy judge, so
k-fold cross-validation trains K models, each validated on a different quarter of the
training data, and averages their MAE. Then one final model is trained on all the training
data and tested. The data ships with mlxtend, so nothing is downloaded.
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


def build_model():
    """A fresh, untrained model: every fold and the final fit start from scratch."""
    model = keras.Sequential(
        [
            keras.Input(shape=(13,)),  # 13 features per district
            keras.layers.Dense(64, activation="relu"),  # 13*64 + 64 = 896 params
            keras.layers.Dense(64, activation="relu"),  # 64*64 + 64 = 4,160
            keras.layers.Dense(1),  # linear output (no activation): any price; 65 params
        ]
    )
    # Regression: mean squared error to train on, mean absolute error to read.
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--folds", type=int, default=4, help="k of k-fold cross-validation")
    parser.add_argument("--offline", action="store_true", help="no effect: the data ships")
    args = parser.parse_args()
    keras.utils.set_random_seed(5)  # same weights and shuffling every run

    # 1. Prepare the data: standardize each feature, z = (x - mean) / std, using the mean and
    # std of the training rows only (the test rows must stay unseen).
    (x_train, y_train), (x_test, y_test) = load_boston()
    print(f"Data: {DATASET}" + (" [stand-in]" if STAND_IN else ""))
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std

    # 2. and 3. Define and compile the model: build_model() above (13 -> 64 -> 64 -> 1,
    # 5,121 parameters).
    # K-fold cross-validation: fold i validates on the i-th slice and trains on the rest.
    if args.folds >= 2:
        fold_size = len(x_train) // args.folds
        fold_mae = []
        for fold in range(args.folds):
            start, stop = fold * fold_size, (fold + 1) * fold_size
            x_val, y_val = x_train[start:stop], y_train[start:stop]
            x_rest = np.concatenate([x_train[:start], x_train[stop:]])
            y_rest = np.concatenate([y_train[:start], y_train[stop:]])
            model = build_model()
            model.fit(x_rest, y_rest, epochs=args.epochs, batch_size=args.batch_size, verbose=0)
            _, mae = model.evaluate(x_val, y_val, verbose=0)
            fold_mae.append(mae)
            print(f"Fold {fold + 1}/{args.folds}: validation MAE {mae:.2f} (thousand dollars)")
        print(f"Mean validation MAE over {args.folds} folds: {np.mean(fold_mae):.2f}")

    # 4. Fit the final model on all the training rows (20% held back to draw val curves).
    model = build_model()
    model.summary()
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.2,
        verbose=2,  # one line per epoch
    )

    # 5. Evaluate on districts the model has never seen.
    mse, mae = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test MSE {mse:.2f}, test MAE {mae:.2f} (thousand dollars)")


if __name__ == "__main__":
    main()
