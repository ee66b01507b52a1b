//! The O2G driver: REST over fetch (the session cookie travels with every request), events
//! over a WebSocket or the chunk channel, and O2G's sign-in steps (authenticate, open the
//! session, or resume the cookie's).

use std::rc::Rc;

use cti::adapter::Adapter;
use cti::o2g::session::{SessionInfo, DEFAULT_TIME_TO_LIVE_SECS};
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::transmit::Payload;
use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::{Driver, DriverHandle, Liveness, Reply};
use crate::transport::{
    normalize_gateway_url, run_channel, ApiError, ChannelHandlers, ChannelStop, O2gClient,
};

/// The backend id of O2G.
pub const BACKEND: &str = "o2g";

/// The O2G driver of one user.
#[derive(Debug, Clone)]
pub struct O2gDriver {
    /// `None`: no gateway (a console fed by hand, in tests).
    client: Option<O2gClient>,
    login: String,
    time_to_live: Option<u32>,
}

impl O2gDriver {
    /// A driver for `login` on the gateway of `client`.
    pub fn new(client: O2gClient, login: String, time_to_live: Option<u32>) -> O2gDriver {
        O2gDriver {
            client: Some(client),
            login,
            time_to_live,
        }
    }

    /// A driver without a gateway: transmits fail as unreachable (tests feed events by hand).
    pub fn detached(login: impl Into<String>) -> O2gDriver {
        O2gDriver {
            client: None,
            login: login.into(),
            time_to_live: None,
        }
    }
}

/// Not connected: the text every transmit of a detached driver gets.
const NOT_CONNECTED: &str = "Not connected to a gateway.";

impl Driver for O2gDriver {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    fn adapter(&self) -> Box<dyn Adapter> {
        Box::new(O2gAdapter::new(O2gConfig {
            login_name: Some(self.login.clone()).filter(|l| !l.is_empty()),
            act_as_administrator: false,
        }))
    }

    fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply> {
        let client = self.client.clone();
        async move {
            let Some(client) = client else {
                return Reply::Unreachable(NOT_CONNECTED.to_owned());
            };
            match payload {
                Payload::Http(request) => match client.exchange_raw(&request).await {
                    Ok((status, body)) => Reply::Response { status, body },
                    Err(error) => Reply::Unreachable(error.to_string()),
                },
                // O2G has no socket commands.
                _ => Reply::Unreachable("O2G takes no frames".to_owned()),
            }
        }
        .boxed_local()
    }

    fn run_events(
        &self,
        handlers: ChannelHandlers,
        stop: Rc<ChannelStop>,
    ) -> LocalBoxFuture<'static, ()> {
        match self.client.clone() {
            Some(client) => run_channel(client, self.login.clone(), handlers, stop).boxed_local(),
            None => async {}.boxed_local(),
        }
    }

    fn keepalive(&self) -> LocalBoxFuture<'static, Liveness> {
        let client = self.client.clone();
        async move {
            let Some(client) = client else {
                return Liveness::Unknown;
            };
            match client.keepalive().await {
                Ok(()) => Liveness::Alive,
                Err(error) if error.is_invalid_session() => Liveness::Lost,
                Err(_) => Liveness::Unknown,
            }
        }
        .boxed_local()
    }

    fn leave_on_exit(&self, subscription: &str) {
        if let Some(client) = &self.client {
            client.unsubscribe_on_exit(subscription);
        }
    }

    fn sign_out(&self, subscription: Option<String>) -> LocalBoxFuture<'static, Option<String>> {
        let client = self.client.clone();
        async move {
            let client = client?;
            if let Some(id) = subscription {
                // A subscription already gone is fine; the session's end removes it anyway.
                let _ = client.unsubscribe(&id).await;
            }
            match client.close_session().await {
                Ok(()) => None,
                // Already gone on the gateway's side: that is what we wanted.
                Err(error) if error.is_invalid_session() => None,
                Err(error) => Some(format!(
                    "Signed out here, but the gateway did not confirm: {error}"
                )),
            }
        }
        .boxed_local()
    }

    fn time_to_live(&self) -> Option<u32> {
        self.time_to_live.or(Some(DEFAULT_TIME_TO_LIVE_SECS))
    }
}

/// Who signed in, as O2G says.
pub struct O2gSignIn {
    /// The driver bound to the session.
    pub driver: DriverHandle,
    /// The login the gateway knows.
    pub login: String,
}

/// O2G's sign-in steps: authenticate with Basic credentials, then open a session.
pub async fn sign_in(
    gateway: String,
    login: &str,
    password: &str,
    time_to_live: Option<u32>,
) -> Result<O2gSignIn, ApiError> {
    let client = O2gClient::new(gateway);
    let auth = client.authenticate(login, password).await?;
    let info = client.open_session(time_to_live).await?;
    let login = info
        .login
        .clone()
        .or(auth.login_name)
        .unwrap_or_else(|| login.to_owned());
    Ok(bound(client, login, &info))
}

/// The session the cookie already opens on `gateway`, if any, with its login.
pub async fn resume(gateway: &str) -> Option<O2gSignIn> {
    let client = O2gClient::new(normalize_gateway_url(gateway).ok()?);
    let info = client.current_session().await.ok()?;
    // Without its login there is nothing to subscribe to: sign in again instead.
    let login = info.login.clone().filter(|l| !l.trim().is_empty())?;
    Some(bound(client, login, &info))
}

fn bound(client: O2gClient, login: String, info: &SessionInfo) -> O2gSignIn {
    let driver = DriverHandle::new(O2gDriver::new(client, login.clone(), info.time_to_live));
    O2gSignIn { driver, login }
}
