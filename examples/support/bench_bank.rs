//! The generated bank the benchmarks load: `questions` questions shaped
//! like the shipped ones (four choices, one in seven with two right answers,
//! an explanation and a source). Included by path, so it is not an example
//! of its own.

use std::fmt::Write as _;

/// A bank of `questions` questions; `header` holds the bank's keys before
/// `questions:` (title, id, limits), each line ending in a newline.
pub fn bank_yaml(header: &str, questions: usize) -> String {
    let mut src = format!("{header}questions:\n");
    for i in 0..questions {
        let answer = if i % 7 == 0 { "[A, B]" } else { "B" };
        let _ = write!(
            src,
            "  - id: cau-{i}\n    topic: Một cửa, một cửa liên thông\n    text: \"Câu {i}: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?\"\n    choices:\n      - 23/4/2018 ({i})\n      - 21/6/2018 ({i})\n      - 01/7/2018 ({i})\n      - 15/5/2015 ({i})\n    answer: {answer}\n    explanation: Nghị định 61/2018/NĐ-CP ký ngày 23/4/2018, có hiệu lực từ 21/6/2018.\n    source: Nghị định 61/2018/NĐ-CP\n",
        );
    }
    src
}
