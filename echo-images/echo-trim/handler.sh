#!/bin/sh
# Broken on purpose: strips the newline, like a server that echoes line.strip().
head -n 1 | tr -d '\n'
