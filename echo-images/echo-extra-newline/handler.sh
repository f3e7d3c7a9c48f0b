#!/bin/sh
# Broken on purpose: adds a newline after the echo, like a server that does println(message).
head -n 1
printf '\n'
