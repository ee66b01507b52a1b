//! UTC dates in the ISO 8601 form the specs use (`yyyy-MM-ddTHH:mm:ss.SSSZ`), as Unix
//! milliseconds: written exactly that way, read tolerantly (the O2G comlog and the Vonage
//! agent-activity API both take them as parameters).

/// Formats Unix milliseconds as the spec's UTC `dateTime`, `yyyy-MM-ddTHH:mm:ss.SSSZ` (O2G L5218, Vonage `start`).
pub fn iso8601(unix_ms: u64) -> String {
    let (secs, ms) = (unix_ms / 1000, unix_ms % 1000);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Reads the spec's UTC `dateTime` (`yyyy-MM-ddTHH:mm:ss.SSSZ`, L7860) as Unix milliseconds.
/// Tolerant of what clients send besides: no or fewer fraction digits, a space for `T`, and
/// a `+hh:mm`/`-hh:mm` offset instead of `Z` (or none, read as UTC). `None` if it is no date.
pub fn parse_iso8601(text: &str) -> Option<u64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut ymd = date.splitn(3, '-').map(|p| p.parse::<u64>().ok());
    let (year, month, day) = (ymd.next()??, ymd.next()??, ymd.next()??);
    if !(1970..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // The zone: `Z`, an offset, or nothing.
    let (clock, offset_secs) = match time.find(['Z', 'z', '+', '-']) {
        None => (time, 0i64),
        Some(at) => {
            let (clock, zone) = time.split_at(at);
            (clock, zone_offset_secs(zone)?)
        }
    };
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut parts = hms.splitn(3, ':').map(|p| p.parse::<u64>().ok());
    let (hour, minute) = (parts.next()??, parts.next()??);
    let second = parts.next().unwrap_or(Some(0))?;
    if hour > 23 || minute > 59 || second > 60 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Milliseconds: the first three digits of the fraction, padded.
    let millis = format!("{fraction:0<3}").get(..3)?.parse::<u64>().ok()?;
    let days = days_from_civil(year, month, day);
    let local = ((days * 24 + hour) * 60 + minute) * 60 + second;
    let utc = i64::try_from(local).ok()?.checked_sub(offset_secs)?;
    u64::try_from(utc)
        .ok()?
        .checked_mul(1000)?
        .checked_add(millis)
}

/// `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh` as seconds east of UTC.
fn zone_offset_secs(zone: &str) -> Option<i64> {
    if zone.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = zone.split_at(1);
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 2 && digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), str::parse)
        .ok()?;
    let secs = (hours * 60 + minutes) * 60;
    Some(if sign == "-" { -secs } else { secs })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm); the
/// inverse of [`civil_from_days`], for years from 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let yoe = year - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).saturating_sub(719_468)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_matches_the_spec_example_form() {
        // 2013-05-16T18:17:15.489Z is the example of L5218.
        assert_eq!(iso8601(1_368_728_235_489), "2013-05-16T18:17:15.489Z");
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn parse_iso8601_reads_the_spec_examples_and_tolerates_variants() {
        assert_eq!(
            parse_iso8601("2013-05-16T18:17:15.489Z"),
            Some(1_368_728_235_489)
        );
        assert_eq!(
            parse_iso8601("2013-05-16T18:17:15Z"),
            Some(1_368_728_235_000)
        );
        assert_eq!(
            parse_iso8601("2013-05-16T20:17:15.4+02:00"),
            Some(1_368_728_235_400)
        );
        assert_eq!(
            parse_iso8601("2000-02-29T00:00:00.000Z"),
            Some(951_782_400_000)
        );
        for unix_ms in [0, 951_782_400_000, 1_700_000_000_123] {
            assert_eq!(parse_iso8601(&iso8601(unix_ms)), Some(unix_ms));
        }
        for bad in [
            "",
            "yesterday",
            "2013-13-01T00:00:00Z",
            "2013-05-16",
            "2013-05-16T25:00Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }
}
