//! How figures and lists are put in words, the same way in every report format: `63%`,
//! `+13 points`, `2 errors`, "a, b and c".

/// A ratio as a whole percentage: `0.625` -> `63%`.
pub fn percent(ratio: f64) -> String {
    format!("{}%", (ratio * 100.0).round())
}

/// A ratio as a percentage with one decimal where it has one: `0.6667` -> `66.7%`,
/// `0.8` -> `80%`. For thresholds, where rounding must not hide a shortfall.
pub fn precise_percent(ratio: f64) -> String {
    format!("{}%", points(ratio))
}

/// A ratio in percentage points with one decimal where it has one: `0.133` -> `13.3`.
pub fn points(ratio: f64) -> String {
    let tenths = (ratio * 1000.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A change between two ratios in whole points, signed: `+13 points`, `−5 points`,
/// `no change`.
pub fn delta(before: f64, after: f64) -> String {
    let change = ((after - before) * 100.0).round();
    if change == 0.0 {
        "no change".into()
    } else if change > 0.0 {
        format!("+{change:.0} points")
    } else {
        format!("\u{2212}{:.0} points", -change)
    }
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Text cut to at most `max` characters, with an ellipsis where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// "a, b and c"
pub fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_but_thresholds_keep_a_decimal() {
        assert_eq!(percent(0.625), "63%");
        assert_eq!(precise_percent(2.0 / 3.0), "66.7%");
        assert_eq!(precise_percent(0.8), "80%");
        assert_eq!(points(0.8 - 2.0 / 3.0), "13.3");
        assert_eq!(delta(0.5, 0.75), "+25 points");
        assert_eq!(delta(0.75, 0.5), "\u{2212}25 points");
        assert_eq!(delta(0.5, 0.501), "no change");
    }

    #[test]
    fn words_join_in_english() {
        let words = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_words(&words), "a, b and c");
        assert_eq!(join_words(&words[..1]), "a");
        assert_eq!(capitalise("leading people"), "Leading people");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("Führungsleitlinien", 6), "Führu…");
        assert_eq!(shorten("short", 6), "short");
    }
}
