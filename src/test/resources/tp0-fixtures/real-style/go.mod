module github.com/7574-sistemas-distribuidos/docker-compose-init

go 1.17
