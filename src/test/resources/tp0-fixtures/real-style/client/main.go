package main

import (
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/7574-sistemas-distribuidos/docker-compose-init/client/common"
)

// InitConfig reads config.yaml from the working directory; CLI_* environment
// variables override its keys (CLI_ID, CLI_SERVER_ADDRESS, CLI_LOOP_AMOUNT,
// CLI_LOOP_PERIOD, CLI_LOG_LEVEL)
func InitConfig() (common.ClientConfig, string, error) {
	values, err := common.ReadConfig("./config.yaml", []string{"id", "server.address", "loop.amount", "loop.period", "log.level"})
	if err != nil {
		return common.ClientConfig{}, "", err
	}
	config := common.ClientConfig{ID: values["id"], ServerAddress: values["server.address"]}
	if config.LoopAmount, err = strconv.Atoi(values["loop.amount"]); err != nil {
		return config, "", err
	}
	if config.LoopPeriod, err = time.ParseDuration(values["loop.period"]); err != nil {
		return config, "", err
	}
	return config, values["log.level"], nil
}

func main() {
	config, logLevel, err := InitConfig()
	if err != nil {
		common.Errorf("action: config | result: fail | error: %v", err)
		os.Exit(1)
	}
	if err := common.InitLogger(logLevel); err != nil {
		common.Errorf("action: config | result: fail | error: %v", err)
		os.Exit(1)
	}

	// Print program config with debugging purposes
	common.Infof("action: config | result: success | client_id: %s | server_address: %s | loop_amount: %v | loop_period: %v | log_level: %s",
		config.ID, config.ServerAddress, config.LoopAmount, config.LoopPeriod, logLevel)

	client := common.NewClient(config)

	// Graceful shutdown: SIGTERM (docker stop) interrupts the loop
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-signals
		common.Infof("action: receive_signal | result: success | client_id: %s | signal: %v", config.ID, sig)
		client.Shutdown()
	}()

	if err := client.StartClientLoop(); err != nil {
		os.Exit(1)
	}
}
