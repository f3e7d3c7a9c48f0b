#!/bin/sh
# Byte-exact echo of one message: everything up to and including the first newline, or up to EOF.
exec head -n 1
