//! The XiVO XuC driver: a token from XuC's REST sign-in, then one WebSocket that carries both
//! the events and the commands (`cti::xuc`'s adapter turns intents into frames); the token in
//! the socket's URL is the whole authentication.

use std::cell::RefCell;
use std::rc::Rc;

use cti::adapter::{Adapter, Answer};
use cti::model::{Reason, ReasonId};
use cti::transmit::{percent_encode, Payload};
use cti::xuc::adapter::{XucAdapter, XucConfig};
use cti::xuc::auth::SOCKET_PATH;
use cti::xuc::sign_in::{XucSignIn, XucSignInFailure, XucToken};
use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::socket::SocketLink;
use super::{Backend, Driver, DriverHandle, Liveness, Reply, SignedInDriver};
use crate::transport::{ApiError, ChannelHandlers, ChannelStop, O2gClient};

/// The backend id of XuC.
pub const BACKEND: &str = "xuc";

/// The pause reasons offered: XuC's "not ready" statuses are server configuration, not
/// protocol, and the server refuses a name it does not know: these are the simulated
/// centre's, sent by name as the `reason` of `pauseAgent`.
const PAUSE_REASONS: [&str; 5] = ["Lunch", "Meeting", "Coffee break", "Training", "Other"];

/// XuC's way in: its sign-in steps (`cti::xuc::sign_in`) carried over fetch.
#[derive(Debug, Clone, Copy, Default)]
pub struct XucBackend;

impl Backend for XucBackend {
    fn id(&self) -> &'static str {
        BACKEND
    }

    fn sign_in(
        &self,
        gateway: String,
        login: String,
        password: String,
        _time_to_live: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<SignedInDriver, ApiError>> {
        async move {
            let steps = XucSignIn::login(&login, &password);
            drop(password);
            let token = run(&gateway, steps).await?.map_err(api_error)?;
            Ok(bound(gateway, token))
        }
        .boxed_local()
    }

    /// XuC keeps no session in a cookie: a reload signs in again.
    fn resume(&self, _gateway: String) -> LocalBoxFuture<'static, Option<SignedInDriver>> {
        async { None }.boxed_local()
    }
}

/// Carries the one request of the steps.
async fn run(
    gateway: &str,
    mut steps: XucSignIn,
) -> Result<Result<XucToken, XucSignInFailure>, ApiError> {
    // The fetch client speaks any of the gateway's HTTP APIs; only its name says O2G.
    let client = O2gClient::new(gateway.to_owned());
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
        .unwrap_or(Err(XucSignInFailure::Unexpected("no answer".into()))))
}

fn api_error(failure: XucSignInFailure) -> ApiError {
    match failure {
        XucSignInFailure::Refused { message, .. } => ApiError::Refused(message),
        XucSignInFailure::Unexpected(detail) => ApiError::Protocol {
            status: 200,
            detail,
        },
        other => ApiError::Protocol {
            status: 0,
            detail: format!("{other:?}"),
        },
    }
}

fn bound(gateway: String, token: XucToken) -> SignedInDriver {
    let login = token.login.clone();
    let driver = DriverHandle::new(XucDriver {
        gateway,
        token: Rc::new(RefCell::new(token)),
        link: SocketLink::default(),
    });
    SignedInDriver { driver, login }
}

/// The XuC driver of one user.
#[derive(Debug, Clone)]
pub struct XucDriver {
    gateway: String,
    token: Rc<RefCell<XucToken>>,
    /// The running socket's handle, to send commands on.
    link: SocketLink,
}

impl XucDriver {
    fn socket_url(&self) -> String {
        let origin = if let Some(rest) = self.gateway.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = self.gateway.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            self.gateway.clone()
        };
        let token = self.token.borrow().token.clone();
        format!("{origin}{SOCKET_PATH}?token={}", percent_encode(&token))
    }
}

impl Driver for XucDriver {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    fn adapter(&self) -> Box<dyn Adapter> {
        let pause_reasons = PAUSE_REASONS
            .iter()
            .map(|name| Reason {
                id: ReasonId::new(*name),
                label: (*name).to_owned(),
            })
            .collect();
        Box::new(XucAdapter::new(XucConfig {
            agent_id: None,
            phone_number: None,
            pause_reasons,
        }))
    }

    fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply> {
        let reply = self.link.send(payload, "XuC");
        async move { reply }.boxed_local()
    }

    fn run_events(
        &self,
        handlers: ChannelHandlers,
        stop: Rc<ChannelStop>,
    ) -> LocalBoxFuture<'static, ()> {
        let driver = self.clone();
        let link = self.link.clone();
        async move { link.run(move || driver.socket_url(), handlers, stop).await }.boxed_local()
    }

    /// Checks the token, which also refreshes it; only `TokenExpired` is a lost session.
    fn keepalive(&self) -> LocalBoxFuture<'static, Liveness> {
        let driver = self.clone();
        async move {
            let token = driver.token.borrow().token.clone();
            match run(&driver.gateway, XucSignIn::check(&token)).await {
                Ok(Ok(fresh)) => {
                    driver.token.replace(fresh);
                    Liveness::Alive
                }
                Ok(Err(XucSignInFailure::Refused {
                    kind: cti::xuc::auth::AuthErrorKind::TokenExpired,
                    ..
                })) => Liveness::Lost,
                _ => Liveness::Unknown,
            }
        }
        .boxed_local()
    }

    fn leave_on_exit(&self, _subscription: &str) {
        self.link.close();
    }

    fn sign_out(&self, _subscription: Option<String>) -> LocalBoxFuture<'static, Option<String>> {
        self.link.stop();
        async { None }.boxed_local()
    }

    fn time_to_live(&self) -> Option<u32> {
        u32::try_from(self.token.borrow().ttl).ok()
    }
}
