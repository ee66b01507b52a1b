//! Command-line options (each also readable from the environment).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// agentdesk gateway: serves the widget and an O2G-compatible REST API backed by a simulated
/// contact centre.
#[derive(Debug, Clone, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "AGENTDESK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Folder of the built widget (Trunk's output).
    #[arg(long, env = "AGENTDESK_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Scenario file describing the simulated contact centre (default: the built-in demo).
    #[arg(long, env = "AGENTDESK_SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// Seed of the simulator's randomness: the same seed replays the same traffic.
    #[arg(long, env = "AGENTDESK_SEED", default_value_t = 0)]
    pub seed: u64,

    /// External calls per minute over all pilots, overriding the scenario (0 = no traffic).
    #[arg(long, env = "AGENTDESK_CALLS_PER_MINUTE")]
    pub calls_per_minute: Option<f64>,

    /// Simulated time per real time (2.0 = twice as fast).
    #[arg(long, env = "AGENTDESK_TIME_SCALE", default_value_t = 1.0)]
    pub time_scale: f64,

    /// Run the gateway on a manual clock that only `POST /api/sim/advance` moves (e2e tests).
    #[arg(long, env = "AGENTDESK_MANUAL_CLOCK")]
    pub manual_clock: bool,

    /// Proxy mode: base URL of a real O2G server (`https://host:port` or `http://host:port`,
    /// no path) to forward `/api/rest/**` to, instead of the built-in simulator.
    #[arg(long, env = "AGENTDESK_UPSTREAM")]
    pub upstream: Option<String>,

    /// PEM file of the CA (or the self-signed certificate) an `https://` upstream's certificate
    /// must be issued by; without it the public web roots are trusted.
    #[arg(long, env = "AGENTDESK_UPSTREAM_CA", requires = "upstream")]
    pub upstream_ca: Option<PathBuf>,

    /// Accept any certificate from an `https://` upstream. Lab setups only: the connection can
    /// then be intercepted.
    #[arg(
        long,
        env = "AGENTDESK_UPSTREAM_INSECURE",
        requires = "upstream",
        conflicts_with = "upstream_ca"
    )]
    pub upstream_insecure: bool,
}
