//! `gateway`: parse options, build the state, bind, serve until Ctrl-C.

use std::process::ExitCode;

use clap::Parser;
use gateway::clock::Clock;
use gateway::config::Config;
use gateway::embed::{EmbedPolicy, Listeners};
use gateway::proxy::Upstream;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};

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
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(dist = %config.dist.display(), "no built widget here: only the API will work (build it with `trunk build --release`)");
    }
    let clock = if config.manual_clock {
        Clock::manual()
    } else {
        Clock::system()
    };
    let mut state = AppState::new(scenario, clock.clone(), config.dist.clone()).with_simulator(
        config.seed,
        config.calls_per_minute,
        config.time_scale,
    );
    if let Some(upstream) = Upstream::from_config(&config).map_err(|e| e.to_string())? {
        tracing::info!(upstream = %upstream.origin(), "proxy mode: the O2G API is forwarded");
        state = state.proxying(upstream);
    } else {
        state.sim.spawn_ticker(clock);
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let listeners = Listeners {
        main: addr,
        demo: None,
    };
    let state = state.embedding(EmbedPolicy::new(allow_list, listeners));
    spawn_purger(state.clone());
    // Scripts and tests wait for this exact line to learn the URL (port 0 picks one).
    println!("agentdesk gateway listening on http://{addr}");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
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
