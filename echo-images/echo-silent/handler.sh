#!/bin/sh
# Broken on purpose: consumes the message and closes without answering.
head -n 1 >/dev/null
