#!/bin/bash
# Ejercicio 1: ./generar-compose.sh <archivo de salida> <cantidad de clientes>
echo "Nombre del archivo de salida: $1"
echo "Cantidad de clientes: $2"
exec python3 mi-generador.py "$@"
