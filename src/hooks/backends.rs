//! `use_backends`: the contact-centre protocols the gateway offers (`GET /api/backends`),
//! for the sign-in form. A gateway that does not answer is taken to speak O2G, as every
//! agentdesk gateway does.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use crate::drivers;
use crate::transport::normalize_gateway_url;

/// One protocol the gateway offers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BackendChoice {
    /// The id the widget's driver answers to.
    pub id: String,
    /// What the agent reads.
    pub name: String,
    /// The page of the console built for this backend (`/xuc/`), when the gateway serves one:
    /// a backend this build has no driver for is signed in to there (one build per backend,
    /// so that an agent downloads the code of their backend only).
    #[serde(default)]
    pub console: Option<String>,
}

impl BackendChoice {
    /// The page to go to for this backend: its console, when this build cannot speak it and
    /// that console is another page than this one.
    pub fn elsewhere(&self) -> Option<&str> {
        if drivers::supports(&self.id) {
            return None;
        }
        self.console
            .as_deref()
            .filter(|console| !console.is_empty() && *console != page_path())
    }

    /// Whether the agent can sign in to this backend, here or on its own console.
    pub fn is_usable(&self) -> bool {
        drivers::supports(&self.id) || self.elsewhere().is_some()
    }
}

/// The path of this page (`/`, `/xuc/`).
fn page_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Leaves for the console at `path` (on this page's origin), where the agent signs in.
pub fn open_console(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// The body of `GET /api/backends`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BackendList {
    /// What the gateway speaks, the default first.
    pub backends: Vec<BackendChoice>,
    /// The one to preselect.
    #[serde(default)]
    pub default: Option<String>,
}

impl BackendList {
    /// What a gateway that does not say is taken to speak.
    pub fn fallback() -> BackendList {
        BackendList {
            backends: vec![BackendChoice {
                id: drivers::DEFAULT_BACKEND.to_owned(),
                name: drivers::DEFAULT_BACKEND_NAME.to_owned(),
                console: None,
            }],
            default: None,
        }
    }

    /// The offered backends the agent can sign in to, here (this widget has their driver) or
    /// on their own console, in the gateway's order.
    pub fn usable(&self) -> Vec<BackendChoice> {
        self.backends
            .iter()
            .filter(|b| b.is_usable())
            .cloned()
            .collect()
    }

    /// The backend to preselect: one this page speaks (the gateway's default first), else the
    /// gateway's default when usable elsewhere, else the first usable.
    pub fn preselected(&self) -> Option<String> {
        let usable = self.usable();
        let default = self.default.as_deref();
        let here = |b: &&BackendChoice| drivers::supports(&b.id);
        usable
            .iter()
            .filter(here)
            .find(|b| Some(b.id.as_str()) == default)
            .or_else(|| usable.iter().find(here))
            .or_else(|| usable.iter().find(|b| Some(b.id.as_str()) == default))
            .or_else(|| usable.first())
            .map(|b| b.id.clone())
    }

    /// The choice with this id.
    pub fn choice(&self, id: &str) -> Option<&BackendChoice> {
        self.backends.iter().find(|b| b.id == id)
    }
}

/// The backends of the gateway at `gateway` (re-read when it changes). A list provided in
/// context (a host page, tests) is used instead.
pub fn use_backends(gateway: Signal<String>) -> Signal<BackendList> {
    if let Some(provided) = use_context::<Signal<BackendList>>() {
        return provided;
    }
    let list = RwSignal::new(BackendList::fallback());
    Effect::new(move |previous: Option<Option<String>>| {
        let base = normalize_gateway_url(&gateway.get()).ok();
        if previous.as_ref() != Some(&base) {
            if let Some(base) = base.clone() {
                spawn_local(async move {
                    let url = format!("{base}/api/backends");
                    let answer = gloo_net::http::Request::get(&url).send().await;
                    // Through the decoder every body goes through (a JSON tree first): a second
                    // JSON reader only for this list would weigh more than the list.
                    let fetched = match answer {
                        Ok(response) if response.ok() => {
                            let bytes = response.binary().await.unwrap_or_default();
                            crate::transport::decode::<BackendList>("BackendList", &bytes).ok()
                        }
                        _ => None,
                    };
                    let _ = list.try_set(fetched.unwrap_or_else(BackendList::fallback));
                });
            }
        }
        base
    });
    list.into()
}
