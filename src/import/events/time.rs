//! The times event exports write: ISO 8601 (with or without an offset, as
//! `wevtutil` and `ToString('o')` write them) and Windows PowerShell's en-US
//! `M/d/yyyy h:mm:ss AM` (what `Export-Csv` writes for `TimeCreated` on an en-US
//! server). A time without an offset is local to the server: it needs `--utc-offset`.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

/// Why a time could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// A local time, and no `--utc-offset` was given.
    NoOffset,
    /// Not a form phsrule reads.
    Unreadable,
}

/// The forms of a local time (no offset), tried in order.
const LOCAL_FORMS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
];

/// Read an event time; `utc_offset` is the server's offset for local times.
pub fn parse_time(
    text: &str,
    utc_offset: Option<FixedOffset>,
) -> Result<DateTime<FixedOffset>, TimeError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    let local = LOCAL_FORMS
        .iter()
        .find_map(|form| NaiveDateTime::parse_from_str(text, form).ok())
        .ok_or(TimeError::Unreadable)?;
    let offset = utc_offset.ok_or(TimeError::NoOffset)?;
    offset
        .from_local_datetime(&local)
        .single()
        .ok_or(TimeError::Unreadable)
}

/// `+01:00`, `-05:00`, `+0530` or `Z`, as `--utc-offset` takes it.
pub fn parse_utc_offset(text: &str) -> Result<FixedOffset, String> {
    let bad = || {
        format!(
            "`{text}` is not a UTC offset; write it as `+01:00` or `-05:00` (on the server, `Get-Date -Format zzz` prints it)"
        )
    };
    let t = text.trim();
    if t.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0).ok_or_else(bad);
    }
    let (sign, rest) = match t.split_at_checked(1) {
        Some(("+", rest)) => (1, rest),
        Some(("-", rest)) => (-1, rest),
        _ => return Err(bad()),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let (hh, mm) = match (digits.len(), digits.get(..2), digits.get(2..)) {
        (4, Some(hh), Some(mm)) => (hh, mm),
        _ => return Err(bad()),
    };
    let hours: i32 = hh.parse().map_err(|_| bad())?;
    let minutes: i32 = mm.parse().map_err(|_| bad())?;
    if hours > 14 || minutes > 59 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plus_one() -> Option<FixedOffset> {
        FixedOffset::east_opt(3600)
    }

    #[test]
    fn iso_times_keep_their_offset() {
        let t = parse_time("2026-11-24T13:31:00.1234567+01:00", None).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-24T13:31:00.123456700+01:00");
        assert!(parse_time("2026-11-24T13:31:00Z", None).is_ok());
    }

    #[test]
    fn en_us_times_need_the_servers_offset() {
        assert_eq!(
            parse_time("11/24/2026 1:31:00 PM", None),
            Err(TimeError::NoOffset)
        );
        let t = parse_time("11/24/2026 1:31:00 PM", plus_one()).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-24T13:31:00+01:00");
        let t = parse_time("2026-11-24 13:31:00", plus_one()).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-24T13:31:00+01:00");
    }

    #[test]
    fn other_cultures_are_refused() {
        assert_eq!(
            parse_time("24.11.2026 13:31:00", plus_one()),
            Err(TimeError::Unreadable)
        );
        assert_eq!(
            parse_time("24/11/2026 13:31:00", plus_one()),
            Err(TimeError::Unreadable)
        );
    }

    #[test]
    fn offsets_are_read_in_their_usual_spellings() {
        assert_eq!(
            parse_utc_offset("+01:00"),
            Ok(FixedOffset::east_opt(3600).unwrap())
        );
        assert_eq!(
            parse_utc_offset("-0530"),
            Ok(FixedOffset::west_opt(19800).unwrap())
        );
        assert_eq!(parse_utc_offset("Z"), Ok(FixedOffset::east_opt(0).unwrap()));
        assert!(parse_utc_offset("1").is_err());
        assert!(parse_utc_offset("+25:00").is_err());
    }
}
