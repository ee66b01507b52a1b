//! Small wrappers over browser APIs that can fail; none of them panics.

use cti::model::Instant;
use wasm_bindgen::JsValue;

/// The monotonic clock the `cti` machine runs on: `performance.now()` in milliseconds.
pub fn now() -> Instant {
    // The page's time origin plus the monotonic clock: Unix milliseconds that never go back
    // within a page, and that a reloaded page can compare with the times it remembered.
    let millis = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.time_origin() + p.now())
        .unwrap_or(0.0);
    // performance.now() is non-negative and far below u64::MAX; clamp anyway.
    Instant::from_millis(millis.max(0.0) as u64)
}

/// Resolves after `ms` milliseconds (setTimeout); at once if there is no window.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
        });
        if !matches!(scheduled, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A setting from localStorage (absent when storage is blocked).
pub fn load_setting(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores a setting; silently skipped when storage is blocked (private mode, quota).
pub fn save_setting(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Sets (or with `None` removes) an attribute of `<html>`, e.g. `data-theme`, `lang`.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}
