//! Tolerant decoding for fields the specs write in more than one way.
//!
//! The O2G reference documents a field as a boolean or an integer in its representation tables
//! but writes it as a string in some examples (`"expired": "false"`, `"timeToLive": "1800"`).
//! We always *encode* the table form and *decode* both (see `docs/decisions.md`).

use serde::{de, Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolOrString {
    Bool(bool),
    String(String),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IntOrString {
    Int(i64),
    String(String),
}

fn bool_from(value: BoolOrString) -> Result<bool, String> {
    match value {
        BoolOrString::Bool(b) => Ok(b),
        BoolOrString::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        BoolOrString::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        BoolOrString::String(s) => Err(format!("expected a boolean, got {s:?}")),
    }
}

fn int_from<T: TryFrom<i64>>(value: IntOrString) -> Result<T, String> {
    let wide = match value {
        IntOrString::Int(i) => i,
        IntOrString::String(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("expected an integer, got {s:?}"))?,
    };
    T::try_from(wide).map_err(|_| format!("integer {wide} is out of range"))
}

/// A boolean written either as `true` or as `"true"`.
pub fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    bool_from(BoolOrString::deserialize(d)?).map_err(de::Error::custom)
}

/// An optional boolean written either as `true` or as `"true"`; `null` reads as absent.
pub fn opt_bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Option::<BoolOrString>::deserialize(d)?
        .map(bool_from)
        .transpose()
        .map_err(de::Error::custom)
}

/// An integer written either as `1800` or as `"1800"`.
pub fn int_or_string<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    int_from(IntOrString::deserialize(d)?).map_err(de::Error::custom)
}

/// An optional integer written either as `1800` or as `"1800"`; `null` reads as absent.
pub fn opt_int_or_string<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    Option::<IntOrString>::deserialize(d)?
        .map(int_from)
        .transpose()
        .map_err(de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_bool_or_string")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "opt_int_or_string")]
        ttl: Option<u32>,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn both_readings_decode_to_the_same_value() {
        assert_eq!(
            probe(r#"{"flag":true,"ttl":1800}"#).ok(),
            probe(r#"{"flag":"true","ttl":"1800"}"#).ok()
        );
        assert_eq!(
            probe(r#"{"flag":"FALSE"}"#).ok().and_then(|p| p.flag),
            Some(false)
        );
        assert_eq!(
            probe("{}").ok(),
            Some(Probe {
                flag: None,
                ttl: None
            })
        );
        assert_eq!(
            probe(r#"{"flag":null,"ttl":null}"#).ok(),
            Some(Probe {
                flag: None,
                ttl: None
            })
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_guess() {
        assert!(probe(r#"{"flag":"yes"}"#).is_err());
        assert!(probe(r#"{"ttl":"thirty"}"#).is_err());
        assert!(probe(r#"{"ttl":-1}"#).is_err());
        assert!(probe(r#"{"ttl":1.5}"#).is_err());
    }
}
