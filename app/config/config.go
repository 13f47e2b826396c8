// Package config is Siyu's typed configuration. It is parsed once at start-up
// and handed to the constructors that need it; nothing reads it globally.
package config

import "time"

// Config is the whole configuration tree; see configs/default.yaml for the
// meaning and default of every key.
type Config struct {
	Env      string   `koanf:"env"`
	Timezone string   `koanf:"timezone"`
	HTTP     HTTP     `koanf:"http"`
	Log      Log      `koanf:"log"`
	Database Database `koanf:"database"`
	Redis    Redis    `koanf:"redis"`
	Worker   Worker   `koanf:"worker"`
	Security Security `koanf:"security"`
	WeCom    WeCom    `koanf:"wecom"`
	Sandbox  Sandbox  `koanf:"sandbox"`
	Assign   Assign   `koanf:"assign"`
	Channels Channels `koanf:"channels"`
	Panel    Panel    `koanf:"panel"`
	WeChat   WeChat   `koanf:"wechat"`
	MassSend MassSend `koanf:"masssend"`
	// Behavior times the nightly pull of WeCom's chat figures.
	Behavior Behavior `koanf:"behavior"`
	// Mini bounds the mini-program's consumer API.
	Mini Mini `koanf:"mini"`
	// Scheduler times the periodic work.
	Scheduler Scheduler `koanf:"scheduler"`
	// Digest times the store managers' daily digest.
	Digest Digest `koanf:"digest"`
	// Stats tunes the dashboards' daily aggregates.
	Stats Stats `koanf:"stats"`
	// Uplift tunes the measured uplift.
	Uplift Uplift `koanf:"uplift"`
}

// Security holds the deployment key that seals secrets at rest, and the
// bearer token of the JSON API (APITokenFile is read, or created with a
// random token, when APIToken is empty).
type Security struct {
	SecretKey     string `koanf:"secret_key"`
	SecretKeyFile string `koanf:"secret_key_file"`
	APIToken      string `koanf:"api_token"`
	APITokenFile  string `koanf:"api_token_file"`
	// BcryptCost is the work factor of console passwords' hashes.
	BcryptCost int `koanf:"bcrypt_cost"`
}

// WeCom says where WeCom is and how callbacks are accepted.
type WeCom struct {
	APIBase          string         `koanf:"api_base"`
	MiniAPIBase      string         `koanf:"mini_api_base"`
	CallbackMaxSkew  time.Duration  `koanf:"callback_max_skew"`
	CallbackMaxBytes int64          `koanf:"callback_max_bytes"`
	HTTPTimeout      time.Duration  `koanf:"http_timeout"`
	Rate             WeComRate      `koanf:"rate"`
	Retry            WeComRetry     `koanf:"retry"`
	Reconcile        WeComReconcile `koanf:"reconcile"`
}

// WeComRate caps calls per corp per API across every process sharing the
// Redis (see wecom.Limits).
type WeComRate struct {
	PerMinute int `koanf:"per_minute"`
	PerHour   int `koanf:"per_hour"`
	Burst     int `koanf:"burst"`
}

// WeComRetry is the backoff for transient WeCom failures (see
// wecom.Backoff).
type WeComRetry struct {
	Attempts int           `koanf:"attempts"`
	Base     time.Duration `koanf:"base"`
	Max      time.Duration `koanf:"max"`
}

// WeComReconcile schedules the full syncs that repair drift (see
// directory.ReconcilePolicy).
type WeComReconcile struct {
	Every      time.Duration `koanf:"every"`
	RetryAfter time.Duration `koanf:"retry_after"`
	StallAfter time.Duration `koanf:"stall_after"`
}

// HTTP configures the API listener.
type HTTP struct {
	Addr               string        `koanf:"addr"`
	ShutdownTimeout    time.Duration `koanf:"shutdown_timeout"`
	ReadHeaderTimeout  time.Duration `koanf:"read_header_timeout"`
	MonitoringUser     string        `koanf:"monitoring_user"`
	MonitoringPassword string        `koanf:"monitoring_password"`
}

// Log configures the process logger.
type Log struct {
	Level  string `koanf:"level"`
	Format string `koanf:"format"`
}

// Database selects and tunes the SQL store.
type Database struct {
	Driver          string        `koanf:"driver"`
	DSN             string        `koanf:"dsn"`
	AutoMigrate     bool          `koanf:"auto_migrate"`
	MaxOpenConns    int           `koanf:"max_open_conns"`
	MaxIdleConns    int           `koanf:"max_idle_conns"`
	ConnMaxLifetime time.Duration `koanf:"conn_max_lifetime"`
	// Nodes, when set, are the SQL addresses (host:port) of a Galera
	// cluster's nodes, which take the place of the DSN's address: each new
	// connection goes to the next node that answers and is ready, and
	// reads wait for the writes the cluster has committed (app/db's
	// galera.go). One address, a load balancer's, is a cluster too.
	Nodes []string `koanf:"nodes"`
}

// Redis selects the Redis deployment behind the task queue and caches.
type Redis struct {
	Mode             string        `koanf:"mode"`
	Addr             string        `koanf:"addr"`
	Addrs            []string      `koanf:"addrs"`
	MasterName       string        `koanf:"master_name"`
	Username         string        `koanf:"username"`
	Password         string        `koanf:"password"`
	DB               int           `koanf:"db"`
	EmbeddedAddr     string        `koanf:"embedded_addr"`
	SnapshotPath     string        `koanf:"snapshot_path"`
	SnapshotInterval time.Duration `koanf:"snapshot_interval"`
}

// Assign configures customer assignment and welcome messages.
type Assign struct {
	// DefaultWelcome greets a customer who adds a guide without a channel
	// ({客户}, {导购}, {门店} are filled in); empty sends nothing then.
	DefaultWelcome string `koanf:"default_welcome"`
}

// Worker tunes the asynq task server.
type Worker struct {
	Concurrency     int `koanf:"concurrency"`
	ReadConcurrency int `koanf:"read_concurrency"`
	// CriticalConcurrency sizes the pool of the critical queue (welcome
	// messages), which runs apart from every other queue.
	CriticalConcurrency int `koanf:"critical_concurrency"`
	// PollInterval is how often an idle pool looks for new tasks.
	PollInterval    time.Duration  `koanf:"poll_interval"`
	ShutdownTimeout time.Duration  `koanf:"shutdown_timeout"`
	Queues          map[string]int `koanf:"queues"`
}

// Database drivers.
const (
	DriverSQLite = "sqlite"
	DriverMySQL  = "mysql"
)

// Redis modes.
const (
	RedisEmbedded   = "embedded"
	RedisStandalone = "standalone"
	RedisSentinel   = "sentinel"
	RedisCluster    = "cluster"
)
