"""dltutor: a terminal tutor for deep learning.

The core modules in this package import neither Textual nor TensorFlow; the UI lives in
`tutor.ui` and training happens in a child process.
"""
