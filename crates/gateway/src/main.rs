//! `gateway`: parse options, build the state, bind, serve until Ctrl-C (the gateway, and the
//! embedding demo with `--demo-addr`).

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use gateway::clock::Clock;
use gateway::config::Config;
use gateway::embed::{EmbedPolicy, Listeners};
use gateway::events::HubConfig;
use gateway::proxy::Upstream;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
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
    let state = state
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
    let main_server = async move {
        match tls {
            Some(tls) => {
                gateway::https::serve(listener, router, tls.config, ctrl_c()).await;
                Ok(())
            }
            None => {
                axum::serve(listener, router)
                    .with_graceful_shutdown(ctrl_c())
                    .await
            }
        }
    };
    let demo_server = async move {
        match demo {
            Some((listener, _)) => {
                axum::serve(listener, demo_app(state))
                    .with_graceful_shutdown(ctrl_c())
                    .await
            }
            None => Ok(()),
        }
    };
    tokio::try_join!(main_server, demo_server)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

async fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr), String> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    Ok((listener, bound))
}

/// Resolves on Ctrl-C; each listener waits on its own (tokio tells every waiter).
async fn ctrl_c() {
    let _ = tokio::signal::ctrl_c().await;
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
            let swept = state.events.sweep(state.now());
            if swept > 0 {
                tracing::info!(swept, "subscriptions without a channel closed");
            }
        }
    });
}
