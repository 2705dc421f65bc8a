"""Training exercises in a child process, and the JSON-lines protocol it speaks.

`protocol` (the events), `runner` (starts and stops the child, from asyncio) and
`console` (the `dltutor run` display) never import TensorFlow; `child`, `hooks` and
`results` run in the child, which imports it only after setting its environment. Nothing
is imported here, so `import tutor.training.protocol` stays cheap.
"""
