//! O2G's sign-in steps, sans-IO: authenticate with Basic credentials (the gateway sets the
//! session cookie), then open a session; or resume the session the cookie already opens.
//!
//! Each step is its own struct and an answer consumes it, as the handshake states of rustls
//! do, so a session cannot be opened before authentication succeeded. The host sends what
//! [`SignIn::poll_transmit`] gives, feeds the answer to [`SignIn::handle_answer`], and reads
//! [`SignIn::outcome`] once it is [`SignIn::Done`].

use crate::adapter::Answer;
use crate::o2g::auth::{basic_authorization, AuthenticationResponse};
use crate::o2g::session::{SessionInfo, SessionRequest, SESSIONS_PATH};
use crate::o2g::{decode, encode, API_VERSION, AUTHENTICATE_PATH};
use crate::transmit::{HttpRequest, Method};

/// The application name announced when opening a session.
pub const APPLICATION_NAME: &str = "agentdesk";

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The O2G login the gateway knows.
    pub login: String,
    /// The session's time-to-live in seconds, when the gateway said.
    pub time_to_live: Option<u32>,
}

/// Why signing in did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignInFailure {
    /// The gateway answered with an error (kept whole, for the host to read its message).
    Rejected {
        /// Which step: `"authenticate"`, `"open session"`, `"resume"`.
        step: &'static str,
        /// The HTTP status.
        status: u16,
        /// The body (a `RestErrorInfo`, normally).
        body: Vec<u8>,
    },
    /// The gateway could not be reached.
    Unreachable(String),
    /// The gateway answered something that is not O2G (the message says what).
    Unexpected(String),
    /// Resuming: the cookie opens no session (or one without a login).
    NoSession,
}

/// Authenticating: `GET /api/rest/authenticate?version=1.0` with Basic credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticating {
    login: String,
    time_to_live: Option<u32>,
}

/// Opening the session: `POST /api/rest/1.0/sessions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningSession {
    /// The login authentication named (else the one typed).
    login: String,
}

/// Resuming: `GET /api/rest/1.0/sessions` with the cookie the browser has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resuming;

/// Where the sign-in stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// Waiting for the authentication's answer.
    Authenticating(Authenticating),
    /// Waiting for the session's answer.
    OpeningSession(OpeningSession),
    /// Waiting for the current session's answer.
    Resuming(Resuming),
    /// Over.
    Done(Result<SignedIn, SignInFailure>),
}

/// The sign-in, with the request waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInSteps {
    state: SignIn,
    pending: Option<HttpRequest>,
}

impl SignInSteps {
    /// Signs in `login` with `password`, asking for a session of `time_to_live` seconds
    /// (`None`: the gateway's default).
    pub fn sign_in(login: &str, password: &str, time_to_live: Option<u32>) -> SignInSteps {
        let request = HttpRequest::get(AUTHENTICATE_PATH)
            .with_query("version", API_VERSION)
            .with_header("Authorization", &basic_authorization(login, password));
        SignInSteps {
            state: SignIn::Authenticating(Authenticating {
                login: login.to_owned(),
                time_to_live,
            }),
            pending: Some(request),
        }
    }

    /// Resumes the session the browser's cookie opens, if any.
    pub fn resume() -> SignInSteps {
        SignInSteps {
            state: SignIn::Resuming(Resuming),
            pending: Some(HttpRequest::get(SESSIONS_PATH)),
        }
    }

    /// The request to send now, once.
    pub fn poll_transmit(&mut self) -> Option<HttpRequest> {
        self.pending.take()
    }

    /// The answer to the last request.
    pub fn handle_answer(&mut self, answer: Answer<'_>) {
        let state =
            core::mem::replace(&mut self.state, SignIn::Done(Err(SignInFailure::NoSession)));
        self.state = match state {
            SignIn::Authenticating(step) => step.answered(answer, &mut self.pending),
            SignIn::OpeningSession(step) => step.answered(answer),
            SignIn::Resuming(step) => step.answered(answer),
            done @ SignIn::Done(_) => done,
        };
    }

    /// Where the sign-in stands.
    pub fn state(&self) -> &SignIn {
        &self.state
    }

    /// The result, once over.
    pub fn outcome(&self) -> Option<&Result<SignedIn, SignInFailure>> {
        match &self.state {
            SignIn::Done(result) => Some(result),
            _ => None,
        }
    }
}

impl Authenticating {
    fn answered(self, answer: Answer<'_>, next: &mut Option<HttpRequest>) -> SignIn {
        let body = match success("authenticate", answer) {
            Ok(body) => body,
            Err(failure) => return SignIn::Done(Err(failure)),
        };
        let auth = match decode::<AuthenticationResponse>("AuthenticationResponse", body) {
            Ok(auth) => auth,
            Err(error) => return SignIn::Done(Err(SignInFailure::Unexpected(error.to_string()))),
        };
        let request = SessionRequest::for_application(APPLICATION_NAME);
        let request = match self.time_to_live {
            Some(secs) => request.with_time_to_live(secs),
            None => request,
        };
        *next = Some(HttpRequest::new(Method::Post, SESSIONS_PATH).with_body(encode(&request)));
        SignIn::OpeningSession(OpeningSession {
            login: auth.login_name.unwrap_or(self.login),
        })
    }
}

impl OpeningSession {
    fn answered(self, answer: Answer<'_>) -> SignIn {
        let result = success("open session", answer)
            .and_then(session)
            .map(|info| SignedIn {
                // The session's own login first: it is the one events name.
                login: info
                    .login
                    .filter(|l| !l.trim().is_empty())
                    .unwrap_or(self.login),
                time_to_live: info.time_to_live,
            });
        SignIn::Done(result)
    }
}

impl Resuming {
    fn answered(self, answer: Answer<'_>) -> SignIn {
        let result = match success("resume", answer) {
            // No session for this cookie (403) or no cookie at all: sign in.
            Err(SignInFailure::Rejected { .. }) => Err(SignInFailure::NoSession),
            other => other.and_then(session).and_then(|info| {
                // Without its login there is nothing to subscribe to: sign in again instead.
                let login = info
                    .login
                    .filter(|l| !l.trim().is_empty())
                    .ok_or(SignInFailure::NoSession)?;
                Ok(SignedIn {
                    login,
                    time_to_live: info.time_to_live,
                })
            }),
        };
        SignIn::Done(result)
    }
}

fn success<'a>(step: &'static str, answer: Answer<'a>) -> Result<&'a [u8], SignInFailure> {
    match answer {
        Answer::Response { status, body } if (200..300).contains(&status) => Ok(body),
        Answer::Response { status, body } => Err(SignInFailure::Rejected {
            step,
            status,
            body: body.to_vec(),
        }),
        Answer::Unreachable { message } => Err(SignInFailure::Unreachable(message.to_owned())),
    }
}

fn session(body: &[u8]) -> Result<SessionInfo, SignInFailure> {
    decode::<SessionInfo>("SessionInfo", body).map_err(|e| SignInFailure::Unexpected(e.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn ok(body: &str) -> Answer<'_> {
        Answer::Response {
            status: 200,
            body: body.as_bytes(),
        }
    }

    const AUTH: &str = r#"{"credential":"jwt","publicUrl":"https://gw/api/rest/1.0/sessions","internalUrl":"https://gw/api/rest/1.0/sessions","loginName":"oxe70120"}"#;
    const SESSION: &str =
        r#"{"login":"oxe70120","timeToLive":120,"privateBaseUrl":"https://gw/api/rest/1.0"}"#;

    #[test]
    fn authenticate_then_open_a_session() {
        let mut steps = SignInSteps::sign_in("oxe70120", "0120", Some(120));
        let auth = steps.poll_transmit().unwrap();
        assert_eq!(auth.path_and_query(), "/api/rest/authenticate?version=1.0");
        assert_eq!(
            auth.headers,
            [(
                "Authorization".to_owned(),
                "Basic b3hlNzAxMjA6MDEyMA==".to_owned()
            )]
        );
        assert!(steps.poll_transmit().is_none(), "one request at a time");
        steps.handle_answer(ok(AUTH));
        let open = steps.poll_transmit().unwrap();
        assert_eq!(
            (open.method, open.path.as_str()),
            (Method::Post, SESSIONS_PATH)
        );
        assert_eq!(
            open.body.as_deref(),
            Some(r#"{"applicationName":"agentdesk","timeToLive":120}"#)
        );
        steps.handle_answer(ok(SESSION));
        assert_eq!(
            steps.outcome(),
            Some(&Ok(SignedIn {
                login: "oxe70120".into(),
                time_to_live: Some(120)
            }))
        );
    }

    #[test]
    fn a_refused_password_or_cookie_is_kept_whole_for_its_message() {
        let refused = br#"{"httpStatus":"UNAUTHORIZED","code":1002,"type":"NOT_ALLOWED","helpMessage":"Bad login or password"}"#;
        let mut steps = SignInSteps::sign_in("oxe70120", "9999", None);
        steps.poll_transmit();
        steps.handle_answer(Answer::Response {
            status: 401,
            body: refused,
        });
        assert_eq!(
            steps.outcome(),
            Some(&Err(SignInFailure::Rejected {
                step: "authenticate",
                status: 401,
                body: refused.to_vec()
            }))
        );
        // Authenticated, but the browser kept no cookie: the session is refused.
        let mut steps = SignInSteps::sign_in("oxe70120", "0120", None);
        steps.poll_transmit();
        steps.handle_answer(ok(AUTH));
        steps.poll_transmit();
        steps.handle_answer(Answer::Response {
            status: 403,
            body: br#"{"type":"INVALID_SESSION"}"#,
        });
        assert!(matches!(
            steps.outcome(),
            Some(Err(SignInFailure::Rejected {
                step: "open session",
                status: 403,
                ..
            }))
        ));
        // Garbage and silence.
        let mut steps = SignInSteps::sign_in("a", "b", None);
        steps.poll_transmit();
        steps.handle_answer(ok("<html>"));
        assert!(matches!(
            steps.outcome(),
            Some(Err(SignInFailure::Unexpected(_)))
        ));
        let mut steps = SignInSteps::sign_in("a", "b", None);
        steps.poll_transmit();
        steps.handle_answer(Answer::Unreachable { message: "down" });
        assert_eq!(
            steps.outcome(),
            Some(&Err(SignInFailure::Unreachable("down".into())))
        );
    }

    #[test]
    fn resume_the_cookie_s_session_or_say_there_is_none() {
        let mut steps = SignInSteps::resume();
        assert_eq!(steps.poll_transmit().unwrap().path, SESSIONS_PATH);
        steps.handle_answer(ok(SESSION));
        assert!(matches!(steps.outcome(), Some(Ok(s)) if s.login == "oxe70120"));
        let mut steps = SignInSteps::resume();
        steps.poll_transmit();
        steps.handle_answer(Answer::Response {
            status: 403,
            body: b"{}",
        });
        assert_eq!(steps.outcome(), Some(&Err(SignInFailure::NoSession)));
        let mut steps = SignInSteps::resume();
        steps.poll_transmit();
        steps.handle_answer(ok(r#"{"privateBaseUrl":"x"}"#));
        assert_eq!(
            steps.outcome(),
            Some(&Err(SignInFailure::NoSession)),
            "no login"
        );
    }
}
