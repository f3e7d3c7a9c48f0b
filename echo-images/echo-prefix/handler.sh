#!/bin/sh
# Broken on purpose: prefixes the reply, like a student server that adds its own text.
printf 'ECHO: '
exec head -n 1
