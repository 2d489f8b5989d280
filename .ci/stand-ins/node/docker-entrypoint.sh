#!/bin/sh
set -e
# As the official image: a first argument that is a flag or not a command runs node with the arguments.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
