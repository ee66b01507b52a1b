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
                name: "ALE OmniPCX Open Gateway".to_owned(),
            }],
            default: None,
        }
    }

    /// The offered backends this widget has a driver for, in the gateway's order.
    pub fn usable(&self) -> Vec<BackendChoice> {
        self.backends
            .iter()
            .filter(|b| drivers::supports(&b.id))
            .cloned()
            .collect()
    }

    /// The backend to preselect: the gateway's default when usable, else the first usable.
    pub fn preselected(&self) -> Option<String> {
        let usable = self.usable();
        self.default
            .as_ref()
            .filter(|id| usable.iter().any(|b| &b.id == *id))
            .cloned()
            .or_else(|| usable.first().map(|b| b.id.clone()))
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
