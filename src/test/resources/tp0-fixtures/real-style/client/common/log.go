package common

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// Log levels, from the most to the least verbose
const (
	DEBUG = iota
	INFO
	WARNING
	ERROR
)

var levelNames = []string{"DEBUG", "INFO", "WARNING", "ERROR"}

var logLevel = INFO

// InitLogger sets the minimum level printed (DEBUG, INFO, WARNING or ERROR)
func InitLogger(level string) error {
	for i, name := range levelNames {
		if strings.EqualFold(level, name) {
			logLevel = i
			return nil
		}
	}
	return fmt.Errorf("unknown log level %q", level)
}

func logf(level int, format string, args ...interface{}) {
	if level < logLevel {
		return
	}
	// One write per line, so lines of different goroutines never mix
	line := fmt.Sprintf("%s %-8s %s\n", time.Now().Format("2006-01-02 15:04:05"), levelNames[level], fmt.Sprintf(format, args...))
	os.Stdout.WriteString(line)
}

func Debugf(format string, args ...interface{}) { logf(DEBUG, format, args...) }
func Infof(format string, args ...interface{})  { logf(INFO, format, args...) }
func Errorf(format string, args ...interface{}) { logf(ERROR, format, args...) }
