//! The XuC front's sign-in tokens: URL-safe (they go in the socket's URL), living
//! [`TOKEN_TTL_SECS`] from their issue or their last check.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

use crate::clock::Millis;

/// Seconds a token lives after its issue or its last check.
pub const TOKEN_TTL_SECS: u64 = 3600;

/// Why a token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// Never issued (or forgotten).
    Unknown,
    /// Older than its time to live.
    Expired,
}

/// The tokens issued, by token: (login, last issue or check).
#[derive(Debug, Default)]
pub struct XucTokens {
    tokens: Mutex<HashMap<String, (String, Millis)>>,
}

impl XucTokens {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, (String, Millis)>> {
        self.tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new token for `login` at `now`: 32 characters of `[A-Za-z0-9_-]`.
    pub fn issue(&self, login: &str, now: Millis) -> String {
        let mut bytes = [0u8; 24];
        rand::rng().fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let mut tokens = self.lock();
        // Expired tokens go when new ones come, so the map does not grow forever.
        tokens.retain(|_, (_, at)| !expired(*at, now));
        tokens.insert(token.clone(), (login.to_owned(), now));
        token
    }

    /// The login of `token` at `now`; `refresh` restarts its time to live.
    pub fn check(&self, token: &str, now: Millis, refresh: bool) -> Result<String, TokenRefusal> {
        let mut tokens = self.lock();
        let (login, at) = tokens.get_mut(token).ok_or(TokenRefusal::Unknown)?;
        if expired(*at, now) {
            return Err(TokenRefusal::Expired);
        }
        if refresh {
            *at = now;
        }
        Ok(login.clone())
    }
}

fn expired(at: Millis, now: Millis) -> bool {
    now.saturating_sub(at) > TOKEN_TTL_SECS * 1000
}
