//! XuC's sign-in steps, sans-IO: `POST /xuc/api/2.0/auth/login` for a token, or
//! `GET /xuc/api/2.0/auth/check` to check (and refresh) a token kept from before. The token is
//! then the whole authentication of the events socket (`?token=`).

use crate::adapter::Answer;
use crate::transmit::{HttpRequest, Method};

use super::auth::{AuthError, AuthErrorKind, AuthToken, LoginRequest, CHECK_PATH, LOGIN_PATH};
use super::codec::{decode, encode};

/// A XuC session: the token and who it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XucToken {
    /// The login the server knows.
    pub login: String,
    /// The token (URL-safe).
    pub token: String,
    /// Seconds it lives.
    pub ttl: i64,
}

/// Why signing in did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XucSignInFailure {
    /// The server refused, with its kind and the message clients show.
    Refused {
        /// Wrong credentials, expired token, …
        kind: AuthErrorKind,
        /// What to show.
        message: String,
    },
    /// The server could not be reached.
    Unreachable(String),
    /// The server answered something that is not XuC (the message says what).
    Unexpected(String),
}

/// The steps: one request, one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XucSignIn {
    pending: Option<HttpRequest>,
    outcome: Option<Result<XucToken, XucSignInFailure>>,
}

impl XucSignIn {
    /// Signs in with `login` and `password`.
    pub fn login(login: &str, password: &str) -> XucSignIn {
        let body = encode(&LoginRequest {
            login: login.to_owned(),
            password: password.to_owned(),
        });
        XucSignIn {
            pending: Some(HttpRequest::new(Method::Post, LOGIN_PATH).with_body(body)),
            outcome: None,
        }
    }

    /// Checks (and refreshes) a token kept from before.
    pub fn check(token: &str) -> XucSignIn {
        let request =
            HttpRequest::get(CHECK_PATH).with_header("Authorization", &format!("Bearer {token}"));
        XucSignIn {
            pending: Some(request),
            outcome: None,
        }
    }

    /// The request to send now, once.
    pub fn poll_transmit(&mut self) -> Option<HttpRequest> {
        self.pending.take()
    }

    /// The answer to the request.
    pub fn handle_answer(&mut self, answer: Answer<'_>) {
        self.outcome = Some(match answer {
            Answer::Response { status, body } if (200..300).contains(&status) => {
                decode::<AuthToken>("AuthToken", body)
                    .map(|t| XucToken {
                        login: t.login,
                        token: t.token,
                        ttl: t.ttl,
                    })
                    .map_err(|e| XucSignInFailure::Unexpected(e.to_string()))
            }
            Answer::Response { status, body } => match decode::<AuthError>("AuthError", body) {
                Ok(error) => Err(XucSignInFailure::Refused {
                    kind: error.error,
                    message: error.message,
                }),
                Err(_) => Err(XucSignInFailure::Unexpected(format!(
                    "the server answered {status} without a XuC error"
                ))),
            },
            Answer::Unreachable { message } => {
                Err(XucSignInFailure::Unreachable(message.to_owned()))
            }
        });
    }

    /// The result, once answered.
    pub fn outcome(&self) -> Option<&Result<XucToken, XucSignInFailure>> {
        self.outcome.as_ref()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_login_gives_a_token_and_a_refusal_its_message() {
        let mut steps = XucSignIn::login("oxe70120", "0120");
        let request = steps.poll_transmit().unwrap();
        assert_eq!(
            (request.method, request.path.as_str()),
            (Method::Post, LOGIN_PATH)
        );
        assert_eq!(
            request.body.as_deref(),
            Some(r#"{"login":"oxe70120","password":"0120"}"#)
        );
        steps.handle_answer(Answer::Response {
            status: 200,
            body: br#"{"login":"oxe70120","token":"abc-123","TTL":3600}"#,
        });
        assert_eq!(
            steps.outcome(),
            Some(&Ok(XucToken {
                login: "oxe70120".into(),
                token: "abc-123".into(),
                ttl: 3600
            }))
        );
        let mut refused = XucSignIn::login("oxe70120", "9");
        refused.poll_transmit();
        refused.handle_answer(Answer::Response {
            status: 401,
            body: br#"{"error":"InvalidCredentials","message":"Invalid credentials"}"#,
        });
        assert!(matches!(
            refused.outcome(),
            Some(Err(XucSignInFailure::Refused { message, .. })) if message == "Invalid credentials"
        ));
        let mut check = XucSignIn::check("abc-123");
        let request = check.poll_transmit().unwrap();
        assert_eq!(
            request.headers,
            [("Authorization".to_owned(), "Bearer abc-123".to_owned())]
        );
    }
}
