//! The built-in data: the plan document 渝妇发〔2021〕19号 and the 41 units
//! it was sent to, embedded in the binary so that a first run needs no
//! files. Both are ordinary data; another plan loads the same way.

use chrono::NaiveDate;

use crate::model::Unit;

/// The text of the built-in plan document.
pub const PLAN_TEXT: &str = include_str!("../fixtures/plan-2021-19.txt");

/// The 41 units of 2021 (code, name, short name, kind), tab-separated.
pub const UNITS_TSV: &str = include_str!("../fixtures/units-2021.tsv");

/// Reads a units table: a header line, then `code name short kind`
/// separated by tabs; `-` for no code. Errors name the line.
pub fn parse_units(text: &str, source: &str) -> Result<Vec<Unit>, String> {
    let mut units = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 4 {
            return Err(format!(
                "{source}:{line_no}: expected 4 tab-separated columns (code, name, short, kind), found {}",
                cols.len()
            ));
        }
        let (code, name, short, kind) = (cols[0], cols[1], cols[2], cols[3]);
        if name.is_empty() || short.is_empty() {
            return Err(format!(
                "{source}:{line_no}: a unit needs a name and a short name"
            ));
        }
        let code = (!code.is_empty() && code != "-").then(|| code.to_string());
        units.push(Unit {
            id: 0,
            code,
            name: name.to_string(),
            short_name: short.to_string(),
            kind: kind.to_string(),
            valid_from: None,
            valid_to: None::<NaiveDate>,
            position: units.len() as u32 + 1,
            version: 1,
        });
    }
    if units.is_empty() {
        return Err(format!("{source}: no units found"));
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_units_are_the_41_of_2021() {
        let units = parse_units(UNITS_TSV, "units").unwrap();
        assert_eq!(units.len(), 41);
        assert_eq!(units.iter().filter(|u| u.code.is_some()).count(), 38);
        let names: Vec<_> = units.iter().map(|u| u.name.as_str()).collect();
        assert!(
            names.contains(&"綦江区") && names.contains(&"璧山区") && names.contains(&"北碚区")
        );
        assert_eq!(units[2].short_name, "渝中");
        assert_eq!(units[2].code.as_deref(), Some("500103"));
        assert_eq!(units[40].name, "万盛经开区");
    }

    #[test]
    fn a_short_line_is_named() {
        let err = parse_units("code\tname\tshort\tkind\n500103\t渝中区\n", "u.tsv").unwrap_err();
        assert!(err.starts_with("u.tsv:2:"), "{err}");
    }
}
