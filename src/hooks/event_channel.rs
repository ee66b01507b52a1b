//! `use_event_channel`: subscribes and keeps the event channel open while the owner lives.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::drivers::DriverHandle;
use crate::transport::{ChannelHandlers, ChannelStop, ConnectionState};

/// The running channel: its state, and ways to stop or cut it.
#[derive(Clone)]
pub struct EventChannel {
    /// Connected / reconnecting / offline, for the status badge.
    pub state: Signal<ConnectionState>,
    /// The current subscription id (deleted at sign-out).
    pub subscription: Signal<Option<String>>,
    stop: SendWrapper<Rc<ChannelStop>>,
}

impl EventChannel {
    /// Stops the channel for good (signing out).
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// Drops the current connection as a network failure would; the channel reconnects and
    /// resyncs. Exposed for tests and the e2e "cut the channel" check.
    pub fn cut(&self) {
        self.stop.drop_connection();
    }
}

/// Opens the event stream of `driver`'s backend: `on_event` gets each message, `on_open`
/// runs on each (re)connection (resync there), `on_lost` when the session is gone.
pub fn use_event_channel(
    driver: DriverHandle,
    on_event: impl Fn(&[u8]) + 'static,
    on_open: impl Fn() + 'static,
    on_lost: impl Fn() + 'static,
) -> EventChannel {
    let state = RwSignal::new(ConnectionState::Connecting);
    let subscription = RwSignal::new(None::<String>);
    let stop = Rc::new(ChannelStop::default());
    let handlers = ChannelHandlers {
        on_event: Rc::new(on_event),
        on_open: Rc::new(on_open),
        on_state: Rc::new(move |s| {
            let _ = state.try_set(s);
        }),
        on_subscription: Rc::new(move |id| {
            let _ = subscription.try_set(id);
        }),
        on_session_lost: Rc::new(on_lost),
    };
    spawn_local(driver.run_events(handlers, Rc::clone(&stop)));
    let on_unmount = SendWrapper::new(Rc::clone(&stop));
    on_cleanup(move || on_unmount.stop());
    EventChannel {
        state: state.into(),
        subscription: subscription.into(),
        stop: SendWrapper::new(stop),
    }
}
