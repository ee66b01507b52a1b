//! Command-line options (each also readable from the environment).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use cti::embed::OriginAllowList;

use crate::fronts::FrontInfo;
use crate::https::{self, ServerTls};
use crate::resilience::SimApiAccess;
use crate::sessions::CookieMode;
use crate::web::Console;

/// agentdesk gateway: serves the widget and an O2G-compatible REST API backed by a simulated
/// contact centre.
#[derive(Debug, Clone, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "AGENTDESK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Folder of the built widget (Trunk's output): the main console, at `/`.
    #[arg(long, env = "AGENTDESK_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Another console, `ID=DIR` (repeatable, or comma-separated): a backend's own build
    /// (`xuc=dist-xuc`, served at `/xuc/`) or the embed console (`embed=dist-embed`, at
    /// `/embed`). `scripts/build-consoles.sh` builds them. One build per backend keeps each
    /// agent's download to their backend's code (docs/size.md).
    #[arg(
        long = "console",
        value_name = "ID=DIR",
        env = "AGENTDESK_CONSOLES",
        value_delimiter = ',',
        value_parser = Console::parse
    )]
    pub consoles: Vec<Console>,

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

    /// Where the gateway keeps its data: the history database `history.sqlite3` (default:
    /// `$XDG_DATA_HOME/agentdesk`, else `$HOME/.local/share/agentdesk`, else
    /// `./agentdesk-data`).
    #[arg(long, env = "AGENTDESK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Days of plausible past history the simulator writes at first start (weekdays, one
    /// shift a day), so that reports have data at once; 0 = none. A restart never writes
    /// them twice.
    #[arg(long, env = "AGENTDESK_HISTORY_DAYS", default_value_t = 31)]
    pub history_days: u64,

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

    /// An origin allowed to embed the widget in an iframe: `https://crm.example.com`, or
    /// `https://*.example.com` for its subdomains. Repeat the option; the environment variable
    /// takes a comma-separated list. The gateway's own origin is always allowed.
    #[arg(
        long = "embed-origin",
        value_name = "ORIGIN",
        env = "AGENTDESK_EMBED_ORIGINS",
        value_delimiter = ','
    )]
    pub embed_origins: Vec<String>,

    /// Also serve the embedding demo (a CRM page framing the widget, the SDK playground) on
    /// this address: another origin, as a real CRM is (port 0 picks a free port). Its
    /// origins are allowed to embed the widget.
    #[arg(long, value_name = "ADDR", env = "AGENTDESK_DEMO_ADDR")]
    pub demo_addr: Option<SocketAddr>,

    /// Send the session cookie as `SameSite=None; Secure; Partitioned` so that the widget
    /// keeps its session when a page of another site frames it. Browsers only keep such a
    /// cookie over https: put a TLS proxy in front of the gateway.
    #[arg(long, env = "AGENTDESK_CROSS_SITE_COOKIES")]
    pub cross_site_cookies: bool,

    /// Serve https with this PEM certificate (chain, leaf first); needs `--tls-key`. WebSocket
    /// channels are then wss. The demo listener stays http.
    #[arg(
        long,
        value_name = "PEM",
        env = "AGENTDESK_TLS_CERT",
        requires = "tls_key",
        conflicts_with = "tls_self_signed"
    )]
    pub tls_cert: Option<PathBuf>,

    /// The PEM private key of `--tls-cert`.
    #[arg(
        long,
        value_name = "PEM",
        env = "AGENTDESK_TLS_KEY",
        requires = "tls_cert"
    )]
    pub tls_key: Option<PathBuf>,

    /// Serve https with a self-signed certificate generated at start-up (demos): its SHA-256
    /// fingerprint is printed; browsers warn until it is accepted.
    #[arg(long, env = "AGENTDESK_TLS_SELF_SIGNED")]
    pub tls_self_signed: bool,

    /// The simulated Finesse connector also joins this STOMP broker as a client
    /// (`stomp://user:pass@host:port`, e.g. RabbitMQ's STOMP plugin): it takes commands from
    /// `/queue/connector.command` there and publishes the agents' events to
    /// `/topic/connector.event.<login>` there. The built-in `/stomp` endpoint stays.
    #[arg(long, value_name = "URL", env = "AGENTDESK_BROKER")]
    pub broker: Option<String>,
    /// Serve the scenario API (`/api/sim/*`: inject calls, list agents and sessions): `auto`
    /// serves it when the gateway listens on loopback only, `on` everywhere (then
    /// `--sim-api-token` is required beyond loopback), `off` never.
    #[arg(long, value_name = "auto|on|off", env = "AGENTDESK_SIM_API", default_value = "auto", value_parser = ["auto", "on", "off"])]
    pub sim_api: String,

    /// The token the scenario API then asks for (`Authorization: Bearer <token>`).
    #[arg(long, value_name = "TOKEN", env = "AGENTDESK_SIM_API_TOKEN")]
    pub sim_api_token: Option<String>,

    /// Seconds a connection has to send a whole request head, from its opening or its
    /// previous response (idle keep-alive connections close after it too).
    #[arg(
        long,
        value_name = "SECS",
        env = "AGENTDESK_HEAD_TIMEOUT",
        default_value_t = 10
    )]
    pub head_timeout: u64,

    /// Connections served at once (at most the open-files limit less a reserve).
    #[arg(
        long,
        value_name = "N",
        env = "AGENTDESK_MAX_CONNECTIONS",
        default_value_t = 8192
    )]
    pub max_connections: usize,

    /// The gateway's public URL (`https://cti.example.com`): the scheme and host of every URL
    /// the APIs hand out, whatever `Host` a request carries (unless a trusted proxy forwards
    /// its own).
    #[arg(long, value_name = "URL", env = "AGENTDESK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The address of a reverse proxy whose `X-Forwarded-Proto` and `X-Forwarded-Host` are
    /// believed (repeat, or comma-separated); everyone else's are dropped.
    #[arg(
        long = "trusted-proxy",
        value_name = "IP",
        env = "AGENTDESK_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Offer only this protocol in the sign-in form (`o2g`); by default the simulated
    /// contact centre offers every front it has.
    #[arg(long, value_name = "ID", env = "AGENTDESK_BACKEND", value_parser = parse_backend)]
    pub backend: Option<FrontInfo>,
}

/// A `--backend` id, one of the fronts'.
fn parse_backend(id: &str) -> Result<FrontInfo, String> {
    crate::fronts::front(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = crate::fronts::FRONTS.iter().map(|f| f.id).collect();
        format!(
            "unknown backend {id:?}; this gateway speaks {}",
            known.join(", ")
        )
    })
}

impl Config {
    /// The data directory: `--data-dir`, or the platform's default for user data.
    pub fn data_directory(&self) -> PathBuf {
        if let Some(dir) = &self.data_dir {
            return dir.clone();
        }
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        from_env("XDG_DATA_HOME")
            .map(|d| d.join("agentdesk"))
            .or_else(|| from_env("HOME").map(|h| h.join(".local/share/agentdesk")))
            .unwrap_or_else(|| PathBuf::from("agentdesk-data"))
    }

    /// How the session cookie is scoped.
    pub fn cookie_mode(&self) -> CookieMode {
        if self.cross_site_cookies {
            CookieMode::CrossSite
        } else {
            CookieMode::SameSite
        }
    }

    /// Who may use the scenario API of a gateway listening on `addr`, or why it cannot start.
    pub fn sim_api_access(&self, addr: SocketAddr) -> Result<SimApiAccess, String> {
        let loopback = addr.ip().is_loopback();
        let on = match self.sim_api.as_str() {
            "on" => true,
            "off" => false,
            _ => loopback,
        };
        let token = self
            .sim_api_token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        match (on, token) {
            (false, _) => Ok(SimApiAccess::Off),
            (true, Some(token)) => Ok(SimApiAccess::Token(token.to_owned())),
            (true, None) if loopback => Ok(SimApiAccess::Open),
            (true, None) => Err(format!(
                "--sim-api on beyond loopback ({addr}) needs --sim-api-token (AGENTDESK_SIM_API_TOKEN)"
            )),
        }
    }

    /// The https configuration of the main listener bound to `addr`, if asked for.
    pub fn server_tls(&self, addr: SocketAddr) -> Result<Option<ServerTls>, String> {
        let tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => https::from_pem_files(cert, key),
            _ if self.tls_self_signed => https::self_signed(&https::local_names(addr)),
            _ => return Ok(None),
        };
        tls.map(Some)
            .map_err(|error| format!("--tls-cert/--tls-key/--tls-self-signed: {error}"))
    }

    /// The allow-list of `--embed-origin`, or a message naming the first bad entry.
    pub fn embed_allow_list(&self) -> Result<OriginAllowList, String> {
        parse_embed_origins(&self.embed_origins)
    }
}

/// Parses `--embed-origin` entries (blank ones are skipped, as a trailing comma leaves).
pub fn parse_embed_origins(entries: &[String]) -> Result<OriginAllowList, String> {
    OriginAllowList::parse(entries.iter().map(String::as_str))
        .map_err(|error| format!("--embed-origin (AGENTDESK_EMBED_ORIGINS): {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_origins_repeat_or_split_on_commas() {
        let config = Config::try_parse_from([
            "gateway",
            "--embed-origin",
            "https://crm.example.com",
            "--embed-origin",
            "https://*.example.org,http://127.0.0.1:8081,",
        ])
        .expect("options");
        let list = config.embed_allow_list().expect("valid");
        assert_eq!(
            list.entries(),
            [
                "https://crm.example.com",
                "https://*.example.org",
                "http://127.0.0.1:8081"
            ]
        );
        let none = Config::try_parse_from(["gateway"]).expect("options");
        assert!(none.embed_allow_list().expect("valid").is_empty());
    }

    #[test]
    fn a_backend_pin_names_a_front() {
        let config = Config::try_parse_from(["gateway", "--backend", "o2g"]).expect("options");
        assert_eq!(config.backend.map(|f| f.id), Some("o2g"));
        let error = Config::try_parse_from(["gateway", "--backend", "avaya"]).expect_err("unknown");
        assert!(
            error.to_string().contains("this gateway speaks o2g"),
            "{error}"
        );
    }

    #[test]
    fn tls_takes_a_certificate_and_its_key_or_a_self_signed_one() {
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("addr");
        let none = Config::try_parse_from(["gateway"]).expect("options");
        assert!(none.server_tls(addr).expect("no tls").is_none());
        let demo = Config::try_parse_from(["gateway", "--tls-self-signed"]).expect("options");
        assert!(demo.server_tls(addr).expect("generated").is_some());
        for alone in [
            ["gateway", "--tls-cert", "c.pem"],
            ["gateway", "--tls-key", "k.pem"],
        ] {
            assert!(Config::try_parse_from(alone).is_err(), "{alone:?}");
        }
        let both = [
            "gateway",
            "--tls-self-signed",
            "--tls-cert",
            "c.pem",
            "--tls-key",
            "k.pem",
        ];
        assert!(Config::try_parse_from(both).is_err());
        let missing = Config::try_parse_from([
            "gateway",
            "--tls-cert",
            "/nope/c.pem",
            "--tls-key",
            "/nope/k.pem",
        ])
        .expect("options");
        let message = missing.server_tls(addr).err().expect("unreadable");
        assert!(message.contains("/nope/c.pem"), "{message}");
    }

    #[test]
    fn the_scenario_api_is_off_beyond_loopback_unless_asked_for_with_a_token() {
        let loopback: SocketAddr = "127.0.0.1:8080".parse().expect("addr");
        let everywhere: SocketAddr = "0.0.0.0:8080".parse().expect("addr");
        let access = |args: &[&str], addr| {
            let mut all = vec!["gateway"];
            all.extend_from_slice(args);
            Config::try_parse_from(all)
                .expect("options")
                .sim_api_access(addr)
        };
        assert_eq!(access(&[], loopback), Ok(SimApiAccess::Open));
        assert_eq!(access(&[], everywhere), Ok(SimApiAccess::Off));
        assert_eq!(
            access(&["--sim-api", "off"], loopback),
            Ok(SimApiAccess::Off)
        );
        let refused = access(&["--sim-api", "on"], everywhere).expect_err("no token");
        assert!(refused.contains("--sim-api-token"), "{refused}");
        assert_eq!(
            access(
                &["--sim-api", "on", "--sim-api-token", "s3cret"],
                everywhere
            ),
            Ok(SimApiAccess::Token("s3cret".into()))
        );
    }

    #[test]
    fn cross_site_cookies_is_an_opt_in() {
        let config = Config::try_parse_from(["gateway"]).expect("options");
        assert_eq!(config.cookie_mode(), CookieMode::SameSite);
        let config = Config::try_parse_from(["gateway", "--cross-site-cookies"]).expect("options");
        assert_eq!(config.cookie_mode(), CookieMode::CrossSite);
    }

    #[test]
    fn a_bad_embed_origin_is_named() {
        let config = Config::try_parse_from([
            "gateway",
            "--embed-origin",
            "https://ok.example.com,crm.example.com",
        ])
        .expect("options");
        let message = config.embed_allow_list().expect_err("bad entry");
        assert!(message.contains("`crm.example.com`"), "{message}");
        assert!(message.contains("--embed-origin"), "{message}");
    }
}
