"""The learner's runs side by side: listing, comparing, diffing, pruning.

`details` is what a run keeps beyond its metrics (gathered by the runner); `records` reads
runs back from the progress store as the Runs screen and `dltutor runs` show them;
`compare` puts two to four side by side (curves, figures, the course's reference figures)
and `diff` says what changed between their scripts and options; `manage` deletes, prunes
and exports. Nothing is imported here, so the runner's `import tutor.runs.details` stays
cheap. No TensorFlow or Textual.
"""
