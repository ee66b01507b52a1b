//! The signed-in session: its phases, the sign-in form's rules, and the `use_session` hook.
//!
//! Components read [`Session::phase`] and call [`Session::sign_in`] / [`Session::sign_out`];
//! they hold no session logic of their own.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::drivers::{self, DriverHandle};
use crate::transport::{normalize_gateway_url, ApiError};

/// The notice when the browser keeps no session cookie for the widget.
pub const COOKIE_REFUSED: &str = "Sign-in failed: the browser did not keep the session cookie. \
     Embedded in a page of another site, the widget needs its gateway to run with \
     --cross-site-cookies, over https.";

/// Who is signed in, where.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    /// The backend's driver bound to this session.
    pub driver: DriverHandle,
    /// The login name the backend knows (O2G: `oxe70120`).
    pub login: String,
}

/// Where the session is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionPhase {
    /// Start-up: asking the gateway whether this browser already has a session (a reload).
    Resuming,
    /// No session. `notice` explains why, when there is something to say.
    SignedOut {
        /// An error or information to show above the form.
        notice: Option<String>,
    },
    /// Authenticating and opening the session.
    SigningIn,
    /// A session is open.
    SignedIn(SignedIn),
    /// Closing the session.
    SigningOut(SignedIn),
}

impl SessionPhase {
    /// Whether a request is under way (forms and buttons wait).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            SessionPhase::Resuming | SessionPhase::SigningIn | SessionPhase::SigningOut(_)
        )
    }

    /// The open session, while it is open or closing.
    pub fn signed_in(&self) -> Option<&SignedIn> {
        match self {
            SessionPhase::SignedIn(s) | SessionPhase::SigningOut(s) => Some(s),
            SessionPhase::Resuming | SessionPhase::SignedOut { .. } | SessionPhase::SigningIn => {
                None
            }
        }
    }
}

/// What the agent typed in the sign-in form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInForm {
    /// Gateway base URL.
    pub gateway: String,
    /// The backend's id, as the gateway lists it (`o2g`).
    pub backend: String,
    /// Login, e.g. `oxe70120` for O2G.
    pub login: String,
    /// Password (the 4-digit secret code for O2G logins).
    pub password: String,
}

/// A sign-in form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSignIn {
    /// Normalized gateway URL.
    pub gateway: String,
    /// The backend's id.
    pub backend: String,
    /// Trimmed login.
    pub login: String,
    /// Password, as typed.
    pub password: String,
}

impl SignInForm {
    /// Checks the form before anything is sent.
    pub fn validate(&self) -> Result<ValidSignIn, String> {
        let gateway = normalize_gateway_url(&self.gateway).map_err(|e| e.to_string())?;
        let login = self.login.trim();
        if login.is_empty() {
            return Err("Enter your login.".to_owned());
        }
        if self.password.is_empty() {
            return Err("Enter your password.".to_owned());
        }
        let backend = match self.backend.trim() {
            "" => crate::drivers::DEFAULT_BACKEND.to_owned(),
            other => other.to_owned(),
        };
        Ok(ValidSignIn {
            gateway,
            backend,
            login: login.to_owned(),
            password: self.password.clone(),
        })
    }
}

/// The time-to-live asked for an embedded widget's session: a host tab closed for good frees
/// its session within about two minutes (the keepalive runs every minute while it is open).
pub const EMBEDDED_TIME_TO_LIVE_SECS: u32 = 120;

/// The session, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    phase: RwSignal<SessionPhase>,
    /// The event subscription to delete at sign-out, as the console's channel reports it.
    subscription: StoredValue<Option<Signal<Option<String>>>>,
    /// Whether the last session ended because the gateway no longer knew it.
    expired: RwSignal<bool>,
    /// The time-to-live to ask for (`None`: the gateway's default).
    time_to_live: Option<u32>,
}

impl Session {
    /// A session not yet resumed (see [`Session::resume`]), opened with `time_to_live`.
    pub fn new(time_to_live: Option<u32>) -> Session {
        Session {
            phase: RwSignal::new(SessionPhase::Resuming),
            subscription: StoredValue::new(None),
            expired: RwSignal::new(false),
            time_to_live,
        }
    }

    /// The current phase, reactively.
    pub fn phase(&self) -> Signal<SessionPhase> {
        self.phase.into()
    }

    /// Whether the last session ended by expiring (reactive; false again at the next sign-in).
    pub fn expired(&self) -> Signal<bool> {
        self.expired.into()
    }

    /// At start-up: re-uses the session this browser already has on `gateway` (the page was
    /// reloaded: the HttpOnly cookie is still there), instead of asking to sign in and opening
    /// a second one. No session, or no answer: the sign-in form.
    pub fn resume(&self, gateway: String) {
        if self.phase.get_untracked() != SessionPhase::Resuming {
            return;
        }
        let phase = self.phase;
        spawn_local(async move {
            let next = match resumed(gateway).await {
                Some(signed_in) => SessionPhase::SignedIn(signed_in),
                None => SessionPhase::SignedOut { notice: None },
            };
            let _ = phase.try_update(|current| {
                // Only the start-up check may end the resuming phase.
                if *current == SessionPhase::Resuming {
                    *current = next;
                }
            });
        });
    }

    /// Authenticates and opens a session; ignored while another request is under way.
    pub fn sign_in(&self, form: SignInForm) {
        if !matches!(self.phase.get_untracked(), SessionPhase::SignedOut { .. }) {
            return;
        }
        let valid = match form.validate() {
            Ok(valid) => valid,
            Err(message) => {
                self.phase.set(SessionPhase::SignedOut {
                    notice: Some(message),
                });
                return;
            }
        };
        self.phase.set(SessionPhase::SigningIn);
        self.expired.set(false);
        let phase = self.phase;
        let time_to_live = self.time_to_live;
        spawn_local(async move {
            let next = match open(valid, time_to_live).await {
                Ok(signed_in) => SessionPhase::SignedIn(signed_in),
                // The password was accepted (authentication answered), yet the session cannot
                // be opened with the cookie it set: the browser did not send the cookie back.
                // Almost always a frame on another site with a SameSite=Strict cookie.
                Err(error) if error.is_invalid_session() => SessionPhase::SignedOut {
                    notice: Some(COOKIE_REFUSED.to_owned()),
                },
                Err(error) => SessionPhase::SignedOut {
                    notice: Some(format!("Sign-in failed: {error}")),
                },
            };
            // The widget may have been unmounted meanwhile: then there is nobody to tell.
            let _ = phase.try_set(next);
        });
    }

    /// Tells the session which subscription to delete when signing out.
    pub fn track_subscription(&self, subscription: Signal<Option<String>>) {
        self.subscription.set_value(Some(subscription));
    }

    /// The gateway no longer knows the session (`INVALID_SESSION`): back to sign-in, saying so.
    pub fn expire(&self, notice: impl Into<String>) {
        if self.phase.with_untracked(|p| p.signed_in().is_some()) {
            self.subscription.set_value(None);
            self.expired.set(true);
            self.phase.set(SessionPhase::SignedOut {
                notice: Some(notice.into()),
            });
        }
    }

    /// Deletes the event subscription, then closes the session. The agent ends up signed
    /// out whatever the gateway answers.
    pub fn sign_out(&self) {
        let SessionPhase::SignedIn(signed_in) = self.phase.get_untracked() else {
            return;
        };
        let subscription = self
            .subscription
            .get_value()
            .and_then(|s| s.try_get_untracked().flatten());
        self.subscription.set_value(None);
        self.phase.set(SessionPhase::SigningOut(signed_in.clone()));
        let phase = self.phase;
        spawn_local(async move {
            let notice = signed_in.driver.sign_out(subscription).await;
            let _ = phase.try_set(SessionPhase::SignedOut { notice });
        });
    }
}

async fn open(valid: ValidSignIn, time_to_live: Option<u32>) -> Result<SignedIn, ApiError> {
    let signed = drivers::sign_in(
        &valid.backend,
        valid.gateway,
        &valid.login,
        &valid.password,
        time_to_live,
    )
    .await?;
    Ok(SignedIn {
        driver: signed.driver,
        login: signed.login,
    })
}

/// The session the cookie already opens on `gateway`, if any, with its login.
async fn resumed(gateway: String) -> Option<SignedIn> {
    let signed = drivers::resume(&gateway).await?;
    Some(SignedIn {
        driver: signed.driver,
        login: signed.login,
    })
}

/// The session of this widget: the one in context, or a new one provided for descendants.
/// Embedded, it asks for a short time-to-live ([`EMBEDDED_TIME_TO_LIVE_SECS`]).
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| {
        let embedded = crate::embed::use_embedding().is_embedded();
        let session = Session::new(embedded.then_some(EMBEDDED_TIME_TO_LIVE_SECS));
        provide_context(session);
        session
    })
}
