//! Calls as an agent sees them, whatever the vendor.

use core::fmt;
use core::time::Duration;

use super::time::Instant;

/// The gateway's reference of a call. Opaque: no format or stability is promised (O2G
/// renames calls on transfer and merge), so it is only ever compared, never parsed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CallRef(String);

impl CallRef {
    /// Wraps the gateway's reference as is.
    pub fn new(reference: impl Into<String>) -> CallRef {
        CallRef(reference.into())
    }

    /// The reference as the gateway wrote it, e.g. for a request path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CallRef {
    fn from(reference: &str) -> CallRef {
        CallRef::new(reference)
    }
}

/// Where a call (or one device's part of it) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallState {
    /// We are dialling; the far end has not been reached yet.
    Dialing,
    /// An incoming call is ringing here.
    RingingIn,
    /// Our outgoing call is ringing at the far end.
    RingingOut,
    /// Waiting in a queue for an agent (vendors that report it).
    Queued,
    /// In conversation.
    Active,
    /// Put on hold by us.
    Held,
    /// Being released (e.g. the far end is busy); nothing but hanging up is left to do.
    Releasing,
    /// The gateway said nothing we understand.
    Unknown,
}

impl CallState {
    /// Whether the call is still being set up (nobody has answered yet).
    pub fn is_alerting(self) -> bool {
        matches!(
            self,
            CallState::Dialing | CallState::RingingIn | CallState::RingingOut | CallState::Queued
        )
    }
}

/// Who placed the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The far end called us (ACD distributions included).
    Incoming,
    /// We called the far end.
    Outgoing,
    /// Neither the first state nor the vendor told us (e.g. picked up mid-call on resync).
    Unknown,
}

/// A person or service on the other side of a call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Party {
    /// What to display, when the gateway knows it.
    pub name: Option<String>,
    /// The number to call back, when presented.
    pub number: Option<String>,
}

impl Party {
    /// Whether nothing is known about this party (e.g. a withheld number).
    pub fn is_unknown(&self) -> bool {
        self.name.is_none() && self.number.is_none()
    }
}

/// Another party in the call, as listed by the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The gateway's identifier of this participant; for deltas only, never displayed.
    pub id: String,
    /// Who it is.
    pub party: Party,
    /// Their own state, when the gateway reports it (O2G: only in conferences).
    pub state: Option<CallState>,
    /// The caller withheld their identity.
    pub anonymous: bool,
}

/// Contact-centre data of a call distributed (or about to be transferred) through a queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcdData {
    /// The pilot (service number) the customer dialled.
    pub pilot: Option<String>,
    /// Time the call waited in the queue before reaching us.
    pub queue_waiting: Option<Duration>,
    /// Time the call waited overall, queues and transfers included.
    pub global_waiting: Option<Duration>,
    /// The processing group that distributed the call.
    pub agent_group: Option<String>,
    /// Whether the queue was saturated.
    pub queue_saturated: Option<bool>,
    /// The transfer from the pilot was supervised.
    pub supervised_transfer: Option<bool>,
    /// For a consultation to a pilot: whether a transfer to it is possible now.
    pub transfer_possible: Option<bool>,
}

impl AcdData {
    /// Takes what `newer` knows and keeps what it omits: gateways restate ACD data partially
    /// (e.g. only the pilot after the answer), and the screen pop must not lose the rest.
    pub fn merge(&mut self, newer: AcdData) {
        fn take<T>(old: &mut Option<T>, new: Option<T>) {
            if new.is_some() {
                *old = new;
            }
        }
        take(&mut self.pilot, newer.pilot);
        take(&mut self.queue_waiting, newer.queue_waiting);
        take(&mut self.global_waiting, newer.global_waiting);
        take(&mut self.agent_group, newer.agent_group);
        take(&mut self.queue_saturated, newer.queue_saturated);
        take(&mut self.supervised_transfer, newer.supervised_transfer);
        take(&mut self.transfer_possible, newer.transfer_possible);
    }
}

/// What the gateway says the user may do with one of their devices in a call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct LegCapabilities {
    /// Pick up the ringing call.
    pub answer: bool,
    /// Leave the call on this device.
    pub drop: bool,
    /// Put the call on hold.
    pub hold: bool,
    /// Take the call back from hold.
    pub retrieve: bool,
    /// Take the call back from hold, releasing the active (consultation) call.
    pub reconnect: bool,
    /// Mute the microphone.
    pub mute: bool,
    /// Unmute the microphone.
    pub unmute: bool,
    /// Send DTMF tones.
    pub send_dtmf: bool,
    /// Move the call to another of the user's devices.
    pub switch_device: bool,
}

/// One of the user's own devices taking part in a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceLeg {
    /// The device's number, as used in requests.
    pub device: String,
    /// The device's state in the call.
    pub state: CallState,
    /// For an outgoing call: the far end is ringing.
    pub ringing_remote: bool,
    /// What may be done on this device now; `None` when the gateway has not said.
    pub capabilities: Option<LegCapabilities>,
}

/// What the gateway says may be done with the call as a whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CallLevelCapabilities {
    /// Transfer it to another call of ours.
    pub transfer: bool,
    /// Transfer it without consultation.
    pub blind_transfer: bool,
    /// Join it with another call of ours into a conference.
    pub merge: bool,
    /// Deflect it, ringing, to another number.
    pub redirect: bool,
    /// Deflect it to voice mail.
    pub redirect_to_voicemail: bool,
    /// Leave it, the others staying connected.
    pub drop_me: bool,
    /// End it for every party.
    pub terminate: bool,
    /// Reject it while ringing.
    pub reject: bool,
    /// Park it.
    pub park: bool,
    /// Add a participant.
    pub add_participant: bool,
    /// Start recording.
    pub start_record: bool,
    /// Stop recording.
    pub stop_record: bool,
    /// Pause recording.
    pub pause_record: bool,
    /// Resume a paused recording.
    pub resume_record: bool,
}

/// What the user may do with a call right now: the union of their device's and the call's
/// capabilities, as the buttons of the widget need it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CallCapabilities {
    /// Answer it.
    pub answer: bool,
    /// Hang up (leave or end it).
    pub hang_up: bool,
    /// End it for every party.
    pub end_for_all: bool,
    /// Leave it, others staying connected.
    pub leave: bool,
    /// Put it on hold.
    pub hold: bool,
    /// Take it back from hold.
    pub retrieve: bool,
    /// Take it back from hold, ending the active consultation.
    pub reconnect: bool,
    /// Transfer it to another call.
    pub transfer: bool,
    /// Transfer it blindly.
    pub blind_transfer: bool,
    /// Conference it with another call.
    pub merge: bool,
    /// Deflect it while ringing.
    pub redirect: bool,
    /// Send DTMF tones.
    pub send_dtmf: bool,
    /// Start recording.
    pub start_record: bool,
    /// Stop recording.
    pub stop_record: bool,
    /// Pause recording.
    pub pause_record: bool,
    /// Resume recording.
    pub resume_record: bool,
    /// Mute the microphone.
    pub mute: bool,
    /// Unmute the microphone.
    pub unmute: bool,
}

/// Whether the call is being recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Recording {
    /// Not recorded (the default: vendors omit the field then).
    #[default]
    Off,
    /// Being recorded.
    On,
    /// Recording paused.
    Paused,
}

/// Why a call ended or changed, normalized from the vendor's cause codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cause {
    /// The caller hung up before anyone answered.
    Abandoned,
    /// The destination was busy.
    Busy,
    /// The destination does not want calls now (do-not-disturb).
    DoNotDisturb,
    /// Normal release.
    Cleared,
    /// Nobody answered.
    NotAnswered,
    /// The call was transferred.
    Transferred,
    /// The call was joined into a conference.
    Conferenced,
    /// The call was redirected, forwarded or picked up elsewhere.
    Redirected,
    /// Another party left.
    ParticipantLeft,
    /// The number is wrong or unreachable.
    InvalidNumber,
    /// The contact centre distributed the call.
    Distributed,
    /// A supervisor is listening or intruding.
    Supervisor,
    /// Any other cause.
    Other,
}

/// A call of the user, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The gateway's reference; unique among the current calls.
    pub reference: CallRef,
    /// Where the call stands for the user.
    pub state: CallState,
    /// Who placed it.
    pub direction: Direction,
    /// The party to show: the other participant, or the first of a conference.
    pub remote: Party,
    /// Every other party, as the gateway lists them.
    pub participants: Vec<Participant>,
    /// The user's devices in the call.
    pub legs: Vec<DeviceLeg>,
    /// Contact-centre data, for calls that came through a queue.
    pub acd: Option<AcdData>,
    /// Call-level capabilities as last reported; `None` when the gateway has not said.
    pub call_capabilities: Option<CallLevelCapabilities>,
    /// What the user may do now (derived from the legs and the call-level capabilities).
    pub capabilities: CallCapabilities,
    /// Recording state.
    pub recording: Recording,
    /// Data attached to the call (e.g. by an IVR).
    pub associated_data: Option<String>,
    /// When the call entered its current state.
    pub since: Instant,
    /// When we first heard of the call.
    pub created: Instant,
    /// When the call was first answered, if it was.
    pub answered: Option<Instant>,
    /// The last cause the backend gave for a change: why a call failed, while it is released.
    pub cause: Option<Cause>,
    /// Whom the user called, when the backend says (a failed call has no other party).
    pub called: Option<Party>,
}

impl Call {
    /// A call first heard of at `now`, in `state`, with nothing else known yet.
    pub fn new(reference: CallRef, state: CallState, now: Instant) -> Call {
        Call {
            reference,
            state,
            direction: Direction::Unknown,
            remote: Party::default(),
            participants: Vec::new(),
            legs: Vec::new(),
            acd: None,
            call_capabilities: None,
            capabilities: CallCapabilities::default(),
            recording: Recording::Off,
            associated_data: None,
            since: now,
            created: now,
            answered: None,
            cause: None,
            called: None,
        }
    }

    /// Whether the call is in conversation.
    pub fn is_active(&self) -> bool {
        self.state == CallState::Active
    }

    /// Whether the call is on hold.
    pub fn is_held(&self) -> bool {
        self.state == CallState::Held
    }

    /// Whether this is a conference (more than one other party).
    pub fn is_conference(&self) -> bool {
        self.participants.len() > 1
    }

    /// The leg that speaks for the user when they have several devices in the call (desk
    /// phone and softphone both ringing, say): the most engaged one, the first on a tie.
    pub fn primary_leg(&self) -> Option<&DeviceLeg> {
        self.legs
            .iter()
            .rev()
            .max_by_key(|leg| engagement(leg.state))
    }

    /// The device the user handles this call with: the primary leg's.
    pub fn device(&self) -> Option<&str> {
        self.primary_leg().map(|leg| leg.device.as_str())
    }

    /// Time spent in the current state.
    pub fn time_in_state(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }

    /// Handle time so far: from when the call was first heard of to `now`, whatever it went
    /// through (holds, transfers).
    pub fn handle_time(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.created)
    }

    /// Talk time so far: from the first answer to `now`, zero if never answered.
    pub fn talk_time(&self, now: Instant) -> Duration {
        self.answered
            .map(|t| now.saturating_duration_since(t))
            .unwrap_or_default()
    }

    /// Recomputes [`Call::state`], [`Call::remote`] and [`Call::capabilities`] after the
    /// legs, participants or call-level capabilities changed. `call_state` is the gateway's
    /// own summary of the call state, used when no leg tells us better.
    pub(crate) fn refresh(&mut self, now: Instant, call_state: Option<CallState>) {
        let state = self
            .primary_leg()
            .map(|leg| leg.state)
            .or(call_state)
            .unwrap_or(self.state);
        if self.direction == Direction::Unknown {
            self.direction = match state {
                CallState::RingingIn | CallState::Queued => Direction::Incoming,
                CallState::Dialing | CallState::RingingOut => Direction::Outgoing,
                _ => Direction::Unknown,
            };
        }
        if state != self.state {
            self.state = state;
            self.since = now;
        }
        if state == CallState::Active && self.answered.is_none() {
            self.answered = Some(now);
        }
        // Compare before cloning: most deltas leave the remote party as it was. With no other
        // party (a call that failed before anyone answered), whom the user called.
        match (self.participants.first(), &self.called) {
            (Some(first), _) if first.party != self.remote => self.remote = first.party.clone(),
            (Some(_), _) => {}
            (None, Some(called)) if *called != self.remote => self.remote = called.clone(),
            (None, Some(_)) => {}
            (None, None) if !self.remote.is_unknown() => self.remote = Party::default(),
            (None, None) => {}
        }
        self.capabilities = derive_capabilities(self);
    }
}

/// How engaged a device is in a call: ranks legs to pick the primary one.
fn engagement(state: CallState) -> u8 {
    match state {
        CallState::Active => 6,
        CallState::Held => 5,
        CallState::RingingIn => 4,
        CallState::RingingOut => 3,
        CallState::Dialing | CallState::Queued => 2,
        CallState::Releasing => 1,
        CallState::Unknown => 0,
    }
}

/// The union of the primary leg's and the call's capabilities. When the gateway has sent no
/// capabilities at all we derive them from the state instead, so that a terse gateway does not
/// leave the agent without buttons (decisions.md, "Capabilities never reported").
fn derive_capabilities(call: &Call) -> CallCapabilities {
    let leg = call.primary_leg().and_then(|leg| leg.capabilities);
    let level = call.call_capabilities;
    if leg.is_none() && level.is_none() {
        return capabilities_from_state(call.state, call.recording);
    }
    let leg = leg.unwrap_or_default();
    let level = level.unwrap_or_default();
    CallCapabilities {
        answer: leg.answer,
        hang_up: leg.drop || level.drop_me || level.terminate,
        end_for_all: level.terminate,
        leave: level.drop_me,
        hold: leg.hold,
        retrieve: leg.retrieve,
        reconnect: leg.reconnect,
        transfer: level.transfer,
        blind_transfer: level.blind_transfer,
        merge: level.merge,
        redirect: level.redirect,
        send_dtmf: leg.send_dtmf,
        start_record: level.start_record,
        stop_record: level.stop_record,
        pause_record: level.pause_record,
        resume_record: level.resume_record,
        mute: leg.mute,
        unmute: leg.unmute,
    }
}

fn capabilities_from_state(state: CallState, recording: Recording) -> CallCapabilities {
    let ringing_in = state == CallState::RingingIn;
    let active = state == CallState::Active;
    let held = state == CallState::Held;
    let in_call = active || held;
    CallCapabilities {
        answer: ringing_in,
        hang_up: true,
        end_for_all: false,
        leave: false,
        hold: active,
        retrieve: held,
        reconnect: held,
        transfer: in_call,
        blind_transfer: in_call,
        merge: in_call,
        redirect: ringing_in,
        send_dtmf: active,
        start_record: active && recording == Recording::Off,
        stop_record: in_call && recording != Recording::Off,
        pause_record: in_call && recording == Recording::On,
        resume_record: in_call && recording == Recording::Paused,
        mute: active,
        unmute: active,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leg(state: CallState, capabilities: Option<LegCapabilities>) -> DeviceLeg {
        DeviceLeg {
            device: "60113".into(),
            state,
            ringing_remote: false,
            capabilities,
        }
    }

    #[test]
    fn first_state_decides_direction_and_answer_starts_talk_time() {
        let mut call = Call::new(
            CallRef::from("c1"),
            CallState::Unknown,
            Instant::from_millis(0),
        );
        call.legs.push(leg(CallState::RingingIn, None));
        call.refresh(Instant::from_millis(10), None);
        assert_eq!(call.direction, Direction::Incoming);
        assert!(
            call.capabilities.answer,
            "no reported capabilities: derived from the state"
        );
        call.legs[0].state = CallState::Active;
        call.refresh(Instant::from_millis(3_000), None);
        assert_eq!(
            call.direction,
            Direction::Incoming,
            "direction is kept once known"
        );
        assert_eq!(call.answered, Some(Instant::from_millis(3_000)));
        assert_eq!(
            call.talk_time(Instant::from_millis(5_000)),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn the_most_engaged_device_speaks_for_the_user() {
        let mut call = Call::new(CallRef::from("c1"), CallState::Unknown, Instant::ZERO);
        call.legs.push(DeviceLeg {
            device: "desk".into(),
            ..leg(CallState::RingingIn, None)
        });
        call.legs.push(DeviceLeg {
            device: "soft".into(),
            ..leg(CallState::RingingIn, None)
        });
        call.refresh(Instant::ZERO, None);
        assert_eq!(call.device(), Some("desk"), "first on a tie");
        call.legs[1].state = CallState::Active;
        call.refresh(Instant::ZERO, None);
        assert_eq!(
            (call.device(), call.state),
            (Some("soft"), CallState::Active)
        );
    }

    #[test]
    fn reported_capabilities_win_over_the_state() {
        let mut call = Call::new(CallRef::from("c1"), CallState::Unknown, Instant::ZERO);
        call.legs
            .push(leg(CallState::RingingIn, Some(LegCapabilities::default())));
        call.refresh(Instant::ZERO, None);
        assert!(!call.capabilities.answer);
        assert!(!call.capabilities.hang_up);
    }
}
