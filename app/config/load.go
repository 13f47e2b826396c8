package config

import (
	"fmt"
	"os"
	"strings"

	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/confmap"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/providers/rawbytes"
	"github.com/knadh/koanf/v2"

	"github.com/siyu-scrm/siyu/configs"
)

// EnvPrefix starts every environment variable that overrides a key.
const EnvPrefix = "SIYU_"

// Load builds the configuration from the embedded defaults, then the YAML
// file at path (if not empty), then SIYU_* variables from environ. The result
// is validated, so a bad value stops start-up with a message naming the key.
func Load(path string, environ []string) (*Config, error) {
	k := koanf.New(".")
	if err := k.Load(rawbytes.Provider(configs.Default), yaml.Parser()); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	if path != "" {
		if err := k.Load(file.Provider(path), yaml.Parser()); err != nil {
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
	}
	if err := k.Load(confmap.Provider(envOverrides(k, environ), "."), nil); err != nil {
		return nil, fmt.Errorf("config: environment: %w", err)
	}
	var c Config
	if err := k.UnmarshalWithConf("", &c, koanf.UnmarshalConf{Tag: "koanf"}); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return &c, c.Validate()
}

// envOverrides maps SIYU_HTTP_SHUTDOWN_TIMEOUT to http.shutdown_timeout by
// matching against the keys the defaults already define: a plain "_" to "."
// swap could not tell a nesting boundary from an underscore inside a key.
// Variables that match no key (SIYU_TEST_*, typos) are ignored.
func envOverrides(k *koanf.Koanf, environ []string) map[string]any {
	known := map[string]string{}
	for _, key := range k.Keys() {
		known[strings.ToUpper(strings.ReplaceAll(key, ".", "_"))] = key
	}
	out := map[string]any{}
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		key, known := known[strings.TrimPrefix(name, EnvPrefix)]
		if !ok || !known || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		if _, isList := k.Get(key).([]any); isList {
			out[key] = splitList(value)
			continue
		}
		out[key] = value
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// FromEnv is Load with the process environment.
func FromEnv(path string) (*Config, error) { return Load(path, os.Environ()) }
