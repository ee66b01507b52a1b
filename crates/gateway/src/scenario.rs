//! The scenario file: who exists in the simulated contact centre.
//!
//! For now it lists the users who can sign in; the simulator issue extends it with devices,
//! processing groups, pilots and traffic. Logins are O2G-style: `oxe` + the directory number,
//! with the user's 4-digit secret code as password (spec L190-200).

use serde::Deserialize;

/// The scenario shipped with the gateway, used when `--scenario` is not given.
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/default.json");

/// What a user does in the contact centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// An ACD agent.
    Agent,
    /// A supervisor of agents.
    Supervisor,
    /// A plain telephony user.
    User,
}

/// One user of the PBX.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Directory number, e.g. `70120`.
    pub number: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// 4-digit secret code, the O2G password.
    pub secret_code: String,
    /// Contact-centre role.
    pub role: Role,
}

impl User {
    /// The O2G login name: `oxe` + number.
    pub fn login_name(&self) -> String {
        format!("oxe{}", self.number)
    }
}

/// A whole scenario.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// A name for logs.
    pub name: String,
    /// Everyone who can sign in.
    pub users: Vec<User>,
}

/// Why a scenario file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file is not valid scenario JSON.
    #[error("scenario is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// A secret code is not four digits.
    #[error("user {number}: the secret code must be 4 digits")]
    BadSecretCode {
        /// The user's number.
        number: String,
    },
    /// Two users share a number.
    #[error("user number {0} appears twice")]
    DuplicateNumber(String),
}

impl Scenario {
    /// Parses and validates a scenario.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_json::from_str(text)?;
        let mut seen = std::collections::HashSet::new();
        for user in &scenario.users {
            if user.secret_code.len() != 4 || !user.secret_code.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(ScenarioError::BadSecretCode {
                    number: user.number.clone(),
                });
            }
            if !seen.insert(user.number.as_str()) {
                return Err(ScenarioError::DuplicateNumber(user.number.clone()));
            }
        }
        Ok(scenario)
    }

    /// `n` (at most 100 000) agents numbered `200000`, `200001`, … whose secret code is the last
    /// four digits of their number: load tests sign in thousands of them.
    pub fn synthetic(n: usize) -> Scenario {
        Scenario {
            name: format!("{n} synthetic agents"),
            users: (0..n.min(100_000))
                .map(|i| {
                    let number = format!("{}", 200_000 + i);
                    User {
                        secret_code: number[number.len() - 4..].to_owned(),
                        number,
                        first_name: "Agent".to_owned(),
                        last_name: format!("{i}"),
                        role: Role::Agent,
                    }
                })
                .collect(),
        }
    }

    /// The user who signs in with this O2G login and secret code.
    pub fn check_credentials(&self, login: &str, password: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.login_name() == login && u.secret_code == password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_is_valid_and_logins_are_oxe_numbers() {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario parses");
        assert!(scenario.users.len() >= 4);
        let alice = scenario
            .check_credentials("oxe70120", "0120")
            .expect("Alice signs in");
        assert_eq!(alice.first_name, "Alice");
        assert!(scenario.check_credentials("oxe70120", "0000").is_none());
        assert!(scenario.check_credentials("70120", "0120").is_none());
    }

    #[test]
    fn synthetic_agents_sign_in_with_their_last_four_digits() {
        let scenario = Scenario::synthetic(3);
        assert_eq!(scenario.users.len(), 3);
        assert!(scenario.check_credentials("oxe200002", "0002").is_some());
        assert!(scenario.check_credentials("oxe200003", "0003").is_none());
    }

    #[test]
    fn bad_scenarios_are_refused_with_a_reason() {
        let bad_code = r#"{"name":"x","users":[{"number":"1","firstName":"a","lastName":"b","secretCode":"12","role":"agent"}]}"#;
        assert!(matches!(
            Scenario::parse(bad_code),
            Err(ScenarioError::BadSecretCode { .. })
        ));
        let dup = r#"{"name":"x","users":[
            {"number":"1","firstName":"a","lastName":"b","secretCode":"1234","role":"agent"},
            {"number":"1","firstName":"c","lastName":"d","secretCode":"1234","role":"user"}]}"#;
        assert!(matches!(
            Scenario::parse(dup),
            Err(ScenarioError::DuplicateNumber(_))
        ));
        assert!(matches!(Scenario::parse("{"), Err(ScenarioError::Json(_))));
    }
}
