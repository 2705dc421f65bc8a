"""The Textual interface: a thin layer over the core modules in `tutor`."""
