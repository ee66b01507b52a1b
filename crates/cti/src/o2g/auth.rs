//! Discovery (`GET /api/rest`) and authentication (`GET /api/rest/authenticate?version=1.0`).

use serde::{Deserialize, Serialize};

/// `ProductVersion` (L470-475).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductVersion {
    /// Major version, e.g. `"2.6"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major: Option<String>,
    /// Minor revision, e.g. `"000.000"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minor: Option<String>,
}

/// `ServerInfo` (L478-484).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerInfo {
    /// Friendly name, e.g. `"O2G Solution"`.
    pub product_name: String,
    /// Short name, e.g. `"O2G"`.
    pub product_type: String,
    /// Installed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_version: Option<ProductVersion>,
    /// High-availability mode.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub ha_mode: Option<bool>,
}

/// `Version` (L558-563): one supported API version and its authentication URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    /// e.g. `"1.0"`.
    pub id: String,
    /// `"CURRENT"` for the newest.
    pub status: String,
    /// Authentication URL from the internet.
    pub public_url: String,
    /// Authentication URL from the intranet.
    pub internal_url: String,
}

/// `RoxeRestApiDescriptor` (L472-477), the body of `GET /api/rest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoxeRestApiDescriptor {
    /// Server information; absent in the short example (AMBIG-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_info: Option<ServerInfo>,
    /// Supported versions, at least one.
    pub versions: Vec<Version>,
    /// Informative customisations. Declared `string[]` but written as objects (AMBIG-5): kept raw.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custo_features: Vec<serde_json::Value>,
}

/// `AuthenticationResponse` (L654-661).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationResponse {
    /// The JWT, equal to the `AlcUserId` cookie value.
    pub credential: String,
    /// Public URL of the session resource.
    pub public_url: String,
    /// Private URL of the session resource.
    pub internal_url: String,
    /// O2G login to use afterwards; the overview example calls it `login` (AMBIG-1).
    #[serde(default, alias = "login", skip_serializing_if = "Option::is_none")]
    pub login_name: Option<String>,
    /// The password has expired; written `"false"` in the overview example (AMBIG-1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub expired: Option<bool>,
}

/// The value of the `Authorization` header for HTTP Basic authentication.
pub fn basic_authorization(login: &str, password: &str) -> String {
    use base64_lite::encode;
    format!("Basic {}", encode(format!("{login}:{password}").as_bytes()))
}

/// The login and password of a Basic `Authorization` header, if it is one and well formed.
pub fn parse_basic_authorization(header: &str) -> Option<(String, String)> {
    let (scheme, token) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_lite::decode(token.trim())?).ok()?;
    let (login, password) = decoded.split_once(':')?;
    Some((login.to_owned(), password.to_owned()))
}

/// Standard base64 (RFC 4648 with padding), small enough not to warrant a dependency in the core.
mod base64_lite {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(input: &[u8]) -> String {
        let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
        for chunk in input.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(input: &str) -> Option<Vec<u8>> {
        let bytes = input.as_bytes();
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
        for (index, quad) in bytes.chunks(4).enumerate() {
            let last = index + 1 == bytes.len() / 4;
            let pads = quad.iter().rev().take_while(|&&c| c == b'=').count();
            if pads > 2 || (pads > 0 && !last) {
                return None;
            }
            let mut n = 0u32;
            for &c in &quad[..4 - pads] {
                let v = ALPHABET.iter().position(|&a| a == c)? as u32;
                n = (n << 6) | v;
            }
            n <<= 6 * pads as u32;
            let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&decoded[..3 - pads]);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::o2g::decode;

    #[test]
    fn basic_authorization_matches_spec_example() {
        // L220-221: internal29 / alcatel29.
        assert_eq!(
            basic_authorization("internal29", "alcatel29"),
            "Basic aW50ZXJuYWwyOTphbGNhdGVsMjk="
        );
        assert_eq!(
            parse_basic_authorization("Basic aW50ZXJuYWwyOTphbGNhdGVsMjk="),
            Some(("internal29".into(), "alcatel29".into()))
        );
    }

    #[test]
    fn basic_authorization_round_trips_every_padding_and_rejects_garbage() {
        for (login, password) in [("a", ""), ("ab", "c"), ("oxe70120", "1234"), ("é", "p:w")] {
            let header = basic_authorization(login, password);
            assert_eq!(
                parse_basic_authorization(&header),
                Some((login.into(), password.into())),
                "{header}"
            );
        }
        for bad in [
            "Bearer abc",
            "Basic !!!!",
            "Basic abc",
            "Basic",
            "Basic YQ==YQ==",
            "Basic YWJj",
        ] {
            assert_eq!(parse_basic_authorization(bad), None, "{bad}");
        }
    }

    #[test]
    fn both_authentication_examples_decode() {
        // L648-652 and L226-232 (which says `login` and a string `expired`).
        let plain: AuthenticationResponse = decode(
            "AuthenticationResponse",
            br#"{"credential":"eyJ","publicUrl":"https://public-server/api/rest/1.0/sessions","internalUrl":"https://server/api/rest/1.0/sessions"}"#,
        )
        .expect("L648 decodes");
        assert_eq!(plain.login_name, None);
        let overview: AuthenticationResponse = decode(
            "AuthenticationResponse",
            br#"{"credential":"eyJ","publicUrl":"p","internalUrl":"i","expired":"false","login":"oxe1000"}"#,
        )
        .expect("L226 decodes");
        assert_eq!(overview.login_name.as_deref(), Some("oxe1000"));
        assert_eq!(overview.expired, Some(false));
    }

    #[test]
    fn descriptor_examples_decode() {
        let full = br#"{"serverInfo":{"productName":"O2G Solution","productType":"O2G","productVersion":{"major":"2.6","minor":"000.000"},"haMode":true},
            "versions":[{"id":"1.0","status":"CURRENT","publicUrl":"https://public-server/api/rest/authenticate?version=1.0","internalUrl":"https://server/api/rest/authenticate?version=1.0"}],
            "custoFeatures":[{"CCD_LOAD_OPE_CCA":true,"HOTEL_LOAD_Z_GUESTS":true}]}"#;
        let d: RoxeRestApiDescriptor = decode("RoxeRestApiDescriptor", full).expect("L46 decodes");
        assert_eq!(d.versions[0].id, "1.0");
        let short =
            br#"{"versions":[{"id":"1.0","status":"CURRENT","publicUrl":"a","internalUrl":"b"}]}"#;
        let d: RoxeRestApiDescriptor =
            decode("RoxeRestApiDescriptor", short).expect("L207 decodes");
        assert!(d.server_info.is_none());
    }
}
