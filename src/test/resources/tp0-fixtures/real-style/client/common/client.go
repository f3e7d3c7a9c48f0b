package common

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// Connecting is retried this long: depends_on starts the server first but does
// not wait until it listens
const connectRetry = 5 * time.Second

// ClientConfig Configuration used by the client
type ClientConfig struct {
	ID            string
	ServerAddress string
	LoopAmount    int
	LoopPeriod    time.Duration
}

// Client Entity that encapsulates how
type Client struct {
	config ClientConfig
	mu     sync.Mutex
	conn   net.Conn
	done   chan struct{}
}

// NewClient Initializes a new client receiving the configuration
// as a parameter
func NewClient(config ClientConfig) *Client {
	return &Client{config: config, done: make(chan struct{})}
}

// Shutdown makes the loop end at once (SIGTERM): it closes the open
// connection, which interrupts a pending write or read, and the sleep ends
func (c *Client) Shutdown() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.done:
		return
	default:
	}
	close(c.done)
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
		Infof("action: close_connection | result: success | client_id: %v", c.config.ID)
	}
}

func (c *Client) stopping() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// sleep waits d, or less when Shutdown is called; false if it was
func (c *Client) sleep(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-c.done:
		return false
	case <-timer.C:
		return true
	}
}

// createClientSocket Initializes client socket, retrying while the server
// is not listening yet
func (c *Client) createClientSocket() (net.Conn, error) {
	deadline := time.Now().Add(connectRetry)
	for attempt := 1; ; attempt++ {
		conn, err := net.DialTimeout("tcp", c.config.ServerAddress, connectRetry)
		if err == nil {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.stopping() {
				conn.Close()
				return nil, nil
			}
			c.conn = conn
			return conn, nil
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		Debugf("action: connect | result: in_progress | client_id: %v | attempt: %v | error: %v", c.config.ID, attempt, err)
		if !c.sleep(500 * time.Millisecond) {
			return nil, nil
		}
	}
}

func (c *Client) closeClientSocket() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

// StartClientLoop Send messages to the server; it returns early, with no
// error, once Shutdown is called
func (c *Client) StartClientLoop() error {
	for msgID := 1; msgID <= c.config.LoopAmount; msgID++ {
		conn, err := c.createClientSocket()
		if err != nil {
			Errorf("action: connect | result: fail | client_id: %v | error: %v", c.config.ID, err)
			return err
		}
		if conn == nil {
			break
		}

		fmt.Fprintf(conn, "[CLIENT %v] Message N°%v\n", c.config.ID, msgID)
		msg, err := bufio.NewReader(conn).ReadString('\n')
		c.closeClientSocket()
		if c.stopping() {
			break
		}
		if err != nil {
			Errorf("action: receive_message | result: fail | client_id: %v | error: %v", c.config.ID, err)
			return err
		}
		Infof("action: receive_message | result: success | client_id: %v | msg: %v", c.config.ID, strings.TrimSuffix(msg, "\n"))

		// Wait a time between sending one message and the next one
		if !c.sleep(c.config.LoopPeriod) {
			break
		}
	}
	if c.stopping() {
		Infof("action: shutdown | result: success | client_id: %v", c.config.ID)
		return nil
	}
	Infof("action: loop_finished | result: success | client_id: %v", c.config.ID)
	return nil
}
