//! The O2G driver: REST over fetch (the session cookie travels with every request), events
//! over a WebSocket or the chunk channel, and O2G's sign-in steps (authenticate, open the
//! session, or resume the cookie's).

use std::rc::Rc;

use cti::adapter::Adapter;
use cti::adapter::Answer;
use cti::o2g::session::DEFAULT_TIME_TO_LIVE_SECS;
use cti::o2g::sign_in::{SignInFailure, SignInSteps, SignedIn};
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::transmit::Payload;
use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::{Backend, Driver, DriverHandle, Liveness, Reply, SignedInDriver};
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

/// O2G's way in: its sign-in steps (`cti::o2g::sign_in`, sans-IO) carried over fetch.
#[derive(Debug, Clone, Copy, Default)]
pub struct O2gBackend;

impl Backend for O2gBackend {
    fn id(&self) -> &'static str {
        BACKEND
    }

    fn sign_in(
        &self,
        gateway: String,
        login: String,
        password: String,
        time_to_live: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<SignedInDriver, ApiError>> {
        async move {
            let client = O2gClient::new(gateway);
            let steps = SignInSteps::sign_in(&login, &password, time_to_live);
            drop(password);
            match run(&client, steps).await? {
                Ok(signed) => Ok(bound(client, signed)),
                Err(failure) => Err(api_error(failure)),
            }
        }
        .boxed_local()
    }

    fn resume(&self, gateway: String) -> LocalBoxFuture<'static, Option<SignedInDriver>> {
        async move {
            let client = O2gClient::new(normalize_gateway_url(&gateway).ok()?);
            let signed = run(&client, SignInSteps::resume()).await.ok()?.ok()?;
            Some(bound(client, signed))
        }
        .boxed_local()
    }
}

/// Carries the steps' requests until they are over; a gateway out of reach ends them.
async fn run(
    client: &O2gClient,
    mut steps: SignInSteps,
) -> Result<Result<SignedIn, SignInFailure>, ApiError> {
    while let Some(request) = steps.poll_transmit() {
        let (status, body) = client.exchange_raw(&request).await?;
        steps.handle_answer(Answer::Response {
            status,
            body: &body,
        });
    }
    Ok(steps
        .outcome()
        .cloned()
        .unwrap_or(Err(SignInFailure::NoSession)))
}

/// The form's message for a failed step, as the gateway worded it.
fn api_error(failure: SignInFailure) -> ApiError {
    match failure {
        SignInFailure::Rejected { status, body, .. } => ApiError::from_answer(status, &body),
        SignInFailure::Unexpected(detail) => ApiError::Protocol {
            status: 200,
            detail,
        },
        SignInFailure::Unreachable(message) => ApiError::Protocol {
            status: 0,
            detail: message,
        },
        // Resuming found no session, or a failure this driver does not know yet.
        _ => ApiError::Protocol {
            status: 0,
            detail: "no session".to_owned(),
        },
    }
}

fn bound(client: O2gClient, signed: SignedIn) -> SignedInDriver {
    let driver = DriverHandle::new(O2gDriver::new(
        client,
        signed.login.clone(),
        signed.time_to_live,
    ));
    SignedInDriver {
        driver,
        login: signed.login,
    }
}
