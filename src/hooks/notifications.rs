//! `use_notifications` (browser notifications for incoming calls) and `use_ringer` (a
//! WebAudio ringtone: no audio asset to download).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::time::Duration;
use web_sys::{AudioContext, NotificationOptions, NotificationPermission, OscillatorType};

/// Shows browser notifications when the agent allowed them.
#[derive(Debug, Clone, Copy)]
pub struct Notifier {
    /// Whether notifications are allowed (reactive: updated after asking).
    pub granted: Signal<bool>,
    set_granted: WriteSignal<bool>,
}

impl Notifier {
    /// Asks for permission (must follow a click: browsers ignore it otherwise).
    pub fn request_permission(&self) {
        let set_granted = self.set_granted;
        let Ok(promise) = web_sys::Notification::request_permission() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            let _ = set_granted.try_set(permission_granted());
        });
    }

    /// Shows a notification, when allowed; a click brings the console to the front.
    pub fn notify(&self, title: &str, body: &str) {
        if !self.granted.get_untracked() {
            return;
        }
        let options = NotificationOptions::new();
        options.set_body(body);
        options.set_tag("agentdesk-call");
        let _ = web_sys::Notification::new_with_options(title, &options);
    }
}

fn permission_granted() -> bool {
    // `Notification` is missing in some embedded browsers: reading it must not throw.
    let exists = web_sys::window()
        .map(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false))
        .unwrap_or(false);
    exists && web_sys::Notification::permission() == NotificationPermission::Granted
}

/// The notifier of the page.
pub fn use_notifications() -> Notifier {
    let (granted, set_granted) = signal(permission_granted());
    Notifier {
        granted: granted.into(),
        set_granted,
    }
}

/// A two-tone ring (440/480 Hz, 2 s on, 4 s off) while `ringing` is true.
pub fn use_ringer(ringing: Signal<bool>) {
    let audio: StoredValue<Option<SendWrapper<Ringtone>>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move || {
        let ring = ringing.get();
        audio.update_value(|current| match (ring, current.is_some()) {
            (true, false) => *current = Ringtone::start().map(SendWrapper::new),
            (false, true) => {
                if let Some(tone) = current.take() {
                    tone.stop();
                }
            }
            _ => {}
        });
    });
    on_cleanup(move || {
        audio.try_update_value(|current| {
            if let Some(tone) = current.take() {
                tone.stop();
            }
        });
    });
}

/// A playing ringtone.
struct Ringtone {
    context: AudioContext,
    interval: Option<IntervalHandle>,
}

impl Ringtone {
    fn start() -> Option<Ringtone> {
        let context = AudioContext::new().ok()?;
        let gain = context.create_gain().ok()?;
        gain.gain().set_value(0.0);
        gain.connect_with_audio_node(&context.destination()).ok()?;
        for frequency in [440.0, 480.0] {
            let oscillator = context.create_oscillator().ok()?;
            oscillator.set_type(OscillatorType::Sine);
            oscillator.frequency().set_value(frequency);
            oscillator.connect_with_audio_node(&gain).ok()?;
            oscillator.start().ok()?;
        }
        let cadence = {
            let context = context.clone();
            let gain = gain.clone();
            move || {
                let at = context.current_time();
                let level = gain.gain();
                let _ = level.set_value_at_time(0.15, at);
                let _ = level.set_value_at_time(0.0, at + 2.0);
            }
        };
        cadence();
        let interval = set_interval_with_handle(cadence, Duration::from_secs(6)).ok();
        Some(Ringtone { context, interval })
    }

    fn stop(&self) {
        if let Some(interval) = self.interval {
            interval.clear();
        }
        let _ = self.context.close();
    }
}
