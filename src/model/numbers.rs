//! How numbers read everywhere — console, memo, ledger: quantities without
//! a needless `.0`, percentages with one rule for decimals. One place, so
//! that the same figure never appears in two forms.

/// A reported quantity: `32`, `1.5`, `12000` (no thousands separators in
/// Chinese official prose; at most two decimals, trailing zeros dropped).
pub fn quantity(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let rounded = (v * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A rate in percent with one decimal: `87.1%`; whole numbers stay whole
/// (`100%`, `0%`).
pub fn rate(part: f64, whole: f64) -> String {
    if whole <= 0.0 {
        return "0%".into();
    }
    percent1(part / whole * 100.0)
}

/// A percentage value with one decimal, whole numbers without: `17.6%`.
pub fn percent1(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}%", r as i64)
    } else {
        format!("{r:.1}%")
    }
}

/// A progress figure, whole percent: `65%`.
pub fn percent0(p: f64) -> String {
    format!("{}%", p.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_drop_needless_decimals() {
        assert_eq!(quantity(32.0), "32");
        assert_eq!(quantity(1.5), "1.5");
        assert_eq!(quantity(2.345), "2.35");
        assert_eq!(quantity(0.1 + 0.2), "0.3");
        assert_eq!(quantity(f64::NAN), "0");
    }

    #[test]
    fn rates_have_one_decimal_unless_whole() {
        assert_eq!(rate(27.0, 31.0), "87.1%");
        assert_eq!(rate(37.0, 41.0), "90.2%");
        assert_eq!(rate(41.0, 41.0), "100%");
        assert_eq!(rate(1.0, 0.0), "0%");
        assert_eq!(percent0(64.4), "64%");
    }
}
