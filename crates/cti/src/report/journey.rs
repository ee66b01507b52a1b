//! A call's journey: the devices it touched, in order, with the time spent at each (the
//! UCCX `report.calljourney` report, `shared/specs/openmethods-uccx-reports.txt`).

/// What kind of device a journey step is at. The spec leaves `DeviceType` free text
/// (`"<device type>"`); these are the kinds the simulated centre has (docs/decisions.md,
/// "Call journey device types"), and any other text is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeviceType {
    /// The number dialled to reach a group (a UCCX trigger / route point).
    Pilot,
    /// Waiting in a group's queue (a UCCX CSQ).
    Queue,
    /// An agent's set.
    AgentSet,
    /// A user's set that is no agent's.
    Extension,
    /// A number outside the PBX.
    External,
    /// Any other text a server sends.
    Other(String),
}

impl DeviceType {
    /// Its wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            DeviceType::Pilot => "Pilot",
            DeviceType::Queue => "Queue",
            DeviceType::AgentSet => "AgentSet",
            DeviceType::Extension => "Extension",
            DeviceType::External => "External",
            DeviceType::Other(text) => text,
        }
    }

    /// Reads a wire spelling; never fails (unknown text is kept).
    pub fn from_wire(text: &str) -> DeviceType {
        match text {
            "Pilot" => DeviceType::Pilot,
            "Queue" => DeviceType::Queue,
            "AgentSet" => DeviceType::AgentSet,
            "Extension" => DeviceType::Extension,
            "External" => DeviceType::External,
            other => DeviceType::Other(other.to_owned()),
        }
    }
}

/// One step of a journey: the call at one device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyStep {
    /// The call's id at this step (a transfer may give the call a new one).
    pub call_id: String,
    /// The device: a number, or a queue's name.
    pub device: String,
    /// Its kind.
    pub device_type: DeviceType,
    /// What happened there, for people.
    pub description: String,
    /// When the call reached the device (Unix ms), when known (a report read from the wire
    /// has durations only).
    pub start: Option<u64>,
    /// Time spent there (ms); `None` while the call is still there.
    pub duration: Option<u64>,
}

/// The devices one call touched, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallJourney {
    /// The call asked about.
    pub call_id: String,
    /// Its steps, in order.
    pub steps: Vec<JourneyStep>,
}

impl CallJourney {
    /// The time spent on the whole journey so far, `now` closing a step still going on.
    pub fn total(&self, now: u64) -> u64 {
        self.steps
            .iter()
            .map(|s| {
                s.duration
                    .or_else(|| s.start.map(|start| now.saturating_sub(start)))
                    .unwrap_or(0)
            })
            .fold(0u64, u64::saturating_add)
    }
}

/// Formats a duration as the report's time value, `HH:MM:SS` (hours grow past 99 if they
/// must); milliseconds are dropped.
pub fn format_duration(ms: u64) -> String {
    let secs = ms / 1000;
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Reads a report time value: `HH:MM:SS` or `MM:SS` (minutes and seconds below 60), or
/// whole seconds; `None` for anything else.
pub fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(':').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 12 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let numbers: Vec<u64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let secs = match numbers.as_slice() {
        [s] => *s,
        [m, s] if *s < 60 => m.checked_mul(60)?.checked_add(*s)?,
        [h, m, s] if *m < 60 && *s < 60 => h.checked_mul(3600)?.checked_add(m * 60 + s)?,
        _ => return None,
    };
    secs.checked_mul(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_hh_mm_ss_and_read_back() {
        assert_eq!(format_duration(0), "00:00:00");
        assert_eq!(format_duration(83_999), "00:01:23");
        assert_eq!(format_duration(360_000_000), "100:00:00");
        for ms in [0, 1000, 83_000, 3_600_000, 360_000_000] {
            assert_eq!(parse_duration(&format_duration(ms)), Some(ms));
        }
        assert_eq!(parse_duration("01:23"), Some(83_000));
        assert_eq!(parse_duration("83"), Some(83_000));
        for bad in [
            "",
            "1:60",
            "1:2:60",
            "-1",
            "a:b",
            "1::2",
            "1:2:3:4",
            "99999999999999999",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn device_types_keep_unknown_text() {
        for t in [
            "Pilot",
            "Queue",
            "AgentSet",
            "Extension",
            "External",
            "Route Point",
        ] {
            assert_eq!(DeviceType::from_wire(t).as_str(), t);
        }
        assert_eq!(
            DeviceType::from_wire("CSQ"),
            DeviceType::Other("CSQ".into())
        );
    }

    #[test]
    fn total_closes_the_open_step_at_now() {
        let step = |start, duration| JourneyStep {
            call_id: "1".into(),
            device: "d".into(),
            device_type: DeviceType::Queue,
            description: String::new(),
            start,
            duration,
        };
        let journey = CallJourney {
            call_id: "1".into(),
            steps: vec![step(Some(0), Some(5_000)), step(Some(5_000), None)],
        };
        assert_eq!(journey.total(12_000), 12_000);
    }
}
