#!/usr/bin/env python3
"""Writes the docker compose file of the TP0: the server and N clients on testing_net."""
import sys

HEADER = """name: tp0
services:
  server:
    container_name: server
    image: server:latest
    entrypoint: python3 /main.py
    environment:
      - PYTHONUNBUFFERED=1
    volumes:
      - ./server/config.ini:/config.ini
    networks:
      - testing_net
"""

CLIENT = """
  client{i}:
    container_name: client{i}
    image: client:latest
    entrypoint: /client
    environment:
      - CLI_ID={i}
    volumes:
      - ./client/config.yaml:/config.yaml
    networks:
      - testing_net
    depends_on:
      - server
"""

NETWORKS = """
networks:
  testing_net:
    ipam:
      driver: default
      config:
        - subnet: 172.25.125.0/24
"""


def main(args):
    if len(args) != 2 or not args[1].isdigit():
        print("usage: ./generar-compose.sh <archivo de salida> <cantidad de clientes (0 o más)>", file=sys.stderr)
        return 1
    output, clients = args[0], int(args[1])
    content = HEADER + "".join(CLIENT.format(i=i) for i in range(1, clients + 1)) + NETWORKS
    with open(output, "w") as f:
        f.write(content)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
