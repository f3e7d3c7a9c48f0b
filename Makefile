SHELL := /bin/bash
COMPOSE ?= docker compose
COMPOSE_FILE ?= docker-compose-dev.yaml

default: docker-image

# The images copy the jars, so every image target builds them first.
jars:
	./mvnw -q -B -DskipTests package
.PHONY: jars

docker-image: jars
	docker build -f ./server/Dockerfile -t "server:latest" .
	docker build -f ./client/Dockerfile -t "client:latest" .
.PHONY: docker-image

docker-compose-up: docker-image
	$(COMPOSE) -f $(COMPOSE_FILE) up -d
.PHONY: docker-compose-up

docker-compose-down:
	$(COMPOSE) -f $(COMPOSE_FILE) down -t 10
.PHONY: docker-compose-down

docker-compose-logs:
	$(COMPOSE) -f $(COMPOSE_FILE) logs -f
.PHONY: docker-compose-logs
