//! User information (`/logins`, `/users/{loginName}`, spec L1125-1692): who a login is, its
//! numbers and devices.

use serde::{Deserialize, Serialize};

/// Path of the login list.
pub const LOGINS_PATH: &str = "/api/rest/1.0/logins";
/// Path of the user accounts; `/{loginName}` follows.
pub const USERS_PATH: &str = "/api/rest/1.0/users";

/// `LoginsResponse` (L1558-1565): the logins matching a `/logins` request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginsResponse {
    /// Login names (`[1..*]`; an absent list reads as empty).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_names: Vec<String>,
}

/// `User` (L1639-1677). The examples also carry an undocumented `apiRights` list; it is
/// ignored. `devices` is only given to the session's owner (and administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Company phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_phone: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Login name of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_name: Option<String>,
    /// The user's voicemail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail: Option<Voicemail>,
    /// The user's devices.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::o2g::nullable::or_default"
    )]
    pub devices: Vec<Device>,
    /// The PBX node the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// External login (since 2.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_login: Option<String>,
}

/// `Device` (L1538-1550). The examples also carry an undocumented `label`; it is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// The kind of set.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<DeviceType>,
    /// Identifier used in telephony requests and events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// e.g. `NOE_C_Color_IP` for a desk phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
}

/// `DeviceType` (L1551-1557).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeviceType {
    /// A wireless set within the enterprise.
    Dect,
    /// A desk phone.
    Deskphone,
    /// A mobile phone.
    Mobile,
    /// A VoIP phone on a computer.
    Softphone,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `Voicemail` (L1678-1686).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Voicemail {
    /// Voicemail number.
    pub number: String,
    /// Kind of voicemail system.
    #[serde(rename = "type")]
    pub voicemail_type: VoicemailType,
}

/// `VoicemailType` (L1687-1692).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoicemailType {
    /// Integrated 46x5 voice mail.
    #[serde(rename = "VM_4635")]
    Vm4635,
    /// Integrated 46x5 voice mail.
    #[serde(rename = "VM_4645")]
    Vm4645,
    /// External voice mail system.
    #[serde(rename = "EXTERNAL")]
    External,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::o2g::{decode, encode};

    #[test]
    fn the_owner_example_decodes_and_drops_the_undocumented_fields() {
        let body = br#"{"companyPhone":"70120","firstName":"F70120","lastName":"L70120","loginName":"oxe70120",
            "devices":[{"type":"DESKPHONE","id":"70120","label":"POC","subType":"NOE_C_Color_IP"}],
            "apiRights":[],"nodeId":"7"}"#;
        let user: User = decode("User", body).expect("L1331 example decodes");
        assert_eq!(user.devices[0].device_type, Some(DeviceType::Deskphone));
        assert_eq!(user.node_id.as_deref(), Some("7"));
        assert_eq!(
            encode(&user),
            r#"{"companyPhone":"70120","firstName":"F70120","lastName":"L70120","loginName":"oxe70120","devices":[{"type":"DESKPHONE","id":"70120","subType":"NOE_C_Color_IP"}],"nodeId":"7"}"#
        );
    }

    #[test]
    fn logins_and_unknown_values() {
        let logins: LoginsResponse =
            decode("LoginsResponse", br#"{"loginNames":["oxe70020"]}"#).expect("decodes");
        assert_eq!(logins.login_names, ["oxe70020"]);
        let device: Device = decode("Device", br#"{"type":"WATCH"}"#).expect("decodes");
        assert_eq!(device.device_type, Some(DeviceType::Unrecognized));
    }
}
