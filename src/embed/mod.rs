//! Embedded mode: the widget in a host page's iframe (a CRM), dressed by the host's URL
//! parameters and driven over the host bridge. The protocol and its rules are `cti::embed`'s;
//! this module reads the URL, applies the dress, and carries messages (`docs/embed.md`).

// The host bridge (postMessage protocol, allow-list, violation log) is the `embed` feature:
// only the embed console (`/embed`, its own Trunk build) carries it, so a full-page agent does
// not download it (issue 16, docs/size.md "Entry points"). Without it, the two hooks below
// do nothing; the URL's dress (theme, language, accent, compact layout) stays in every build.
#[cfg(feature = "embed")]
mod bridge;
#[cfg(feature = "embed")]
mod hooks;
#[cfg(feature = "embed")]
mod js;

#[cfg(feature = "embed")]
pub use bridge::{HostBridge, IgnoredMessage};
#[cfg(feature = "embed")]
pub use hooks::{use_host_bridge, use_host_console};

/// Without the `embed` feature no host is listened to (this build is not the embed console).
#[cfg(not(feature = "embed"))]
pub fn use_host_bridge(_embedding: &Embedding, _session: crate::session::Session) {}

/// Without the `embed` feature there is no bridge to plug the console into.
#[cfg(not(feature = "embed"))]
pub fn use_host_console(
    _console: crate::console::ConsoleState,
    _login: String,
    _connection: Signal<crate::transport::ConnectionState>,
) {
}

use cti::embed::{accent_text, EmbedOptions, Theme as HostTheme};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::hooks::{Theme, ThemeSetting};
use crate::i18n::{I18n, Lang};

/// How this page runs: embedded or full, and how the host dressed it. Read once from the
/// URL; shared through context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedding {
    options: EmbedOptions,
}

impl Embedding {
    /// An embedding with these options (tests choose them; the page reads its URL).
    pub fn new(options: EmbedOptions) -> Embedding {
        Embedding { options }
    }

    /// The page's own URL: path `/embed` or `?embed=1` means embedded.
    pub fn from_location() -> Embedding {
        let location = web_sys::window().map(|w| w.location());
        let path = location
            .as_ref()
            .and_then(|l| l.pathname().ok())
            .unwrap_or_default();
        let query = location
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        Embedding::new(EmbedOptions::from_location(&path, &query))
    }

    /// Whether the widget runs in a host's iframe (compact layout, host bridge, short TTL).
    pub fn is_embedded(&self) -> bool {
        self.options.embedded
    }

    /// The parameters as read.
    pub fn options(&self) -> &EmbedOptions {
        &self.options
    }
}

/// The embedding in context, or the page's URL read and provided.
pub fn use_embedding() -> Embedding {
    use_context::<Embedding>().unwrap_or_else(|| {
        let embedding = Embedding::from_location();
        provide_context(embedding.clone());
        embedding
    })
}

/// One console warning per unusable URL parameter, naming it and saying why: a typo in a
/// CRM's integration shows in its developer's console instead of failing silently.
pub fn ignored_parameter_warnings(options: &EmbedOptions) -> Vec<String> {
    options
        .ignored
        .iter()
        .map(|why| format!("agentdesk: ignored the URL parameter {why}"))
        .collect()
}

/// Applies the host's dress for this page only: theme and language override the agent's
/// stored choice without replacing it, the accent colours the buttons. Full-page mode keeps
/// the agent's settings.
pub fn use_page_options(embedding: &Embedding, i18n: I18n, theme: ThemeSetting) {
    for warning in ignored_parameter_warnings(embedding.options()) {
        leptos::logging::warn!("{warning}");
    }
    if !embedding.is_embedded() {
        return;
    }
    let options = embedding.options();
    // `auto` is also what an absent parameter reads as: it leaves the agent's choice alone.
    match options.theme {
        HostTheme::Light => theme.override_for_page(Theme::Light),
        HostTheme::Dark => theme.override_for_page(Theme::Dark),
        _ => {}
    }
    if let Some(lang) = &options.lang {
        i18n.override_for_page(Lang::from_code(lang));
    }
    if let Some(accent) = &options.accent {
        use_accent(accent);
    }
}

/// Sets `--accent` and a readable `--accent-text` on `<html>` while the owner lives.
fn use_accent(colour: &str) {
    let Some(text) = accent_text(colour) else {
        return;
    };
    let Some(root) = root_element() else {
        return;
    };
    let style = root.style();
    let _ = style.set_property("--accent", colour);
    let _ = style.set_property("--accent-text", text);
    let root = send_wrapper::SendWrapper::new(root);
    on_cleanup(move || {
        let style = root.style();
        let _ = style.remove_property("--accent");
        let _ = style.remove_property("--accent-text");
    });
}

fn root_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
