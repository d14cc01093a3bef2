//! The reader on the built-in plan (its exact outline) and on small
//! documents that use the variants real documents use.

use super::*;

const SEED: &str = include_str!("../../fixtures/plan-2021-19.txt");

fn titles(nodes: &[DocNode]) -> Vec<&str> {
    nodes.iter().map(|n| n.title.as_str()).collect()
}

/// Weakness of issue 13: docs/robustness.md said a plan document's escape
/// sequences were "stored cleaned", but they were stored raw (only the
/// printing sanitised them). Every text the reader gives is clean.
#[test]
fn a_documents_escapes_and_invisible_characters_are_cleaned_before_storing() {
    let text = "恶意\u{1b}]0;标题\u{7}方案\n一、任务\u{202e}甲\n1.清屏\u{1b}[2J标题。正文\u{ad}\u{e0041}\u{3164}。\n";
    let doc = parse(text).unwrap();
    fn all(n: &DocNode, out: &mut Vec<String>) {
        out.push(n.title.clone());
        out.push(n.body.clone());
        for c in &n.children {
            all(c, out);
        }
    }
    let mut texts = vec![doc.title.clone(), doc.preamble.clone()];
    for n in &doc.outline {
        all(n, &mut texts);
    }
    for t in &texts {
        assert!(crate::text::sanitize::is_clean(t), "{t:?}");
    }
    assert_eq!(doc.outline[0].children[0].title, "清屏[2J标题");
    assert_eq!(doc.outline[0].children[0].body, "正文。");
}

/// Weakness of issue 13: headings past 99, and headings whose number was
/// skipped or repeated, were merged silently into the body before them.
#[test]
fn numbered_lines_not_taken_as_headings_are_warned_about_with_their_line() {
    let text = "方案\n一、总体要求\n1.第一项。\n\n3.第三项（2 被跳过）。\n2.第二项。\n2.又一个第二项。\n100.第一百项。\n二、其他\n";
    let doc = parse(text).unwrap();
    let w: Vec<(usize, String)> = doc
        .warnings
        .iter()
        .map(|w| match w {
            PlanWarning::OutOfOrder {
                line,
                found,
                expected,
                ..
            } => (*line, format!("{found} for {expected}")),
            PlanWarning::PastLastNumber { line, ordinal, .. } => (*line, format!("{ordinal}")),
        })
        .collect();
    assert_eq!(
        w,
        [
            (5, "3 for 2".to_string()),
            (7, "2 for 3".to_string()),
            (8, "100".to_string())
        ]
    );
    // Read as before: as text of the heading before them.
    assert_eq!(titles(&doc.outline[0].children), ["第一项", "第二项"]);
    assert!(doc.outline[0].children[0].body.contains("3.第三项"));
    assert_eq!(doc.headings_by_level(), [2, 0, 2, 0, 0]);
}

#[test]
fn the_built_in_plan_reads_without_a_warning() {
    let doc = parse(SEED).unwrap();
    assert_eq!(doc.warnings, []);
    assert_eq!(doc.headings_by_level(), [3, 3, 13, 0, 0]);
}

#[test]
fn seed_has_exactly_the_official_outline() {
    let doc = parse(SEED).unwrap();
    assert_eq!(titles(&doc.outline), ["总体要求", "主要任务", "保障措施"]);
    assert!(doc.outline.iter().all(|n| n.level == 0));
    let main = &doc.outline[1];
    assert_eq!(
        titles(&main.children),
        [
            "实施巾帼思想引领行动",
            "实施科技创新建功行动",
            "实施巾帼平台搭建行动"
        ]
    );
    let counts: Vec<usize> = main.children.iter().map(|a| a.children.len()).collect();
    assert_eq!(counts, [3, 3, 4]);
    assert_eq!(
        titles(&main.children[0].children),
        ["提高政治站位", "弘扬科学家精神", "强化典型引领"]
    );
    assert_eq!(
        titles(&main.children[1].children),
        ["“她力量”建功", "“她视角”建言", "“她联动”助力"]
    );
    assert_eq!(
        titles(&main.children[2].children),
        [
            "组织支持平台",
            "资源共享平台",
            "人才服务平台",
            "参政议政平台"
        ]
    );
    let safeguards = &doc.outline[2];
    assert_eq!(
        titles(&safeguards.children),
        ["加强组织领导", "认真开展调研", "加大宣传力度"]
    );
    assert!(doc.outline[0].children.is_empty());
    let total: usize = doc.outline.iter().map(DocNode::count).sum();
    assert_eq!(total, 3 + 3 + 10 + 3);
}

#[test]
fn seed_metadata_is_read() {
    let doc = parse(SEED).unwrap();
    assert_eq!(doc.title, "助力科技创新巴渝巾帼行动实施方案");
    assert_eq!(doc.action_name, "助力科技创新巴渝巾帼行动");
    assert_eq!(doc.doc_number.as_deref(), Some("渝妇发〔2021〕19号"));
    assert_eq!(doc.issued_on, NaiveDate::from_ymd_opt(2021, 6, 9));
    let names: Vec<_> = doc.issuers.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "重庆市妇女联合会",
            "重庆市科学技术局",
            "重庆市国有资产监督管理委员会",
            "重庆市总工会",
            "重庆市科学技术协会"
        ]
    );
    let short: Vec<_> = doc.issuers.iter().map(|i| i.short_name.as_str()).collect();
    assert_eq!(
        short,
        ["市妇联", "市科技局", "市国资委", "市总工会", "市科协"]
    );
    let recipients = doc.recipients.unwrap();
    assert!(
        recipients.starts_with("各区县（自治县）妇联、科技局"),
        "{recipients}"
    );
    assert!(recipients.ends_with("相关女性社会组织"), "{recipients}");
    assert!(doc.preamble.starts_with("为深入贯彻党的十九大"));
    assert!(doc.preamble.ends_with("具体方案如下："));
}

#[test]
fn seed_titles_and_bodies_split_at_the_first_full_stop() {
    let doc = parse(SEED).unwrap();
    let task = &doc.outline[1].children[0].children[0];
    assert_eq!(task.title, "提高政治站位");
    assert!(
        task.body
            .starts_with("深化巾帼助力创新驱动发展学习宣传活动")
    );
    let action = &doc.outline[1].children[0];
    assert!(action.body.starts_with("开展科技创新主题宣传活动"));
    assert_eq!(doc.outline[0].body.lines().count(), 1);
}

#[test]
fn seed_page_break_inside_a_word_is_joined() {
    let doc = parse(SEED).unwrap();
    let task = &doc.outline[1].children[1].children[2];
    assert_eq!(task.title, "“她联动”助力");
    assert!(
        task.body.contains("深入新时代文明实践中心"),
        "{}",
        task.body
    );
    assert!(!task.body.contains('\n'), "one paragraph: {}", task.body);
}

#[test]
fn seed_trailer_is_not_part_of_the_last_task() {
    let doc = parse(SEED).unwrap();
    let last = &doc.outline[2].children[2];
    assert!(last.body.ends_with("营造良好的社会氛围。"), "{}", last.body);
}

#[test]
fn bare_plan_with_variant_markers() {
    let text = "\
某某区科技助力行动工作方案
\u{3000}\u{3000}为推动工作，制定本方案。
一、工作目标
\u{3000}\u{3000}到年底完成各项任务。
二、重点任务
(一)宣传引领
1．开展宣讲。组织宣讲团深入基层。
2、树立典型。
（1）评选先进。每年评选一次。
（2）宣传事迹
(二)平台建设
1.建设工作室。建成一批工作室，
覆盖主要园区。
三、保障措施
加强领导。
";
    let doc = parse(text).unwrap();
    assert_eq!(doc.title, "某某区科技助力行动工作方案");
    assert_eq!(doc.action_name, "某某区科技助力行动");
    assert_eq!(doc.preamble, "为推动工作，制定本方案。");
    assert_eq!(titles(&doc.outline), ["工作目标", "重点任务", "保障措施"]);
    let tasks = &doc.outline[1];
    assert_eq!(titles(&tasks.children), ["宣传引领", "平台建设"]);
    assert_eq!(
        titles(&tasks.children[0].children),
        ["开展宣讲", "树立典型"]
    );
    let subs = &tasks.children[0].children[1].children;
    assert_eq!(titles(subs), ["评选先进", "宣传事迹"]);
    assert_eq!(subs[0].level, 3);
    assert_eq!(subs[0].body, "每年评选一次。");
    assert_eq!(subs[1].body, "");
    let studio = &tasks.children[1].children[0];
    assert_eq!(studio.body, "建成一批工作室，覆盖主要园区。");
    assert_eq!(doc.outline[2].body, "加强领导。");
    assert_eq!(doc.doc_number, None);
    assert!(doc.issuers.is_empty());
}

#[test]
fn out_of_sequence_numbers_stay_in_the_text() {
    let text = "方案标题\n一、任务\n1.第一项。内容。\n3.这不是第三项，只是一句话。\n2.第二项。\n";
    let doc = parse(text).unwrap();
    let tasks = &doc.outline[0].children;
    assert_eq!(titles(tasks), ["第一项", "第二项"]);
    assert_eq!(tasks[0].body, "内容。\n3.这不是第三项，只是一句话。");
}

#[test]
fn quoted_titles_keep_their_quotes() {
    let doc = parse("标题方案\n一、任务\n1.“她力量”建功。开展活动。\n").unwrap();
    assert_eq!(doc.outline[0].children[0].title, "“她力量”建功");
}

#[test]
fn a_document_without_an_outline_is_an_error() {
    assert_eq!(
        parse("这是一份通知。\n请认真执行。\n"),
        Err(PlanTextError::NoOutline)
    );
    assert_eq!(parse(" \n\u{3000}\n"), Err(PlanTextError::Empty));
}

#[test]
fn windows_line_ends_and_bom_are_accepted() {
    let text = "\u{feff}方案\r\n一、总体要求\r\n内容。\r\n";
    let doc = parse(text).unwrap();
    assert_eq!(doc.outline[0].title, "总体要求");
    assert_eq!(doc.outline[0].body, "内容。");
}

#[test]
fn notice_with_bracket_variant_number() {
    let text = "\
某市妇联文件
某妇发[2022]3号
关于印发《某某行动方案》的通知
各区县妇联：
现将方案印发你们，请认真执行。
某市妇女联合会
某市科学技术局
2022年3月1日
某某行动方案
为了推进工作，制定方案。
一、主要任务
1.开展活动。内容。
某市妇女联合会办公室
2022年3月2日印发
";
    let doc = parse(text).unwrap();
    assert_eq!(doc.title, "某某行动方案");
    assert_eq!(doc.doc_number.as_deref(), Some("某妇发〔2022〕3号"));
    assert_eq!(doc.issued_on, NaiveDate::from_ymd_opt(2022, 3, 1));
    assert_eq!(doc.recipients.as_deref(), Some("各区县妇联"));
    let names: Vec<_> = doc.issuers.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["某市妇女联合会", "某市科学技术局"]);
    assert_eq!(doc.preamble, "为了推进工作，制定方案。");
    assert_eq!(doc.outline[0].children[0].body, "内容。");
}

mod fuzz {
    use proptest::prelude::*;

    use super::super::parse;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Text shaped like official documents: markers, CJK, breaks.
        #[test]
        fn never_panics_on_document_like_text(
            s in "[一二三四五六七八九十百（）()、.．。，：:；！？“”1-9０-９\n \u{3000}\t a-z渝妇发〔〕\\[\\]号年月日关于印发《》通知方案抄送办公室①②③—-]{0,600}"
        ) {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_on_any_text(s in any::<String>()) {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_on_any_bytes(b in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse(&String::from_utf8_lossy(&b));
        }

        /// Whatever is read keeps the tree well formed: children are
        /// numbered below their parents.
        #[test]
        fn outlines_are_well_formed(
            s in "(([一二三]、|（[一二]）|[1-3][.．、]|（[1-2]）)[甲乙丙]{1,4}[。]?[丁戊]{0,4}\n){1,30}"
        ) {
            if let Ok(doc) = parse(&s) {
                fn walk(n: &super::super::DocNode) -> bool {
                    !n.title.is_empty() && n.children.iter().all(|c| c.level > n.level && walk(c))
                }
                prop_assert!(doc.outline.iter().all(walk));
            }
        }
    }
}
