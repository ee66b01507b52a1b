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

    /// Proxy mode: base URL of a real O2G server (`http://host:port`) to forward
    /// `/api/rest/**` to, instead of the built-in simulator.
    #[arg(long, env = "AGENTDESK_UPSTREAM")]
    pub upstream: Option<String>,
}
