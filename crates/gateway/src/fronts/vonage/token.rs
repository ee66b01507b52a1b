//! The report API's clients and the bearer tokens issued to them (kept in `AppState`; the
//! endpoint that issues them is `auth.rs`).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

use crate::clock::Millis;

/// Seconds a token lives (`expires_in`).
pub const TOKEN_TTL_SECS: u64 = 7200;

/// The only scope the API has.
pub const SCOPE: &str = "stats";

/// An API client: its id and secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    /// `client_id`.
    pub id: String,
    /// `client_secret`.
    pub secret: String,
}

/// The demo's API client, listed in the README (a deployment configures its own).
pub static DEMO_CLIENT: std::sync::LazyLock<ApiClient> = std::sync::LazyLock::new(|| ApiClient {
    id: "reports-demo".into(),
    secret: "reports-demo-secret".into(),
});

/// The clients, and the tokens issued: token → (client id, expiry on the gateway's clock).
#[derive(Debug)]
pub struct StatsTokens {
    /// The clients allowed.
    pub clients: Vec<ApiClient>,
    tokens: Mutex<HashMap<String, (String, Millis)>>,
}

impl StatsTokens {
    /// Tokens for these clients.
    pub fn new(clients: Vec<ApiClient>) -> StatsTokens {
        StatsTokens {
            clients,
            tokens: Mutex::new(HashMap::new()),
        }
    }

    /// Tokens for the demo's client alone.
    pub fn demo() -> StatsTokens {
        StatsTokens::new(vec![DEMO_CLIENT.clone()])
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (String, Millis)>> {
        self.tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new token for `client` at `now`, living [`TOKEN_TTL_SECS`].
    pub fn issue(&self, client: &str, now: Millis) -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let mut tokens = self.lock();
        tokens.retain(|_, (_, until)| *until > now);
        tokens.insert(
            token.clone(),
            (client.to_owned(), now.saturating_add(TOKEN_TTL_SECS * 1000)),
        );
        token
    }

    /// Whether `token` is valid at `now`.
    pub fn valid(&self, token: &str, now: Millis) -> bool {
        self.lock()
            .get(token)
            .is_some_and(|(_, until)| *until > now)
    }
}
