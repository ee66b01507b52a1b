//! The scenario file: who exists in the simulated contact centre.
//!
//! Users who can sign in, simulated colleague agents (bots), processing groups, pilots and the
//! traffic generator's parameters (see `docs/simulator.md`). Logins are O2G-style: `oxe` + the
//! directory number, with the user's 4-digit secret code as password (spec L190-200).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

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
    /// The agent's fixed pro-ACD device number.
    #[serde(default)]
    pub pro_acd: Option<String>,
    /// Processing groups the agent may log on to; the first is the preferred one.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The agent's skills.
    #[serde(default)]
    pub skills: Vec<SkillDef>,
}

/// A skill of an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct SkillDef {
    /// Skill number.
    pub number: i32,
    /// Level.
    #[serde(default)]
    pub level: i32,
}

/// A simulated colleague agent: always logged on, answers and ends ACD calls by itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bot {
    /// Directory number.
    pub number: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// The pro-ACD device it works on.
    pub pro_acd: String,
    /// Its processing group.
    pub group: String,
}

impl Bot {
    /// The O2G login name: `oxe` + number.
    pub fn login_name(&self) -> String {
        format!("oxe{}", self.number)
    }
}

/// A processing group: agents taking the calls of its pilots.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingGroup {
    /// Group number.
    pub number: String,
    /// Name for people.
    pub name: String,
    /// Number of the supervisor who answers help requests.
    #[serde(default)]
    pub supervisor: Option<String>,
    /// How long the automatic wrap-up after an ACD call lasts.
    #[serde(default = "default_wrap_up_ms")]
    pub wrap_up_ms: u64,
    /// Withdraw reason labels, index 1 first (at most 9, L13384-13392).
    #[serde(default)]
    pub withdraw_reasons: Vec<String>,
    /// The dispositions an agent gives a call after it: CCD transaction codes (digits,
    /// L3629) with a label for people.
    #[serde(default)]
    pub transaction_codes: Vec<TransactionCodeDef>,
}

/// A transaction code of a processing group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TransactionCodeDef {
    /// The code sent with `sendaccountinfo`: digits.
    pub code: String,
    /// What the agent reads.
    pub label: String,
}

fn default_wrap_up_ms() -> u64 {
    15_000
}

/// A pilot: a number external callers dial, queued for one processing group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pilot {
    /// Pilot number.
    pub number: String,
    /// Name for people.
    pub name: String,
    /// The processing group its calls go to.
    pub group: String,
    /// Whether its calls are recorded from the start (a XiVO queue's recording setting;
    /// default: not recorded).
    #[serde(default)]
    pub recorded: bool,
}

/// The traffic generator's parameters (times in milliseconds of simulated time).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Traffic {
    /// Mean rate of external calls arriving on the pilots (Poisson); 0 = none.
    pub calls_per_minute: f64,
    /// Mean time a bot talks before releasing.
    pub handle_time_ms: u64,
    /// Mean time a queued caller waits before abandoning.
    pub patience_ms: u64,
    /// Time a bot lets a call ring before answering.
    pub bot_answer_ms: u64,
    /// Time an external callee lets an outgoing call ring before answering.
    pub external_answer_ms: u64,
    /// Time a non-ACD call rings unanswered before it is released as not answered.
    pub no_answer_ms: u64,
}

impl Default for Traffic {
    fn default() -> Traffic {
        Traffic {
            calls_per_minute: 0.0,
            handle_time_ms: 60_000,
            patience_ms: 60_000,
            bot_answer_ms: 3_000,
            external_answer_ms: 5_000,
            no_answer_ms: 30_000,
        }
    }
}

/// A customer of the contact centre: the CRM demo shows this record when the number calls.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// A unique identifier, e.g. `c01`.
    pub id: String,
    /// The person's name.
    pub name: String,
    /// Their company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The number they call from: digits, optionally after a `+`.
    pub number: String,
    /// Their e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Their city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// A service tier (`gold`, `silver`...), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

impl User {
    /// The O2G login name: `oxe` + number.
    pub fn login_name(&self) -> String {
        format!("oxe{}", self.number)
    }
}

/// A whole scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// A name for logs.
    pub name: String,
    /// Everyone who can sign in.
    pub users: Vec<User>,
    /// Simulated colleague agents.
    #[serde(default)]
    pub bots: Vec<Bot>,
    /// Processing groups.
    #[serde(default)]
    pub processing_groups: Vec<ProcessingGroup>,
    /// Pilots.
    #[serde(default)]
    pub pilots: Vec<Pilot>,
    /// Traffic generator.
    #[serde(default)]
    pub traffic: Traffic,
    /// Known customers: most generated callers are drawn from them (the CRM demo's records).
    #[serde(default)]
    pub customers: Vec<Customer>,
    /// Lists of callback requests, each served by the agents of a pilot's group.
    #[serde(default)]
    pub callbacks: Vec<CallbackListDef>,
    /// When customers may ask to be called back.
    #[serde(default)]
    pub callback_periods: Vec<CallbackPeriodDef>,
    /// The page a screen pop opens (XuC's `Sheet` `url` field): `{number}` is the caller's
    /// number, `{customer}` the customer's id (both percent-encoded); none: no page.
    #[serde(default)]
    pub screen_pop_url: Option<String>,
}

/// A list of callback requests of a pilot.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackListDef {
    /// Its name.
    pub name: String,
    /// The pilot whose group's agents call back.
    pub pilot: String,
    /// The requests, in order.
    #[serde(default)]
    pub requests: Vec<CallbackRequestDef>,
}

/// A customer's request to be called back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackRequestDef {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Company, if any.
    #[serde(default)]
    pub company: Option<String>,
    /// The number to call.
    pub number: String,
    /// What it is about.
    #[serde(default)]
    pub description: Option<String>,
    /// The day to call, `yyyy-MM-dd`.
    pub due_date: String,
    /// The preferred period's name, if any.
    #[serde(default)]
    pub period: Option<String>,
}

/// A period of the day customers may ask to be called back in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackPeriodDef {
    /// Its name.
    pub name: String,
    /// Start, `HH:mm:ss`.
    pub start: String,
    /// End, `HH:mm:ss`.
    pub end: String,
    /// The period of requests that name none.
    #[serde(default)]
    pub default: bool,
}

/// Why a scenario file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file is not valid scenario JSON.
    #[error("scenario is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// A callback list names an unknown pilot or period.
    #[error("callback list {list:?}: {why}")]
    BadCallbacks {
        /// The list's name.
        list: String,
        /// What is wrong.
        why: String,
    },
    /// A secret code is not four digits.
    #[error("user {number}: the secret code must be 4 digits")]
    BadSecretCode {
        /// The user's number.
        number: String,
    },
    /// Two users, devices, groups or pilots share a number.
    #[error("number {0} appears twice")]
    DuplicateNumber(String),
    /// Something names a processing group the scenario does not define.
    #[error("{who} names processing group {group}, which is not defined")]
    UnknownGroup {
        /// Who names it.
        who: String,
        /// The missing group.
        group: String,
    },
    /// A group has more than 9 withdraw reasons (L13384-13392).
    #[error("processing group {0} has more than 9 withdraw reasons")]
    TooManyWithdrawReasons(String),
    /// A transaction code is not digits (L3629), or appears twice in its group.
    #[error("processing group {group}: transaction code {code:?} {why}")]
    BadTransactionCode {
        /// The group.
        group: String,
        /// The code as written.
        code: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A customer record is unusable.
    #[error("customer {id:?}: {why}")]
    BadCustomer {
        /// The customer's id as written.
        id: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// Two customers share an id.
    #[error("customer id {0:?} appears twice")]
    DuplicateCustomer(String),
}

impl Scenario {
    /// Parses and validates a scenario.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_json::from_str(text)?;
        for user in &scenario.users {
            if user.secret_code.len() != 4 || !user.secret_code.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(ScenarioError::BadSecretCode {
                    number: user.number.clone(),
                });
            }
        }
        scenario.check_numbers()?;
        scenario.check_groups()?;
        scenario.check_customers()?;
        scenario.check_callbacks()?;
        Ok(scenario)
    }

    /// Customers have a unique non-empty id, a name, and a number a caller can present.
    fn check_callbacks(&self) -> Result<(), ScenarioError> {
        for list in &self.callbacks {
            let bad = |why: String| ScenarioError::BadCallbacks {
                list: list.name.clone(),
                why,
            };
            if !self.pilots.iter().any(|p| p.number == list.pilot) {
                return Err(bad(format!("no pilot {}", list.pilot)));
            }
            for request in &list.requests {
                if let Some(period) = &request.period {
                    if !self.callback_periods.iter().any(|p| &p.name == period) {
                        return Err(bad(format!("no callback period {period:?}")));
                    }
                }
            }
        }
        Ok(())
    }

    fn check_customers(&self) -> Result<(), ScenarioError> {
        let mut seen = std::collections::HashSet::new();
        for customer in &self.customers {
            let bad = |why| ScenarioError::BadCustomer {
                id: customer.id.clone(),
                why,
            };
            if customer.id.trim().is_empty() {
                return Err(bad("the id is empty"));
            }
            if customer.name.trim().is_empty() {
                return Err(bad("the name is empty"));
            }
            let digits = customer
                .number
                .strip_prefix('+')
                .unwrap_or(&customer.number);
            // E.164 allows 15 digits; national formats with a trunk prefix stay below 20.
            if digits.is_empty() || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(bad(
                    "the number must be digits (at most 20), optionally after a leading +",
                ));
            }
            if !seen.insert(customer.id.as_str()) {
                return Err(ScenarioError::DuplicateCustomer(customer.id.clone()));
            }
        }
        Ok(())
    }

    /// Every dialable number (users, pro-ACD sets, bots, groups, pilots) is unique.
    fn check_numbers(&self) -> Result<(), ScenarioError> {
        let mut seen = std::collections::HashSet::new();
        let numbers = self
            .users
            .iter()
            .flat_map(|u| std::iter::once(&u.number).chain(u.pro_acd.iter()))
            .chain(self.bots.iter().flat_map(|b| [&b.number, &b.pro_acd]))
            .chain(self.processing_groups.iter().map(|g| &g.number))
            .chain(self.pilots.iter().map(|p| &p.number));
        for number in numbers {
            if !seen.insert(number.as_str()) {
                return Err(ScenarioError::DuplicateNumber(number.clone()));
            }
        }
        Ok(())
    }

    fn check_groups(&self) -> Result<(), ScenarioError> {
        let defined = |group: &str| self.processing_groups.iter().any(|g| g.number == group);
        let named = self
            .users
            .iter()
            .flat_map(|u| u.groups.iter().map(move |g| (u.number.clone(), g)))
            .chain(self.bots.iter().map(|b| (b.number.clone(), &b.group)))
            .chain(self.pilots.iter().map(|p| (p.number.clone(), &p.group)));
        for (who, group) in named {
            if !defined(group) {
                return Err(ScenarioError::UnknownGroup {
                    who,
                    group: group.clone(),
                });
            }
        }
        for group in &self.processing_groups {
            for (index, code) in group.transaction_codes.iter().enumerate() {
                let why = if code.code.is_empty() || !code.code.chars().all(|c| c.is_ascii_digit())
                {
                    Some("is not digits")
                } else if group.transaction_codes[..index]
                    .iter()
                    .any(|other| other.code == code.code)
                {
                    Some("appears twice")
                } else {
                    None
                };
                if let Some(why) = why {
                    return Err(ScenarioError::BadTransactionCode {
                        group: group.number.clone(),
                        code: code.code.clone(),
                        why,
                    });
                }
            }
        }
        match self
            .processing_groups
            .iter()
            .find(|g| g.withdraw_reasons.len() > 9)
        {
            Some(group) => Err(ScenarioError::TooManyWithdrawReasons(group.number.clone())),
            None => Ok(()),
        }
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
                        pro_acd: None,
                        groups: Vec::new(),
                        skills: Vec::new(),
                    }
                })
                .collect(),
            bots: Vec::new(),
            processing_groups: Vec::new(),
            pilots: Vec::new(),
            traffic: Traffic::default(),
            customers: Vec::new(),
            callbacks: Vec::new(),
            callback_periods: Vec::new(),
            screen_pop_url: None,
        }
    }
}

/// The users of a scenario by O2G login name, so that signing in costs one lookup rather than
/// a scan of every user (5,000 synthetic agents signing in made that quadratic).
///
/// Built from the final scenario (tests edit `users` after parsing), hence not kept inside
/// [`Scenario`] where it could fall out of step with its public fields.
#[derive(Debug, Clone, Default)]
pub struct Logins {
    by_login: HashMap<String, User>,
}

impl Logins {
    /// Indexes the users of `scenario`.
    pub fn new(scenario: &Scenario) -> Logins {
        let mut by_login = HashMap::with_capacity(scenario.users.len());
        for user in &scenario.users {
            // The first user of a login wins, as a scan in file order would find it (parsed
            // scenarios cannot have two: numbers are unique).
            by_login
                .entry(user.login_name())
                .or_insert_with(|| user.clone());
        }
        Logins { by_login }
    }

    /// The user who signs in with this O2G login and secret code.
    pub fn check(&self, login: &str, password: &str) -> Option<&User> {
        self.by_login
            .get(login)
            .filter(|user| user.secret_code == password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_is_valid_and_logins_are_oxe_numbers() {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario parses");
        assert!(scenario.users.len() >= 4);
        let logins = Logins::new(&scenario);
        let alice = logins.check("oxe70120", "0120").expect("Alice signs in");
        assert_eq!(alice.first_name, "Alice");
        assert!(logins.check("oxe70120", "0000").is_none());
        assert!(logins.check("70120", "0120").is_none());
    }

    #[test]
    fn transaction_codes_are_digits_once_per_group() {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario parses");
        assert!(scenario
            .processing_groups
            .iter()
            .all(|g| !g.transaction_codes.is_empty()));
        for (codes, why) in [
            (r#"[{"code":"1a","label":"x"}]"#, "is not digits"),
            (r#"[{"code":"","label":"x"}]"#, "is not digits"),
            (
                r#"[{"code":"11","label":"x"},{"code":"11","label":"y"}]"#,
                "appears twice",
            ),
        ] {
            let text = DEFAULT_SCENARIO.replacen(
                r#""transactionCodes": ["#,
                &format!(r#""transactionCodes": {codes}, "x": ["#),
                1,
            );
            let error = Scenario::parse(&text).expect_err(why);
            assert!(error.to_string().contains(why), "{error}");
        }
    }

    #[test]
    fn synthetic_agents_sign_in_with_their_last_four_digits() {
        let scenario = Scenario::synthetic(3);
        assert_eq!(scenario.users.len(), 3);
        let logins = Logins::new(&scenario);
        assert!(logins.check("oxe200002", "0002").is_some());
        assert!(logins.check("oxe200003", "0003").is_none());
    }

    #[test]
    fn the_login_index_answers_as_a_scan_of_every_user() {
        let scenario = Scenario::synthetic(5_000);
        let logins = Logins::new(&scenario);
        let scan = |login: &str, password: &str| {
            scenario
                .users
                .iter()
                .find(|u| u.login_name() == login && u.secret_code == password)
        };
        for (login, password) in [
            ("oxe200000", "0000"),
            ("oxe204999", "4999"),
            ("oxe204999", "4998"),
            ("oxe205000", "5000"),
            ("oxe", ""),
            ("", ""),
            ("OXE200001", "0001"),
        ] {
            assert_eq!(
                logins.check(login, password),
                scan(login, password),
                "{login}"
            );
        }
        // Every one of them signs in, with its own record.
        for user in &scenario.users {
            assert_eq!(
                logins.check(&user.login_name(), &user.secret_code),
                Some(user)
            );
        }
    }

    #[test]
    fn with_two_users_of_one_login_the_first_signs_in() {
        let mut scenario = Scenario::synthetic(1);
        let mut twin = scenario.users[0].clone();
        twin.first_name = "Twin".to_owned();
        scenario.users.push(twin);
        let logins = Logins::new(&scenario);
        let found = logins.check("oxe200000", "0000").expect("signs in");
        assert_eq!(found.first_name, "Agent");
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
        let pilot_is_a_user = r#"{"name":"x","users":[
            {"number":"1","firstName":"a","lastName":"b","secretCode":"1234","role":"agent"}],
            "processingGroups":[{"number":"2","name":"g"}],
            "pilots":[{"number":"1","name":"p","group":"2"}]}"#;
        assert!(matches!(
            Scenario::parse(pilot_is_a_user),
            Err(ScenarioError::DuplicateNumber(_))
        ));
        let unknown_group = r#"{"name":"x","users":[],
            "bots":[{"number":"5","firstName":"a","lastName":"b","proAcd":"6","group":"9"}]}"#;
        assert!(matches!(
            Scenario::parse(unknown_group),
            Err(ScenarioError::UnknownGroup { .. })
        ));
    }

    #[test]
    fn default_scenario_has_a_living_contact_centre() {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario parses");
        assert_eq!(scenario.pilots.len(), 2);
        assert_eq!(scenario.bots.len(), 4);
        assert!(scenario.traffic.calls_per_minute > 0.0);
        let logins = Logins::new(&scenario);
        for bot in &scenario.bots {
            assert!(logins.check(&bot.login_name(), "0000").is_none());
        }
    }
}
