#!/bin/sh
# The one-shot GPU check (benchmarks/gpu_check.py): on a fresh GPU machine, from the
# repository root, `sh benchmarks/gpu_check.sh` installs .[gpu] into a fresh venv, runs
# dltutor doctor and the GPU/CPU training runs, and prints one table, within 8 minutes.
exec "${PYTHON:-python3}" "$(dirname "$0")/gpu_check.py" "$@"
