//! How much one file may cost: its size on disk and the time its parse may take. No single
//! file, however large or strangely nested, can stall or exhaust a run over a folder.

use std::time::Duration;

/// The bounds every file is linted within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are skipped with a warning, before they are read.
    pub max_file_size: u64,
    /// How long turning one file into a document may take, checked from within every
    /// tree-sitter parse of it.
    pub max_parse_time: Duration,
}

/// 10 MB: a hundred times the longest real handbook page, small enough to lint in seconds.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

/// Real documents parse in milliseconds; ten seconds is only ever reached by pathological markup.
pub const DEFAULT_MAX_PARSE_TIME: Duration = Duration::from_secs(10);

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_parse_time: DEFAULT_MAX_PARSE_TIME,
        }
    }
}

impl Limits {
    /// These limits with the ones given replacing them.
    pub fn with(self, max_file_size: Option<u64>, max_parse_time: Option<Duration>) -> Limits {
        Limits {
            max_file_size: max_file_size.unwrap_or(self.max_file_size),
            max_parse_time: max_parse_time.unwrap_or(self.max_parse_time),
        }
    }
}

/// Units a size may carry: decimal (`kB`, `MB`, `GB`) and binary (`KiB`, `MiB`, `GiB`).
const SIZE_UNITS: &[(&str, u64)] = &[
    ("b", 1),
    ("kb", 1_000),
    ("k", 1_000),
    ("mb", 1_000_000),
    ("m", 1_000_000),
    ("gb", 1_000_000_000),
    ("g", 1_000_000_000),
    ("kib", 1 << 10),
    ("mib", 1 << 20),
    ("gib", 1 << 30),
];

/// A size in bytes from `10000000`, `10MB`, `10 MiB` or `1.5GB`.
pub fn parse_size(text: &str) -> Result<u64, LimitError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| LimitError::NotASize(text.to_string()))?;
    let unit = unit.trim().to_ascii_lowercase();
    let factor = if unit.is_empty() {
        1
    } else {
        SIZE_UNITS
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, factor)| *factor)
            .ok_or_else(|| LimitError::UnknownUnit {
                unit: unit.clone(),
                text: text.to_string(),
            })?
    };
    let bytes = number * factor as f64;
    if bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64 {
        Ok(bytes as u64)
    } else {
        Err(LimitError::SizeTooSmall(text.to_string()))
    }
}

/// A duration from a number of seconds such as `10` or `0.5`.
pub fn parse_seconds(text: &str) -> Result<Duration, LimitError> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| LimitError::NotSeconds(text.to_string()))?;
    seconds_to_duration(seconds).ok_or_else(|| LimitError::SecondsNotPositive(text.to_string()))
}

/// Why a size or a number of seconds could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("`{0}` is not a size such as 10MB or 500000")]
    NotASize(String),
    #[error("unknown unit `{unit}` in `{text}`; use bytes, kB, MB, GB, KiB, MiB or GiB")]
    UnknownUnit { unit: String, text: String },
    #[error("`{0}` is not a size of at least one byte")]
    SizeTooSmall(String),
    #[error("`{0}` is not a number of seconds such as 10 or 0.5")]
    NotSeconds(String),
    #[error("`{0}` is not a positive number of seconds")]
    SecondsNotPositive(String),
}

/// A positive, finite number of seconds as a duration.
pub fn seconds_to_duration(seconds: f64) -> Option<Duration> {
    (seconds.is_finite() && seconds > 0.0 && seconds < 1e9)
        .then(|| Duration::from_secs_f64(seconds))
}

/// A size as people read it: `52428800 bytes (52.4 MB)`.
pub fn describe_size(bytes: u64) -> String {
    if bytes < 1_000 {
        return format!("{bytes} bytes");
    }
    let (value, unit) = if bytes >= 1_000_000_000 {
        (bytes as f64 / 1e9, "GB")
    } else if bytes >= 1_000_000 {
        (bytes as f64 / 1e6, "MB")
    } else {
        (bytes as f64 / 1e3, "kB")
    };
    format!("{bytes} bytes ({})", trim_decimals(value, unit))
}

/// Seconds as people read them: `10 s`, `0.001 s`.
pub fn describe_seconds(duration: Duration) -> String {
    trim_decimals(duration.as_secs_f64(), "s")
}

fn trim_decimals(value: f64, unit: &str) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_decimal_and_binary_units() {
        assert_eq!(parse_size("500"), Ok(500));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("10 MiB"), Ok(10 << 20));
        assert_eq!(parse_size("1.5gb"), Ok(1_500_000_000));
        assert_eq!(parse_size("64k"), Ok(64_000));
        assert!(
            parse_size("10 parsecs")
                .unwrap_err()
                .to_string()
                .contains("unknown unit")
        );
        assert!(
            parse_size("ten")
                .unwrap_err()
                .to_string()
                .contains("is not a size")
        );
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn seconds_must_be_positive() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("inf").is_err());
    }

    #[test]
    fn sizes_and_times_read_plainly() {
        assert_eq!(describe_size(999), "999 bytes");
        assert_eq!(describe_size(52_428_800), "52428800 bytes (52.429 MB)");
        assert_eq!(describe_size(10_000_000), "10000000 bytes (10 MB)");
        assert_eq!(describe_seconds(Duration::from_millis(1)), "0.001 s");
        assert_eq!(describe_seconds(Duration::from_secs(10)), "10 s");
    }
}
