"""Look inside a trained network: what a finished run keeps for it (`saved`), the
drawing pad's conversion (`drawing`), words and word ids (`text`), and the inference
child with its JSON-lines protocol (`child`, `protocol`, `client`).

Everything here but `child` is pure (NumPy, no TensorFlow, no Textual): the app and the
command line read a run and talk to the child, which alone loads the model.
"""
