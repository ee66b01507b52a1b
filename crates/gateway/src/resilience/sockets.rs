//! Event sockets per login (issue 17, defect 6): a socket takes a slot of its login for as
//! long as it is open; past [`SOCKETS_PER_LOGIN`] a new one is refused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Sockets one login may hold open at once, over every front: a desk with a few tabs and a
/// CRM frame needs far fewer.
pub const SOCKETS_PER_LOGIN: usize = 16;

/// Open sockets by login.
#[derive(Debug, Default)]
pub struct SocketSlots {
    open: Arc<Mutex<HashMap<String, usize>>>,
}

fn lock(open: &Mutex<HashMap<String, usize>>) -> MutexGuard<'_, HashMap<String, usize>> {
    open.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SocketSlots {
    /// A slot for a socket of `login`, or `None` when it holds [`SOCKETS_PER_LOGIN`].
    pub fn acquire(&self, login: &str) -> Option<SocketSlot> {
        let mut open = lock(&self.open);
        let count = open.entry(login.to_owned()).or_insert(0);
        if *count >= SOCKETS_PER_LOGIN {
            return None;
        }
        *count += 1;
        Some(SocketSlot {
            open: Arc::clone(&self.open),
            login: login.to_owned(),
        })
    }

    /// Sockets `login` holds now.
    pub fn held(&self, login: &str) -> usize {
        lock(&self.open).get(login).copied().unwrap_or(0)
    }
}

/// A socket's slot, given back when dropped.
#[derive(Debug)]
pub struct SocketSlot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    login: String,
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let mut open = lock(&self.open);
        if let Some(count) = open.get_mut(&self.login) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.login);
            }
        }
    }
}
