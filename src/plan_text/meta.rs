//! The metadata around a plan's outline: document number, date, issuing
//! agencies (and the short names the text itself uses for them), the
//! recipients line and the plan's title. Recognised by the conventions of
//! Chinese official documents (GB/T 9704), not by this one document's words.

use chrono::NaiveDate;

use super::lines::{ends_sentence, unspace};
use super::markers::marker;

/// Reads `2021年6月9日` (also with full-width digits) as a date; `rest` is
/// what follows it on the line.
pub fn leading_cn_date(line: &str) -> Option<(NaiveDate, &str)> {
    let mut nums = [0u32; 3];
    let mut idx = 0;
    let mut cur: Option<u32> = None;
    for (i, c) in line.char_indices() {
        let digit = match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        };
        if let Some(d) = digit {
            cur = Some(cur.unwrap_or(0).saturating_mul(10).saturating_add(d));
            continue;
        }
        let expected = ['年', '月', '日'][idx];
        if c != expected {
            return None;
        }
        nums[idx] = cur?;
        cur = None;
        idx += 1;
        if idx == 3 {
            let date = NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2])?;
            return Some((date, &line[i + c.len_utf8()..]));
        }
    }
    None
}

/// A line that is only a date: the signature date of a document.
pub fn date_line(line: &str) -> Option<NaiveDate> {
    leading_cn_date(line).and_then(|(d, rest)| rest.trim().is_empty().then_some(d))
}

/// A line such as `2021年6月9日印发`: the start of the printing trailer.
pub fn is_printing_date(line: &str) -> bool {
    leading_cn_date(line).is_some_and(|(_, rest)| rest.trim() == "印发")
}

/// A document number such as `渝妇发〔2021〕19号`, normalised to 〔〕.
pub fn doc_number(line: &str) -> Option<String> {
    let line = unspace(line);
    let (open, close) = [
        ('〔', '〕'),
        ('[', ']'),
        ('［', '］'),
        ('（', '）'),
        ('(', ')'),
        ('【', '】'),
    ]
    .into_iter()
    .find(|(o, _)| line.contains(*o))?;
    let (prefix, after) = line.split_once(open)?;
    let (year, tail) = after.split_once(close)?;
    let number = tail.strip_suffix('号')?;
    let prefix_ok =
        !prefix.is_empty() && prefix.chars().count() <= 12 && !prefix.contains(['，', '。']);
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let number_ok = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
    (prefix_ok && year_ok && number_ok).then(|| format!("{prefix}〔{year}〕{number}号"))
}

/// Whether a line could be an organisation's name in a signature block:
/// short, no punctuation, not a date, not an outline heading.
pub fn looks_like_signer(line: &str) -> bool {
    let name = unspace(line);
    let len = name.chars().count();
    (3..=30).contains(&len)
        && !name
            .chars()
            .any(|c| "，。、；：！？,.;:!?“”《》".contains(c))
        && leading_cn_date(&name).is_none()
        && marker(&name).is_none()
}

/// The short names a document uses for its issuers, found where it lists
/// them in order (`市妇联、市科技局、市国资委、市总工会、市科协联合开展`).
/// Each short name must be a subsequence of the full name. Where no such
/// list exists, the full name is kept.
pub fn short_names(issuers: &[String], text: &str) -> Vec<String> {
    // A list of one proves nothing: any fragment could be its abbreviation.
    if issuers.len() < 2 {
        return issuers.to_vec();
    }
    let fragments = text.split(|c: char| "，。；：“”《》\n（）()!！?？".contains(c));
    for fragment in fragments {
        let items: Vec<&str> = fragment.split('、').map(str::trim).collect();
        if items.len() < issuers.len() {
            continue;
        }
        for start in 0..=items.len() - issuers.len() {
            let window = &items[start..start + issuers.len()];
            let found: Option<Vec<String>> = window
                .iter()
                .zip(issuers)
                .enumerate()
                .map(|(i, (item, full))| {
                    let last = i + 1 == issuers.len();
                    abbreviation(item, full, last)
                })
                .collect();
            if let Some(names) = found {
                return names;
            }
        }
    }
    issuers.to_vec()
}

/// `item` as an abbreviation of `full`: the whole item, or for the last item
/// of a list its longest leading part (the list's sentence goes on after it).
fn abbreviation(item: &str, full: &str, may_trim: bool) -> Option<String> {
    let chars: Vec<char> = item.chars().collect();
    let longest = (2..=chars.len())
        .rev()
        .find(|&n| is_subsequence(&chars[..n], full))?;
    if longest < chars.len() && !may_trim {
        return None;
    }
    let short: String = chars[..longest].iter().collect();
    (short != full).then_some(short)
}

fn is_subsequence(needle: &[char], hay: &str) -> bool {
    let mut it = hay.chars();
    needle.iter().all(|c| it.any(|h| h == *c))
}

/// The plan's own title inside the notice title
/// `关于印发《…实施方案》的通知`.
pub fn quoted_title(notice: &str) -> Option<String> {
    let (_, after) = notice.split_once('《')?;
    let (title, _) = after.split_once('》')?;
    let title = unspace(title);
    (!title.is_empty()).then_some(title)
}

/// The action's name from the plan title: `…行动实施方案` → `…行动`.
pub fn action_name(title: &str) -> String {
    for suffix in [
        "实施方案",
        "工作方案",
        "行动方案",
        "推进方案",
        "实施意见",
        "工作计划",
        "方案",
        "计划",
    ] {
        if let Some(name) = title.strip_suffix(suffix)
            && !name.is_empty()
        {
            return name.to_string();
        }
    }
    title.to_string()
}

/// A recipients line ends with a colon and comes before the text.
pub fn is_recipients(line: &str) -> bool {
    (line.ends_with('：') || line.ends_with(':'))
        && line.chars().count() > 2
        && !line.starts_with("抄送")
}

/// Whether a line reads like a title: short and not a sentence.
pub fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (4..=60).contains(&n) && !ends_sentence(line) && !line.contains('，') && marker(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_chinese_form() {
        let d = NaiveDate::from_ymd_opt(2021, 6, 9);
        assert_eq!(date_line("2021年6月9日"), d);
        assert_eq!(date_line("２０２１年６月９日"), d);
        assert_eq!(date_line("2021年6月9日印发"), None);
        assert!(is_printing_date("2021年6月9日印发"));
        assert_eq!(date_line("2021年2月30日"), None);
    }

    #[test]
    fn document_numbers_are_normalised() {
        assert_eq!(
            doc_number("渝妇发〔2021〕19号").as_deref(),
            Some("渝妇发〔2021〕19号")
        );
        assert_eq!(
            doc_number("渝妇发[2021]19号").as_deref(),
            Some("渝妇发〔2021〕19号")
        );
        assert_eq!(
            doc_number("渝 妇 发 （2021） 7号").as_deref(),
            Some("渝妇发〔2021〕7号")
        );
        assert_eq!(doc_number("请于2021年底前完成"), None);
    }

    #[test]
    fn short_names_come_from_the_documents_own_list() {
        let issuers: Vec<String> = [
            "重庆市妇女联合会",
            "重庆市科学技术局",
            "重庆市国有资产监督管理委员会",
            "重庆市总工会",
            "重庆市科学技术协会",
        ]
        .map(String::from)
        .to_vec();
        let text = "各区县妇联、科技局。为建功立业，市妇联、市科技局、市国资委、市总工会、市科协联合开展“行动”";
        assert_eq!(
            short_names(&issuers, text),
            ["市妇联", "市科技局", "市国资委", "市总工会", "市科协"]
        );
    }

    #[test]
    fn without_a_list_the_full_names_stay() {
        let issuers = vec!["某某市教育局".to_string()];
        assert_eq!(short_names(&issuers, "没有简称的文本。"), issuers);
    }

    #[test]
    fn action_name_drops_the_document_kind() {
        assert_eq!(
            action_name("助力科技创新巴渝巾帼行动实施方案"),
            "助力科技创新巴渝巾帼行动"
        );
        assert_eq!(action_name("方案"), "方案");
    }

    #[test]
    fn title_in_book_quotes() {
        assert_eq!(
            quoted_title("关于印发《助力科技创新巴渝巾帼行动实施方案》的通知").as_deref(),
            Some("助力科技创新巴渝巾帼行动实施方案")
        );
    }
}
