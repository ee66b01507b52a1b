//! Credentials issued by `/authenticate` and the sessions opened with them.
//!
//! A credential is the AlcUserId JWT. It opens at most one session (spec L705). A session's
//! time-to-live restarts on every request (L665-673); an expired one is gone, and any request
//! carrying its credential is answered INVALID_SESSION.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::clock::Millis;
use crate::error::AppError;

/// A credential not used to open a session within this time is forgotten.
const UNUSED_CREDENTIAL_TTL_MS: Millis = 5 * 60 * 1000;
/// Bounds on a requested time-to-live, in seconds: at most the spec's 30 minutes (L994), so a
/// client cannot keep a forgotten session alive for a day.
const TTL_RANGE_SECS: std::ops::RangeInclusive<u32> = 60..=1_800;

/// Sessions one login may have open at once (issue 17, defect 6): a desk with a few tabs,
/// a CRM frame and a softphone needs far fewer. Opening one more closes the least recently
/// used, as a forgotten tab's would expire anyway.
pub const SESSIONS_PER_LOGIN: usize = 8;
/// Credentials of one login issued and not yet used to open a session; the oldest go first.
pub const UNUSED_CREDENTIALS_PER_LOGIN: usize = 16;

/// How the `AlcUserId` cookie is scoped; see docs/decisions.md, "Embedding".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CookieMode {
    /// `SameSite=Strict`: never sent with a request another site's page causes. The widget
    /// framed by a page of the same site (another port of `127.0.0.1`, a sibling subdomain)
    /// keeps its session; framed by another site it does not.
    #[default]
    SameSite,
    /// `SameSite=None; Secure; Partitioned`: sent from the widget framed by another site, in
    /// a cookie jar of that top-level site only (CHIPS). Browsers keep `Secure` cookies from
    /// https origins only (and `http://localhost`).
    CrossSite,
}

impl CookieMode {
    /// The `Set-Cookie` value that hands `credential` to the browser.
    pub fn set_cookie(self, credential: &str) -> String {
        let cookie = cti::o2g::SESSION_COOKIE;
        // HttpOnly always: no page script, the widget's included, needs to read it.
        match self {
            CookieMode::SameSite => {
                format!("{cookie}={credential}; Path=/; HttpOnly; SameSite=Strict")
            }
            CookieMode::CrossSite => format!(
                "{cookie}={credential}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned"
            ),
        }
    }
}

/// An open session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSession {
    /// When it was opened.
    pub opened_at: Millis,
    /// Its time-to-live in seconds.
    pub ttl_secs: u32,
    /// The last request that touched it.
    pub last_seen: Millis,
    /// The application that opened it.
    pub application_name: String,
}

impl OpenSession {
    fn expires_at(&self) -> Millis {
        self.last_seen
            .saturating_add(u64::from(self.ttl_secs) * 1000)
    }

    /// Seconds left before expiry, as `GET /sessions` reports them.
    pub fn remaining_secs(&self, now: Millis) -> u32 {
        u32::try_from(self.expires_at().saturating_sub(now) / 1000).unwrap_or(u32::MAX)
    }
}

/// An open session as [`Sessions::open_sessions`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEntry {
    /// Its credential (the AlcUserId JWT): a secret.
    pub credential: String,
    /// The login it belongs to.
    pub login: String,
    /// The session.
    pub session: OpenSession,
}

#[derive(Debug)]
struct Entry {
    login: String,
    issued_at: Millis,
    session: Option<OpenSession>,
}

impl Entry {
    fn is_live(&self, now: Millis) -> bool {
        match &self.session {
            Some(session) => now < session.expires_at(),
            None => now < self.issued_at.saturating_add(UNUSED_CREDENTIAL_TTL_MS),
        }
    }
}

/// A session that ended, as the close hook is told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndedSession<'a> {
    /// Its credential.
    pub credential: &'a str,
    /// The login it belonged to.
    pub login: &'a str,
    /// No other session of that login is still open (its user has no window left).
    pub last_of_login: bool,
}

/// Told every session that ends: closed, found expired, or purged.
pub type CloseHook = Box<dyn Fn(&EndedSession<'_>) + Send + Sync>;

/// All credentials and sessions, behind one lock: operations are tiny and never await.
///
/// The close hook runs under that lock (lock order: sessions, then whatever the hook takes);
/// it must never call back into `Sessions`.
pub struct Sessions {
    signing_key: [u8; 32],
    entries: Mutex<HashMap<String, Entry>>,
    close_hook: OnceLock<CloseHook>,
}

impl Default for Sessions {
    fn default() -> Self {
        let mut signing_key = [0u8; 32];
        rand::rng().fill_bytes(&mut signing_key);
        Sessions {
            signing_key,
            entries: Mutex::new(HashMap::new()),
            close_hook: OnceLock::new(),
        }
    }
}

impl Sessions {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding this lock cannot leave a map half-updated (each operation is a
        // single insert/remove/field write), so a poisoned lock is still consistent.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Installs the hook told about every session that ends (once; false if one is set).
    pub fn on_close(&self, hook: CloseHook) -> bool {
        self.close_hook.set(hook).is_ok()
    }

    /// Tells the hook that `entry`, already out of `entries`, ended.
    fn ended(
        &self,
        entries: &HashMap<String, Entry>,
        credential: &str,
        entry: &Entry,
        now: Millis,
    ) {
        if entry.session.is_some() {
            if let Some(hook) = self.close_hook.get() {
                let last_of_login = !entries.values().any(|other| {
                    other.login == entry.login && other.session.is_some() && other.is_live(now)
                });
                hook(&EndedSession {
                    credential,
                    login: &entry.login,
                    last_of_login,
                });
            }
        }
    }

    /// Issues a new signed JWT credential for `login`.
    pub fn issue(&self, login: &str, now_unix_secs: u64, now: Millis) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let claims = serde_json::json!({ "sub": login, "iat": now_unix_secs, "jti": URL_SAFE_NO_PAD.encode(nonce) });
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signing_input = format!("{header}.{payload}");
        let signature = match Hmac::<Sha256>::new_from_slice(&self.signing_key) {
            Ok(mut mac) => {
                mac.update(signing_input.as_bytes());
                URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
            }
            // HMAC accepts keys of any length; keep the credential unique even so.
            Err(_) => URL_SAFE_NO_PAD.encode(nonce),
        };
        let credential = format!("{signing_input}.{signature}");
        let mut entries = self.entries();
        let unused = |entry: &Entry| entry.login == login && entry.session.is_none();
        let mut waiting: Vec<(Millis, String)> = entries
            .iter()
            .filter(|(_, entry)| unused(entry))
            .map(|(credential, entry)| (entry.issued_at, credential.clone()))
            .collect();
        if waiting.len() >= UNUSED_CREDENTIALS_PER_LOGIN {
            waiting.sort();
            let excess = waiting.len() + 1 - UNUSED_CREDENTIALS_PER_LOGIN;
            for (_, old) in waiting.into_iter().take(excess) {
                entries.remove(&old);
            }
        }
        entries.insert(
            credential.clone(),
            Entry {
                login: login.to_owned(),
                issued_at: now,
                session: None,
            },
        );
        credential
    }

    /// Opens the session of a credential (`POST /sessions`).
    pub fn open(
        &self,
        credential: &str,
        application_name: &str,
        ttl_secs: Option<u32>,
        now: Millis,
    ) -> Result<(String, OpenSession), AppError> {
        let mut entries = self.entries();
        let entry = self.live_entry(&mut entries, credential, now)?;
        if entry.session.is_some() {
            return Err(AppError::not_allowed(
                "A session is already open with this credential",
            ));
        }
        let login = entry.login.clone();
        self.make_room(&mut entries, &login, now);
        let entry = self.live_entry(&mut entries, credential, now)?;
        // AMBIG-9: a requested time-to-live is honoured, clamped into the allowed range.
        let ttl_secs = ttl_secs.map_or(cti::o2g::session::DEFAULT_TIME_TO_LIVE_SECS, |ttl| {
            ttl.clamp(*TTL_RANGE_SECS.start(), *TTL_RANGE_SECS.end())
        });
        let session = OpenSession {
            opened_at: now,
            ttl_secs,
            last_seen: now,
            application_name: application_name.to_owned(),
        };
        entry.session = Some(session.clone());
        Ok((entry.login.clone(), session))
    }

    /// Whether `credential` was issued and is still live at `now` (its session open or not),
    /// without restarting anything: the gate that runs before a body is read.
    pub fn knows(&self, credential: &str, now: Millis) -> bool {
        self.entries()
            .get(credential)
            .is_some_and(|entry| entry.is_live(now))
    }

    /// Closes the least recently used sessions of `login` until one more fits under
    /// [`SESSIONS_PER_LOGIN`].
    fn make_room(&self, entries: &mut HashMap<String, Entry>, login: &str, now: Millis) {
        let mut open: Vec<(Millis, String)> = entries
            .iter()
            .filter(|(_, entry)| entry.login == login && entry.is_live(now))
            .filter_map(|(credential, entry)| {
                entry
                    .session
                    .as_ref()
                    .map(|session| (session.last_seen, credential.clone()))
            })
            .collect();
        if open.len() < SESSIONS_PER_LOGIN {
            return;
        }
        open.sort();
        let excess = open.len() + 1 - SESSIONS_PER_LOGIN;
        for (_, credential) in open.into_iter().take(excess) {
            if let Some(entry) = entries.remove(&credential) {
                tracing::info!(%login, "session closed: the login opened too many");
                self.ended(entries, &credential, &entry, now);
            }
        }
    }

    /// Finds the open session of a credential and restarts its time-to-live.
    pub fn touch(&self, credential: &str, now: Millis) -> Result<(String, OpenSession), AppError> {
        let mut entries = self.entries();
        let entry = self.live_entry(&mut entries, credential, now)?;
        match entry.session.as_mut() {
            Some(session) => {
                session.last_seen = now;
                Ok((entry.login.clone(), session.clone()))
            }
            None => Err(AppError::invalid_session(
                "No session is open with this credential",
            )),
        }
    }

    /// Closes a session and forgets its credential (`DELETE /sessions`).
    pub fn close(&self, credential: &str, now: Millis) -> Result<String, AppError> {
        self.touch(credential, now)?;
        let mut entries = self.entries();
        let Some(entry) = entries.remove(credential) else {
            return Ok(String::new());
        };
        self.ended(&entries, credential, &entry, now);
        Ok(entry.login)
    }

    /// Forgets every expired credential and session; returns how many went.
    pub fn purge(&self, now: Millis) -> usize {
        let mut entries = self.entries();
        let expired: Vec<String> = entries
            .iter()
            .filter(|(_, entry)| !entry.is_live(now))
            .map(|(credential, _)| credential.clone())
            .collect();
        for credential in &expired {
            if let Some(entry) = entries.remove(credential) {
                self.ended(&entries, credential, &entry, now);
            }
        }
        expired.len()
    }

    /// Every session open and live at `now`, with its credential (a secret: for the
    /// gateway's own bookkeeping, never to be shown) and login.
    pub fn open_sessions(&self, now: Millis) -> Vec<SessionEntry> {
        self.entries()
            .iter()
            .filter(|(_, entry)| entry.is_live(now))
            .filter_map(|(credential, entry)| {
                entry.session.as_ref().map(|session| SessionEntry {
                    credential: credential.clone(),
                    login: entry.login.clone(),
                    session: session.clone(),
                })
            })
            .collect()
    }

    /// How many sessions are open now.
    pub fn open_count(&self, now: Millis) -> usize {
        self.entries()
            .values()
            .filter(|e| e.session.is_some() && e.is_live(now))
            .count()
    }

    fn live_entry<'a>(
        &self,
        entries: &'a mut HashMap<String, Entry>,
        credential: &str,
        now: Millis,
    ) -> Result<&'a mut Entry, AppError> {
        match entries.get(credential) {
            None => return Err(AppError::invalid_session("Unknown credential")),
            Some(entry) if !entry.is_live(now) => {
                if let Some(entry) = entries.remove(credential) {
                    self.ended(entries, credential, &entry, now);
                }
                return Err(AppError::invalid_session("The session has expired"));
            }
            Some(_) => {}
        }
        entries
            .get_mut(credential)
            .ok_or_else(|| AppError::invalid_session("Unknown credential"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;

    #[test]
    fn a_credential_opens_one_session_whose_ttl_restarts_on_every_touch() {
        let sessions = Sessions::default();
        let credential = sessions.issue("oxe70120", 0, 0);
        assert_eq!(credential.split('.').count(), 3, "a JWT has three parts");
        let (login, session) = sessions.open(&credential, "tests", None, 0).expect("opens");
        assert_eq!((login.as_str(), session.ttl_secs), ("oxe70120", 1800));
        assert_eq!(
            sessions
                .open(&credential, "tests", None, MIN)
                .expect_err("second open")
                .status(),
            403
        );
        // 29 minutes, then touch, then another 29: still alive because the touch restarted it.
        sessions
            .touch(&credential, 29 * MIN)
            .expect("alive at 29 min");
        sessions
            .touch(&credential, 58 * MIN)
            .expect("alive at 58 min");
        assert_eq!(
            sessions
                .touch(&credential, 88 * MIN + 1)
                .expect_err("expired")
                .body()
                .code,
            Some(1001)
        );
        // Gone for good, not resurrected.
        assert!(sessions.touch(&credential, 88 * MIN + 2).is_err());
    }

    #[test]
    fn close_forgets_the_credential_and_purge_drops_expired_ones() {
        let sessions = Sessions::default();
        let a = sessions.issue("oxe1", 0, 0);
        let b = sessions.issue("oxe2", 0, 0);
        let unused = sessions.issue("oxe3", 0, 0);
        sessions.open(&a, "t", Some(60), 0).expect("opens");
        sessions.open(&b, "t", None, 0).expect("opens");
        assert_eq!(sessions.close(&b, 1).expect("closes"), "oxe2");
        assert!(
            sessions.close(&b, 2).is_err(),
            "closing twice is INVALID_SESSION"
        );
        assert_eq!(sessions.open_count(2), 1);
        assert_eq!(
            sessions.purge(6 * MIN),
            2,
            "a expired after 60 s, unused after 5 min"
        );
        assert!(sessions.touch(&unused, 6 * MIN).is_err());
    }

    #[test]
    fn the_cookie_is_strict_by_default_and_partitioned_for_cross_site_embedding() {
        assert_eq!(
            CookieMode::default().set_cookie("a.b.c"),
            "AlcUserId=a.b.c; Path=/; HttpOnly; SameSite=Strict"
        );
        assert_eq!(
            CookieMode::CrossSite.set_cookie("a.b.c"),
            "AlcUserId=a.b.c; Path=/; HttpOnly; SameSite=None; Secure; Partitioned"
        );
    }

    #[test]
    fn a_login_keeps_its_most_recent_sessions_and_credentials() {
        let sessions = Sessions::default();
        let opened: Vec<String> = (0..SESSIONS_PER_LOGIN as u64 + 2)
            .map(|i| {
                let credential = sessions.issue("oxe1", 0, i);
                sessions.open(&credential, "t", None, i).expect("opens");
                credential
            })
            .collect();
        let now = 100;
        assert_eq!(sessions.open_count(now), SESSIONS_PER_LOGIN);
        assert!(sessions.touch(&opened[0], now).is_err(), "the oldest went");
        assert!(sessions.touch(&opened[1], now).is_err());
        assert!(sessions.touch(&opened[opened.len() - 1], now).is_ok());
        let other = sessions.issue("oxe2", 0, 0);
        sessions
            .open(&other, "t", None, 0)
            .expect("another login is not counted");
        let unused: Vec<String> = (0..40).map(|i| sessions.issue("oxe3", 0, i)).collect();
        assert!(!sessions.knows(&unused[0], 50));
        assert!(sessions.knows(&unused[39], 50));
        let kept = unused.iter().filter(|c| sessions.knows(c, 50)).count();
        assert_eq!(kept, UNUSED_CREDENTIALS_PER_LOGIN);
    }

    #[test]
    fn out_of_range_ttl_is_clamped() {
        // AMBIG-9 (docs/decisions.md): honoured, clamped to 60..=1800 s.
        let sessions = Sessions::default();
        for (asked, got) in [(5, 60), (120, 120), (86_400, 1_800), (999_999, 1_800)] {
            let credential = sessions.issue("oxe1", 0, 0);
            let (_, session) = sessions
                .open(&credential, "t", Some(asked), 0)
                .expect("opened");
            assert_eq!(session.ttl_secs, got, "{asked}");
        }
    }
}
