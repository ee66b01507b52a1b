//! The simulator's connector as a STOMP client of a real broker (`--broker
//! stomp://user:pass@host:port`, e.g. RabbitMQ's STOMP plugin): it subscribes to the command
//! queue, carries out each command (its JMS type in the `type` header, its fields in the body)
//! on the simulated world, and SENDs every agent's events to the agent's topic on the broker.
//! Clients then talk to the broker (its web-stomp endpoint) with nothing of ours between.
//! The STOMP session is `cti::stomp::ClientConnection`, over TCP; it reconnects with backoff.

use std::time::Duration;

use cti::model::Instant;
use cti::stomp::frame::headers as h;
use cti::stomp::{ClientConfig, ClientConnection, ClientEvent};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{COMMAND_DESTINATION, EVENT_TOPIC_PREFIX};
use crate::clock::Clock;
use crate::sim_driver::SimHandle;

/// Where the broker is and how to log in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerConfig {
    /// Host name or address.
    pub host: String,
    /// STOMP port (RabbitMQ: 61613).
    pub port: u16,
    /// Login, if the broker asks for one.
    pub login: Option<String>,
    /// Passcode.
    pub passcode: Option<String>,
    /// The virtual host (`host` header of CONNECT).
    pub vhost: String,
}

impl BrokerConfig {
    /// Reads `stomp://[user[:pass]@]host[:port][/vhost]` (port 61613 when absent, vhost `/`).
    pub fn parse(url: &str) -> Result<BrokerConfig, String> {
        let rest = url
            .trim()
            .strip_prefix("stomp://")
            .ok_or_else(|| format!("{url:?}: a broker URL starts with stomp://"))?;
        let (authority, vhost) = match rest.split_once('/') {
            Some((authority, vhost)) if !vhost.is_empty() => (authority, vhost.to_owned()),
            Some((authority, _)) => (authority, "/".to_owned()),
            None => (rest, "/".to_owned()),
        };
        let (credentials, address) = match authority.rsplit_once('@') {
            Some((credentials, address)) => (Some(credentials), address),
            None => (None, authority),
        };
        let (login, passcode) = match credentials.map(|c| c.split_once(':').unwrap_or((c, ""))) {
            Some((login, pass)) => (Some(login.to_owned()), Some(pass.to_owned())),
            None => (None, None),
        };
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| format!("{url:?}: {port:?} is not a port"))?,
            ),
            None => (address, 61613),
        };
        if host.is_empty() {
            return Err(format!("{url:?}: no host"));
        }
        Ok(BrokerConfig {
            host: host.to_owned(),
            port,
            login,
            passcode,
            vhost,
        })
    }
}

/// Runs the bridge until the runtime stops, reconnecting after failures.
pub fn spawn(sim: SimHandle, clock: Clock, config: BrokerConfig) {
    tokio::spawn(async move {
        let mut wait = Duration::from_millis(500);
        loop {
            match run(&sim, &clock, &config).await {
                Ok(()) => wait = Duration::from_millis(500),
                Err(error) => {
                    tracing::warn!(%error, host = %config.host, port = config.port, "the connector lost the broker");
                }
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(10));
        }
    });
}

/// One session with the broker.
async fn run(sim: &SimHandle, clock: &Clock, config: &BrokerConfig) -> Result<(), String> {
    let mut stream = TcpStream::connect((config.host.as_str(), config.port))
        .await
        .map_err(|e| e.to_string())?;
    let started = tokio::time::Instant::now();
    let now =
        || Instant::from_millis(u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    let mut client = ClientConnection::new(
        now(),
        ClientConfig {
            host: config.vhost.clone(),
            login: config.login.clone(),
            passcode: config.passcode.clone(),
            ..ClientConfig::default()
        },
    );
    client.subscribe(now(), COMMAND_DESTINATION);
    let mut events = sim.finesse_hub().tap();
    let mut buffer = vec![0u8; 16 << 10];
    loop {
        while let Some(bytes) = client.poll_transmit() {
            stream.write_all(&bytes).await.map_err(|e| e.to_string())?;
        }
        while let Some(event) = client.poll_event() {
            match event {
                ClientEvent::Connected { version, .. } => {
                    tracing::info!(%version, host = %config.host, port = config.port, "the connector joined the broker");
                }
                ClientEvent::Message { frame, .. } => {
                    let jms_type = frame.get(h::TYPE).unwrap_or_default();
                    let body = String::from_utf8_lossy(&frame.body);
                    sim.finesse_command(clock.now(), None, jms_type, &body);
                }
                ClientEvent::Error {
                    message, detail, ..
                } => return Err(format!("ERROR {message}: {detail}")),
                ClientEvent::ProtocolError(error) => return Err(error.to_string()),
                ClientEvent::ServerSilent => return Err("the broker went silent".into()),
                ClientEvent::Disconnected => return Ok(()),
                _ => {}
            }
        }
        let deadline = client
            .poll_timeout()
            .map(|at| at.as_millis().saturating_sub(now().as_millis()))
            .map_or(Duration::from_secs(3600), Duration::from_millis);
        tokio::select! {
            read = stream.read(&mut buffer) => {
                let n = read.map_err(|e| e.to_string())?;
                if n == 0 {
                    return Err("the broker closed the connection".into());
                }
                client.handle_input(now(), &buffer[..n]);
            }
            event = events.recv() => {
                let Some((login, text)) = event else {
                    return Ok(());
                };
                let topic = format!("{EVENT_TOPIC_PREFIX}{login}");
                client.send(now(), &topic, &[(h::CONTENT_TYPE, "text/plain")], &text, false);
            }
            () = tokio::time::sleep(deadline) => client.handle_timeout(now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broker_urls() {
        let config = BrokerConfig::parse("stomp://agentdesk:secret@127.0.0.1:61614").unwrap();
        assert_eq!(config.host, "127.0.0.1");
        assert_eq!(config.port, 61614);
        assert_eq!(config.login.as_deref(), Some("agentdesk"));
        assert_eq!(config.passcode.as_deref(), Some("secret"));
        assert_eq!(config.vhost, "/");
        let bare = BrokerConfig::parse("stomp://broker/prod").unwrap();
        assert_eq!(
            (bare.port, bare.vhost.as_str(), bare.login),
            (61613, "prod", None)
        );
        assert!(BrokerConfig::parse("http://broker").is_err());
        assert!(BrokerConfig::parse("stomp://broker:port").is_err());
    }
}
