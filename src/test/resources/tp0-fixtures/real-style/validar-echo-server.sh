#!/bin/sh
# Ejercicio 3: verifica el echo server desde un contenedor busybox en la red del
# proyecto (ni netcat en el host ni puertos expuestos).
MESSAGE="Hola echo server"
RESPONSE=$(docker run --rm --network tp0_testing_net busybox:latest sh -c "echo '$MESSAGE' | nc -w 5 server 12345")

if [ "$RESPONSE" = "$MESSAGE" ]; then
  echo "action: test_echo_server | result: success"
else
  echo "action: test_echo_server | result: fail"
  exit 1
fi
