"""Convolution and pooling by hand, window by window, with NumPy only (no training).

Run it anywhere NumPy is installed (Colab too):
    python conv-by-hand.py

It repeats the course's two worked examples step by step: a 2x2 filter sliding over a 4x4
input at stride 1 (no padding), and 2x2 max and average pooling at stride 2. This is what a
Conv2D or MaxPooling2D layer computes for every window of every image; Keras does the same
sums, only many at once and with filter values it has learned. (Strictly, Keras' Conv2D
computes a cross-correlation: the filter is not flipped. That is what is done here too.)
`--epochs`, `--batch-size` and `--offline` are accepted like the other exercises' and ignored.
"""

import argparse

import numpy as np


def number(value):
    """2.0 -> "2", 19.5 -> "19.5": whole numbers without a trailing .0."""
    return f"{float(value):g}"


def grid(array):
    """A matrix as nested lists, e.g. [[13, 8], [79, 19.5]]."""
    return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]" for row in array) + "]"


def show(name, array):
    print(f"{name} {array.shape[0]}x{array.shape[1]}:")
    for row in array:
        print("    " + " ".join(f"{number(v):>5}" for v in row))


def convolve(image, kernel, stride=1):
    """'valid' convolution: the filter stays inside the image, so the output shrinks."""
    fh, fw = kernel.shape
    out_h = (image.shape[0] - fh) // stride + 1  # OH = floor((H + 2P - FH) / S) + 1, P = 0
    out_w = (image.shape[1] - fw) // stride + 1
    print(
        f"Output size: floor(({image.shape[0]} - {fh}) / {stride}) + 1 = {out_h} rows, "
        f"floor(({image.shape[1]} - {fw}) / {stride}) + 1 = {out_w} columns"
    )
    output = np.zeros((out_h, out_w))
    for row in range(out_h):
        for col in range(out_w):
            window = image[row * stride : row * stride + fh, col * stride : col * stride + fw]
            terms = " + ".join(
                f"{number(x)}*{number(k)}"
                for x, k in zip(window.ravel(), kernel.ravel(), strict=True)
            )
            output[row, col] = np.sum(window * kernel)  # multiply element-wise, then add up
            print(
                f"  window at row {row}, column {col}: {grid(window)} -> "
                f"{terms} = {number(output[row, col])}"
            )
    return output


def pool(image, size=2, stride=2):
    """Max and average pooling side by side; the stride defaults to the window size."""
    out_h = (image.shape[0] - size) // stride + 1  # floor((H - P) / S) + 1
    out_w = (image.shape[1] - size) // stride + 1
    print(f"Output size: floor(({image.shape[0]} - {size}) / {stride}) + 1 = {out_h} per side")
    maximum, average = np.zeros((out_h, out_w)), np.zeros((out_h, out_w))
    for row in range(out_h):
        for col in range(out_w):
            r, c = row * stride, col * stride
            window = image[r : r + size, c : c + size]
            maximum[row, col], average[row, col] = window.max(), window.mean()
            values = [number(v) for v in window.ravel()]
            print(
                f"  window at row {row}, column {col}: ({', '.join(values)}) -> "
                f"max {number(maximum[row, col])}, "
                f"average ({' + '.join(values)}) / {window.size} = {number(average[row, col])}"
            )
    return maximum, average


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, help="ignored: nothing is trained")
    parser.add_argument("--batch-size", type=int, help="ignored: nothing is trained")
    parser.add_argument("--offline", action="store_true", help="ignored: nothing is downloaded")
    parser.parse_args()

    # 1. Convolution: a 4x4 input and a 2x2 filter at stride 1, padding 'valid' (none).
    print("== Convolution ==")
    image = np.array([[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1], [0, 0, 1, 0]])
    kernel = np.array([[1, 0], [0, 1]])
    show("Input", image)
    show("Filter", kernel)
    feature_map = convolve(image, kernel)
    show("Feature map", feature_map)
    print(f"Result: {grid(feature_map)}")  # [[2, 1, 1], [0, 2, 2], [0, 1, 1]]
    # In Keras this filter would have 2*2*1 weights + 1 bias = 5 parameters (bias 0 here).

    # 2. Pooling: 2x2 windows at stride 2, so the windows do not overlap.
    print()
    print("== Max and average pooling ==")
    values = np.array([[12, 20, 30, 0], [8, 12, 2, 0], [34, 70, 37, 7], [112, 100, 22, 12]])
    show("Input", values)
    maximum, average = pool(values)
    print(f"Max pooling:     {grid(maximum)}")  # [[20, 30], [112, 37]]
    print(f"Average pooling: {grid(average)}")  # [[13, 8], [79, 19.5]]
    # Some copies of the notes give 18 for the last window: (37 + 7 + 22 + 12) / 4 is 19.5.
    # Pooling has no parameters: it only picks (max) or averages what is in each window.


if __name__ == "__main__":
    main()
