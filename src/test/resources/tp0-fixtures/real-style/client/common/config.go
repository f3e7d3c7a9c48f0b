package common

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// ReadConfig reads the nested keys of a simple YAML file as dotted names
// ("server.address"), then lets environment variables override them: key
// "loop.amount" is overridden by CLI_LOOP_AMOUNT. Lists and unknown keys are kept
// but unused. There is no YAML library: the client uses the standard library only.
func ReadConfig(path string, keys []string) (map[string]string, error) {
	values := map[string]string{}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()

	type parent struct {
		indent int
		key    string
	}
	var parents []parent
	scanner := bufio.NewScanner(file)
	for n := 1; scanner.Scan(); n++ {
		line := strings.TrimRight(scanner.Text(), " \t\r")
		content := strings.TrimLeft(line, " ")
		if content == "" || content[0] == '#' || content == "---" || content == "..." || content[0] == '-' {
			continue
		}
		indent := len(line) - len(content)
		colon := strings.Index(content, ":")
		if colon <= 0 {
			return nil, fmt.Errorf("%s line %d: expected 'key: value', got %q", path, n, content)
		}
		for len(parents) > 0 && parents[len(parents)-1].indent >= indent {
			parents = parents[:len(parents)-1]
		}
		key := strings.TrimSpace(content[:colon])
		for i := len(parents) - 1; i >= 0; i-- {
			key = parents[i].key + "." + key
		}
		value := scalar(content[colon+1:])
		if value == "" {
			parents = append(parents, parent{indent, key})
			continue
		}
		values[key] = value
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}

	for _, key := range keys {
		env := "CLI_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
		if value, ok := os.LookupEnv(env); ok {
			values[key] = value
		}
	}
	return values, nil
}

// scalar is a YAML value without its comment and quotes
func scalar(raw string) string {
	value := strings.TrimSpace(raw)
	if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') {
		if end := strings.IndexByte(value[1:], value[0]); end >= 0 {
			return value[1 : end+1]
		}
	}
	if strings.HasPrefix(value, "#") {
		return ""
	}
	if i := strings.Index(value, " #"); i >= 0 {
		value = strings.TrimSpace(value[:i])
	}
	return value
}
