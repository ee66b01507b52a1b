//! `gateway`: parse options, build the state, bind, serve until Ctrl-C or SIGTERM (the gateway,
//! and the embedding demo with `--demo-addr`), then drain within a bounded time.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use gateway::clock::Clock;
use gateway::config::Config;
use gateway::embed::{EmbedPolicy, Listeners};
use gateway::events::HubConfig;
use gateway::proxy::Upstream;
use gateway::resilience::Resilience;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::server::{self, Limits};
use gateway::{app, demo_app, AppState};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    match run(Config::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gateway: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), String> {
    // One descriptor per connection: take all the hard limit allows (issue 17, defect 4).
    let open_files = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "cannot raise the open-files limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        }
    };
    // A reserve for the listener, the upstream's connections, files and logs.
    let max_connections = config
        .max_connections
        .min(usize::try_from(open_files.saturating_sub(64)).unwrap_or(usize::MAX))
        .max(1);
    tracing::info!(open_files, max_connections, "connection limits");
    let limits = Limits {
        head_timeout: std::time::Duration::from_secs(config.head_timeout.max(1)),
        max_connections,
        ..Limits::default()
    };
    let scenario_text = match &config.scenario {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        None => DEFAULT_SCENARIO.to_owned(),
    };
    let scenario = Scenario::parse(&scenario_text).map_err(|e| e.to_string())?;
    let allow_list = config.embed_allow_list()?;
    let broker = config
        .broker
        .as_deref()
        .map(gateway::fronts::finesse::broker::BrokerConfig::parse)
        .transpose()
        .map_err(|e| format!("--broker (AGENTDESK_BROKER): {e}"))?;
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(dist = %config.dist.display(), "no built widget here: only the API will work (build it with scripts/build-consoles.sh)");
    }
    for console in &config.consoles {
        if !console.dist_dir.join("index.html").is_file() {
            tracing::warn!(console = %console.id, dist = %console.dist_dir.display(), "no built console here (build it with scripts/build-consoles.sh)");
        }
    }
    let clock = if config.manual_clock {
        Clock::manual()
    } else {
        Clock::system()
    };
    let state = match Upstream::from_config(&config).map_err(|e| e.to_string())? {
        Some(upstream) => {
            if let Some(pinned) = config.backend.filter(|front| front.id != "o2g") {
                return Err(format!(
                    "--backend {} needs the simulator: a proxy forwards O2G only",
                    pinned.id
                ));
            }
            tracing::info!(upstream = %upstream.origin(), "proxy mode: the O2G API is forwarded");
            // No simulator at all: nothing would ever speak to it.
            let dist = config.dist.clone();
            AppState::proxy(scenario, clock, dist, HubConfig::default(), upstream)
        }
        None => {
            let state = AppState::new(scenario, clock.clone(), config.dist.clone()).with_simulator(
                config.seed,
                config.calls_per_minute,
                config.time_scale,
            );
            // History (issue 15): a gateway that cannot keep it still serves.
            let data_dir = config.data_directory();
            let state =
                match state
                    .clone()
                    .with_history(&data_dir, config.history_days, config.seed)
                {
                    Ok((state, _backfill)) => {
                        tracing::info!(data_dir = %data_dir.display(), "history kept");
                        state
                    }
                    Err(error) => {
                        tracing::warn!(%error, "no history kept");
                        state
                    }
                };
            if let Some(sim) = state.simulator() {
                sim.spawn_ticker(clock.clone());
                if let Some(broker) = broker {
                    tracing::info!(host = %broker.host, port = broker.port, "the Finesse connector joins a broker");
                    gateway::fronts::finesse::broker::spawn(sim.clone(), clock, broker);
                }
            }
            state
        }
    };
    // Both listeners are bound before either is announced: a script reading the lines can
    // use both URLs at once (port 0 resolved).
    let (listener, addr) = bind(config.addr).await?;
    let demo = match config.demo_addr {
        Some(demo_addr) => Some(bind(demo_addr).await?),
        None => None,
    };
    let listeners = Listeners {
        main: addr,
        demo: demo.as_ref().map(|(_, addr)| *addr),
    };
    let sim_api = config.sim_api_access(addr)?;
    tracing::info!(access = ?sim_api_label(&sim_api), "scenario API");
    let edge = gateway::resilience::edge::Edge::new(
        config.public_url.as_deref(),
        config.trusted_proxies.clone(),
    )?;
    if edge.public_url.is_none() && !addr.ip().is_loopback() {
        tracing::warn!("listening beyond loopback without --public-url: the URLs handed out follow each request's Host");
    }
    let state = state
        .with_resilience(Resilience {
            edge,
            ..Resilience::with_sim_api(sim_api)
        })
        .embedding(EmbedPolicy::new(allow_list, listeners))
        .with_cookie_mode(config.cookie_mode())
        .pinning(config.backend)
        .with_consoles(config.consoles.clone());
    if config.cross_site_cookies {
        tracing::warn!("cross-site cookies: the session cookie is Secure, so browsers keep it over https only (or on http://localhost)");
    }
    let tls = config.server_tls(addr)?;
    spawn_purger(state.clone());
    // Scripts and tests wait for this exact line to learn the URL (port 0 picks one).
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!("agentdesk gateway listening on {scheme}://{addr}");
    if let Some((_, demo_addr)) = &demo {
        // The same for the demo listener, always after the gateway's line; it stays http.
        println!("agentdesk demo listening on http://{demo_addr}");
    }
    if let Some(tls) = &tls {
        println!("agentdesk TLS certificate SHA-256 {}", tls.fingerprint());
    }
    let router = app(state.clone());
    let stopping = state.clone();
    let main_server = async move {
        match tls {
            Some(tls) => {
                let router = gateway::https::over_https(router);
                server::serve(listener, router, Some(tls.config), limits, stop(stopping)).await;
            }
            None => server::serve(listener, router, None, limits, stop(stopping)).await,
        }
    };
    let demo_state = state.clone();
    let demo_server = async move {
        if let Some((listener, _)) = demo {
            let router = demo_app(demo_state.clone());
            server::serve(listener, router, None, limits, stop(demo_state)).await;
        }
    };
    tokio::join!(main_server, demo_server);
    // Upgraded sockets are told to reconnect; give their close frames a moment to leave.
    state
        .resilience
        .shutdown
        .drained(std::time::Duration::from_secs(2))
        .await;
    tracing::info!("gateway stopped");
    Ok(())
}

/// How the scenario API is served, without its token.
fn sim_api_label(access: &gateway::resilience::SimApiAccess) -> &'static str {
    match access {
        gateway::resilience::SimApiAccess::Off => "off",
        gateway::resilience::SimApiAccess::Open => "open (loopback)",
        gateway::resilience::SimApiAccess::Token(_) => "token",
    }
}

/// Resolves on Ctrl-C or SIGTERM (service managers and tests send it), after telling every
/// channel of `state` to end; each listener waits on its own.
async fn stop(state: gateway::AppState) {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
        // The other listener saw the signal first.
        () = state.resilience.shutdown.stopping() => {}
    }
    if !state.resilience.shutdown.is_stopping() {
        tracing::info!("stopping: no new connections, channels told to reconnect");
    }
    state.resilience.shutdown.begin();
}

async fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr), String> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    Ok((listener, bound))
}

/// Frees expired sessions (the spec's purge thread runs every 5 minutes, L1121-1124) and
/// subscriptions left without a channel past their grace minute (L2142; checked every 10 s so
/// that one closes within 70 s).
fn spawn_purger(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        loop {
            every.tick().await;
            let purged = state.sessions.purge(state.now());
            if purged > 0 {
                tracing::info!(purged, "expired sessions purged");
            }
            state.resilience.sign_in.forget_idle();
            let swept = state.events.sweep(state.now());
            if swept > 0 {
                tracing::info!(swept, "subscriptions without a channel closed");
            }
        }
    });
}
