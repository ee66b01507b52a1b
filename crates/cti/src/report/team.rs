//! Team status: a supervisor's teams, their members and each member's status (the UCCX
//! `report.teamstatus` report and its events), and the board those events keep current.

use std::collections::BTreeMap;

use super::activity::UnknownName;

/// A team member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberType {
    /// An agent.
    Agent,
    /// A supervisor.
    Supervisor,
    /// A team lead.
    TeamLead,
}

impl MemberType {
    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberType::Agent => "Agent",
            MemberType::Supervisor => "Supervisor",
            MemberType::TeamLead => "TeamLead",
        }
    }

    /// Reads the spec's spelling.
    pub fn from_wire(text: &str) -> Result<MemberType, UnknownName> {
        match text {
            "Agent" => Ok(MemberType::Agent),
            "Supervisor" => Ok(MemberType::Supervisor),
            "TeamLead" => Ok(MemberType::TeamLead),
            _ => Err(UnknownName {
                kind: "member type",
                value: text.to_owned(),
            }),
        }
    }
}

/// A member's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberStatus {
    /// Ready for calls (`ready`).
    Ready,
    /// Not ready (`not_ready`).
    NotReady,
    /// After-call work (`ACW`).
    AfterCallWork,
}

impl MemberStatus {
    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Ready => "ready",
            MemberStatus::NotReady => "not_ready",
            MemberStatus::AfterCallWork => "ACW",
        }
    }

    /// Reads the spec's spelling.
    pub fn from_wire(text: &str) -> Result<MemberStatus, UnknownName> {
        match text {
            "ready" => Ok(MemberStatus::Ready),
            "not_ready" => Ok(MemberStatus::NotReady),
            "ACW" => Ok(MemberStatus::AfterCallWork),
            _ => Err(UnknownName {
                kind: "member status",
                value: text.to_owned(),
            }),
        }
    }
}

/// A member of a team. Only `id` is sure: `memberremoved` names members by id alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    /// Its id.
    pub id: String,
    /// Its role, when told.
    pub member_type: Option<MemberType>,
    /// Its name, when told.
    pub name: Option<String>,
    /// Its status, when told.
    pub status: Option<MemberStatus>,
    /// Its reason code, when told.
    pub reason: Option<String>,
}

/// A team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its members (those told; none in `teamchanged`/`teamremoved`).
    pub members: Vec<TeamMember>,
}

/// A change of the team status, for the agent (supervisor) who asked for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamChange {
    /// The team's name changed (`teamchanged`).
    TeamChanged(Team),
    /// The agent left the team, or the team was removed (`teamremoved`).
    TeamRemoved(Team),
    /// The agent joined a team, told with its members (`teamadded`).
    TeamAdded(Team),
    /// Members joined the team (`memberadded`).
    MembersAdded(Team),
    /// Members' statuses changed (`memberstatuschanged`).
    MembersStatusChanged(Team),
    /// Members left the team (`memberremoved`).
    MembersRemoved(Team),
}

impl TeamChange {
    /// The team it concerns.
    pub fn team(&self) -> &Team {
        match self {
            TeamChange::TeamChanged(t)
            | TeamChange::TeamRemoved(t)
            | TeamChange::TeamAdded(t)
            | TeamChange::MembersAdded(t)
            | TeamChange::MembersStatusChanged(t)
            | TeamChange::MembersRemoved(t) => t,
        }
    }
}

/// The teams as the changes so far describe them, by team id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamBoard {
    /// The teams.
    pub teams: BTreeMap<String, Team>,
}

impl TeamBoard {
    /// Applies one change. A change about a team not on the board adds it (an event that
    /// overtook `teamadded` must not be lost).
    pub fn apply(&mut self, change: &TeamChange) {
        let told = change.team();
        if let TeamChange::TeamRemoved(_) = change {
            self.teams.remove(&told.id);
            return;
        }
        let team = self.teams.entry(told.id.clone()).or_insert_with(|| Team {
            id: told.id.clone(),
            name: told.name.clone(),
            members: Vec::new(),
        });
        team.name.clone_from(&told.name);
        match change {
            TeamChange::TeamAdded(_) => team.members.clone_from(&told.members),
            TeamChange::MembersRemoved(_) => team
                .members
                .retain(|m| !told.members.iter().any(|gone| gone.id == m.id)),
            TeamChange::MembersAdded(_) | TeamChange::MembersStatusChanged(_) => {
                for member in &told.members {
                    match team.members.iter_mut().find(|m| m.id == member.id) {
                        Some(known) => merge(known, member),
                        None => team.members.push(member.clone()),
                    }
                }
            }
            TeamChange::TeamChanged(_) | TeamChange::TeamRemoved(_) => {}
        }
    }
}

/// What `told` says about a member replaces what was known; what it leaves out stays.
fn merge(known: &mut TeamMember, told: &TeamMember) {
    if told.member_type.is_some() {
        known.member_type = told.member_type;
    }
    if told.name.is_some() {
        known.name.clone_from(&told.name);
    }
    if told.status.is_some() {
        known.status = told.status;
        // A status comes with its reason: none told means none now.
        known.reason.clone_from(&told.reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, status: Option<MemberStatus>) -> TeamMember {
        TeamMember {
            id: id.into(),
            member_type: status.map(|_| MemberType::Agent),
            name: status.map(|_| format!("Agent {id}")),
            status,
            reason: None,
        }
    }

    fn team(members: Vec<TeamMember>) -> Team {
        Team {
            id: "t1".into(),
            name: "Sales".into(),
            members,
        }
    }

    #[test]
    fn the_board_follows_the_events() {
        let mut board = TeamBoard::default();
        board.apply(&TeamChange::TeamAdded(team(vec![
            member("a", Some(MemberStatus::Ready)),
            member("b", Some(MemberStatus::NotReady)),
        ])));
        board.apply(&TeamChange::MembersStatusChanged(team(vec![member(
            "a",
            Some(MemberStatus::AfterCallWork),
        )])));
        board.apply(&TeamChange::MembersAdded(team(vec![member(
            "c",
            Some(MemberStatus::Ready),
        )])));
        board.apply(&TeamChange::MembersRemoved(team(vec![member("b", None)])));
        let members = &board.teams["t1"].members;
        let statuses: Vec<(&str, Option<MemberStatus>)> =
            members.iter().map(|m| (m.id.as_str(), m.status)).collect();
        assert_eq!(
            statuses,
            [
                ("a", Some(MemberStatus::AfterCallWork)),
                ("c", Some(MemberStatus::Ready))
            ]
        );
        assert_eq!(members[0].name.as_deref(), Some("Agent a"));
        let mut renamed = team(Vec::new());
        renamed.name = "Sales EMEA".into();
        board.apply(&TeamChange::TeamChanged(renamed.clone()));
        assert_eq!(board.teams["t1"].name, "Sales EMEA");
        assert_eq!(board.teams["t1"].members.len(), 2);
        board.apply(&TeamChange::TeamRemoved(renamed));
        assert!(board.teams.is_empty());
    }

    #[test]
    fn spellings_are_the_specs() {
        for s in [
            MemberStatus::Ready,
            MemberStatus::NotReady,
            MemberStatus::AfterCallWork,
        ] {
            assert_eq!(MemberStatus::from_wire(s.as_str()), Ok(s));
        }
        for t in [
            MemberType::Agent,
            MemberType::Supervisor,
            MemberType::TeamLead,
        ] {
            assert_eq!(MemberType::from_wire(t.as_str()), Ok(t));
        }
        assert!(MemberStatus::from_wire("Ready").is_err());
        assert!(MemberStatus::from_wire("acw").is_err());
        assert!(MemberType::from_wire("agent").is_err());
    }
}
