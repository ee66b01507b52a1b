//! Agent activities: presence, interaction and workload, one lane of each per agent.
//!
//! The categories, reasons and statuses are the Vonage agent-activity API's
//! (`shared/specs/vonage-agent-activity-api.txt`), spelt as the spec writes them; the enums
//! here are the model, [`crate::vonage`] is their wire form.

use core::fmt;
use core::str::FromStr;

/// Why a name is not one of the model's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a {kind}")]
pub struct UnknownName {
    /// What was expected (`presence category`, `direction`, …).
    pub kind: &'static str,
    /// The text that was given.
    pub value: String,
}

/// An enum spelt on the wire exactly as its variant names: `as_str`, `FromStr`, `Display`.
macro_rules! spelt_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spec's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;

            fn from_str(text: &str) -> Result<Self, UnknownName> {
                match text {
                    $(stringify!($variant) => Ok($name::$variant),)+
                    _ => Err(UnknownName { kind: $kind, value: text.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

spelt_enum!(
    /// What an agent's presence says about its availability.
    PresenceCategory, "presence category" {
        /// Working and able to receive new interactions.
        Ready,
        /// Temporarily away (a break).
        Away,
        /// Away for a long time (a meeting, lunch).
        ExtendedAway,
        /// Logged out.
        LoggedOut,
    }
);

spelt_enum!(
    /// The phase of an agent's part in one interaction.
    InteractionCategory, "interaction category" {
        /// Offered to the agent (the phone rang).
        Ringing,
        /// Connected, able to talk.
        Connected,
        /// Wrap-up after the interaction.
        Wrap,
        /// Not answered, or the agent's line was busy.
        Unexpected,
        /// Failed (network, line fault, configuration).
        Failed,
    }
);

spelt_enum!(
    /// The processing status of an interaction.
    InteractionStatus, "interaction status" {
        /// Still being processed.
        Ongoing,
        /// Completed without errors.
        Completed,
        /// An error ended the processing before it completed.
        InternalError,
    }
);

spelt_enum!(
    /// How the agent was involved in the interaction.
    Direction, "direction" {
        /// Received from a queue or a cold transfer.
        Inbound,
        /// Placed to an external party, or a callback received.
        Outbound,
        /// A consult received, or a call placed to another agent.
        Internal,
    }
);

spelt_enum!(
    /// Why an interaction activity happened; each category allows only some.
    ActivityReason, "activity reason" {
        /// The user is monitoring the interaction.
        Monitor,
        /// Reconnected after an interruption.
        Resumed,
        /// Reconnected after the call was unparked.
        Unparked,
        /// The agent declined the call or is busy on another.
        NumberBusy,
        /// Rang, never answered, timed out.
        NoAnswer,
        /// The target number could not be reached.
        NumberUnobtainable,
        /// The connection was rejected while connecting.
        CallRejected,
        /// The exact cause is undetermined.
        CallFailed,
        /// The agent's media connection (WebRTC) was not available.
        ConnectionUnavailable,
    }
);

impl ActivityReason {
    /// Whether the spec allows this reason on an activity of `category` (the lists under
    /// `reason`).
    pub fn allowed_for(self, category: InteractionCategory) -> bool {
        use ActivityReason as R;
        use InteractionCategory as C;
        match category {
            C::Ringing | C::Wrap => self == R::Monitor,
            C::Connected => matches!(self, R::Resumed | R::Unparked | R::Monitor),
            C::Unexpected => matches!(
                self,
                R::NumberBusy
                    | R::NoAnswer
                    | R::NumberUnobtainable
                    | R::CallRejected
                    | R::CallFailed
                    | R::ConnectionUnavailable
            ),
            C::Failed => matches!(
                self,
                R::NumberUnobtainable | R::CallRejected | R::CallFailed
            ),
        }
    }
}

/// How an agent came to take part in a call: what decides its [`Direction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegOrigin {
    /// Distributed from a queue.
    Queue,
    /// Received by a cold (blind) transfer.
    ColdTransfer,
    /// Received from outside on the agent's own number.
    ExternalCaller,
    /// A callback: the agent calls back a customer who asked for it.
    Callback,
    /// Placed by the agent to an external number.
    PlacedExternal,
    /// A consult received from another agent.
    ConsultReceived,
    /// Placed by the agent to another agent or user.
    PlacedInternal,
    /// Received from another agent or user (not a consult).
    ReceivedInternal,
}

impl Direction {
    /// The direction of a leg, by the spec's rules: queue and cold transfers are Inbound
    /// ("this does not include receiving a callback (see outbound) or receiving a consult
    /// (see Internal)"); calls placed outside and callbacks are Outbound; consults and calls
    /// between agents are Internal. A call from outside on the agent's own number is
    /// Inbound (a customer called in).
    pub fn of_leg(origin: LegOrigin) -> Direction {
        match origin {
            LegOrigin::Queue | LegOrigin::ColdTransfer | LegOrigin::ExternalCaller => {
                Direction::Inbound
            }
            LegOrigin::Callback | LegOrigin::PlacedExternal => Direction::Outbound,
            LegOrigin::ConsultReceived
            | LegOrigin::PlacedInternal
            | LegOrigin::ReceivedInternal => Direction::Internal,
        }
    }
}

/// A presence activity: the agent's availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    /// Its category.
    pub category: PresenceCategory,
    /// The configured name (`Lunch`, `Meeting`, …).
    pub name: String,
    /// Whether new interactions may be routed to the agent meanwhile.
    pub eligible_for_routing: bool,
}

/// An interaction activity: one phase of the agent's part in one interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    /// The phase.
    pub category: InteractionCategory,
    /// The interaction's processing status.
    pub status: InteractionStatus,
    /// Why, when the category has a reason.
    pub reason: Option<ActivityReason>,
    /// The interaction's identifier, the same on all its activities.
    pub guid: String,
    /// The medium (`Phone`, `Email`, …).
    pub medium: String,
    /// The originating application (`VCC`, `VBC`).
    pub medium_manager: String,
    /// How the agent was involved.
    pub direction: Direction,
    /// The agent's channel in the interaction, when known.
    pub channel: Option<String>,
}

/// A workload item: how much the agent was handling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Workload {
    /// Live interactions (calls).
    pub calls: u32,
    /// Semi-live interactions (chats).
    pub semi_live: u32,
    /// Non-live interactions (emails).
    pub non_live: u32,
}

/// What an activity is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityKind {
    /// Presence.
    Presence(Presence),
    /// Workload.
    Workload(Workload),
    /// Interaction.
    Interaction(Interaction),
}

impl ActivityKind {
    /// The wire name of its type.
    pub fn type_name(&self) -> &'static str {
        match self {
            ActivityKind::Presence(_) => "Presence",
            ActivityKind::Workload(_) => "Workload",
            ActivityKind::Interaction(_) => "Interaction",
        }
    }

    /// Its rank among activities starting at the same time by the same agent: presence,
    /// then workload, then interaction (the order of the spec's example).
    pub fn rank(&self) -> u8 {
        match self {
            ActivityKind::Presence(_) => 0,
            ActivityKind::Workload(_) => 1,
            ActivityKind::Interaction(_) => 2,
        }
    }
}

/// One agent activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentActivity {
    /// The agent.
    pub agent_id: String,
    /// When it started (Unix ms).
    pub start: u64,
    /// How long it lasted (ms); `None` while the agent is still in it.
    pub duration: Option<u64>,
    /// What it is.
    pub kind: ActivityKind,
}

impl AgentActivity {
    /// When it ended (Unix ms), once it has.
    pub fn end(&self) -> Option<u64> {
        self.duration.map(|d| self.start.saturating_add(d))
    }

    /// Whether it overlaps `[from, to)` (an ongoing activity lasts until `now`).
    pub fn overlaps(&self, from: u64, to: u64, now: u64) -> bool {
        let end = self.end().unwrap_or(now.max(self.start));
        self.start < to && (end > from || (end == self.start && self.start >= from))
    }

    /// The order of reports: by start, then agent, then type (presence, workload,
    /// interaction).
    pub fn report_order(&self, other: &AgentActivity) -> core::cmp::Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.agent_id.cmp(&other.agent_id))
            .then_with(|| self.kind.rank().cmp(&other.kind.rank()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_exactly_and_nothing_else_reads() {
        for c in PresenceCategory::ALL {
            assert_eq!(c.as_str().parse::<PresenceCategory>(), Ok(*c));
        }
        for c in InteractionCategory::ALL {
            assert_eq!(c.as_str().parse::<InteractionCategory>(), Ok(*c));
        }
        for r in ActivityReason::ALL {
            assert_eq!(r.as_str().parse::<ActivityReason>(), Ok(*r));
        }
        assert!("ready".parse::<PresenceCategory>().is_err());
        assert!("Extended Away".parse::<PresenceCategory>().is_err());
        assert_eq!(
            "Busy".parse::<InteractionStatus>(),
            Err(UnknownName {
                kind: "interaction status",
                value: "Busy".into()
            })
        );
    }

    #[test]
    fn reasons_follow_the_spec_lists() {
        use ActivityReason as R;
        use InteractionCategory as C;
        assert!(R::Monitor.allowed_for(C::Ringing));
        assert!(!R::NoAnswer.allowed_for(C::Ringing));
        assert!(R::Unparked.allowed_for(C::Connected));
        assert!(R::NoAnswer.allowed_for(C::Unexpected));
        assert!(!R::NoAnswer.allowed_for(C::Failed));
        assert!(R::CallRejected.allowed_for(C::Failed));
        assert!(!R::ConnectionUnavailable.allowed_for(C::Failed));
        assert!(!R::Resumed.allowed_for(C::Wrap));
    }

    #[test]
    fn direction_rules_of_the_spec() {
        assert_eq!(Direction::of_leg(LegOrigin::Queue), Direction::Inbound);
        assert_eq!(
            Direction::of_leg(LegOrigin::ColdTransfer),
            Direction::Inbound
        );
        // "this does not include receiving a callback (see outbound)"
        assert_eq!(Direction::of_leg(LegOrigin::Callback), Direction::Outbound);
        // "… or receiving a consult (see Internal)"
        assert_eq!(
            Direction::of_leg(LegOrigin::ConsultReceived),
            Direction::Internal
        );
        assert_eq!(
            Direction::of_leg(LegOrigin::PlacedExternal),
            Direction::Outbound
        );
        assert_eq!(
            Direction::of_leg(LegOrigin::PlacedInternal),
            Direction::Internal
        );
    }

    #[test]
    fn report_order_is_start_agent_type() {
        let at = |start: u64, agent: &str, kind: ActivityKind| AgentActivity {
            agent_id: agent.into(),
            start,
            duration: None,
            kind,
        };
        let presence = ActivityKind::Presence(Presence {
            category: PresenceCategory::Ready,
            name: "Ready".into(),
            eligible_for_routing: true,
        });
        let workload = ActivityKind::Workload(Workload::default());
        let mut items = [
            at(2, "01", presence.clone()),
            at(1, "02", presence.clone()),
            at(1, "01", workload.clone()),
            at(1, "01", presence.clone()),
        ];
        items.sort_by(AgentActivity::report_order);
        let order: Vec<(u64, &str, u8)> = items
            .iter()
            .map(|a| (a.start, a.agent_id.as_str(), a.kind.rank()))
            .collect();
        assert_eq!(
            order,
            [(1, "01", 0), (1, "01", 1), (1, "02", 0), (2, "01", 0)]
        );
    }

    #[test]
    fn ongoing_activities_reach_now() {
        let a = AgentActivity {
            agent_id: "01".into(),
            start: 100,
            duration: None,
            kind: ActivityKind::Workload(Workload::default()),
        };
        assert!(a.overlaps(150, 160, 200));
        assert!(!a.overlaps(250, 260, 200));
        let done = AgentActivity {
            duration: Some(10),
            ..a
        };
        assert_eq!(done.end(), Some(110));
        assert!(!done.overlaps(110, 120, 200));
    }
}
