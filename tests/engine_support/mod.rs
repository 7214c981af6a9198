//! Banks built in code for the engine and screen tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use union_quiz::bank::{Bank, Question, Review, Scoring};

/// A question of one point with these choices and right answers (choice
/// indices), and no topic, explanation or source.
pub fn question(id: &str, text: &str, choices: &[&str], answer: &[usize]) -> Question {
    Question {
        id: id.to_owned(),
        topic: None,
        text: text.to_owned(),
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        answer: answer.to_vec(),
        shuffle_choices: None,
        points: 1.0,
        explanation: None,
        source: None,
    }
}

/// A bank of the given questions with the format's defaults.
pub fn bank(id: &str, questions: Vec<Question>) -> Bank {
    Bank {
        id: id.to_owned(),
        title: format!("Bank {id}"),
        course: None,
        description: None,
        time_limit: None,
        question_time_limit: None,
        pick: None,
        shuffle_questions: true,
        shuffle_choices: true,
        pass_percent: 50.0,
        review: Review::AfterSubmit,
        scoring: Scoring::AllOrNothing,
        questions,
        path: PathBuf::from(format!("quizzes/{id}.yaml")),
        sha256: "ab".repeat(32),
    }
}

/// Ten questions q1…q10 with four choices each; right answer: q_k → (k-1) % 4,
/// except q10 which takes A and C.
pub fn ten() -> Bank {
    let mut qs: Vec<Question> = (1..=9)
        .map(|k| {
            question(
                &format!("q{k}"),
                &format!("Question {k}?"),
                &["a", "b", "c", "d"],
                &[(k - 1) % 4],
            )
        })
        .collect();
    qs.push(question(
        "q10",
        "Question 10?",
        &["a", "b", "c", "d"],
        &[0, 2],
    ));
    bank("ten", qs)
}

/// A realistic Vietnamese bank of three questions, timed 20 minutes.
pub fn vietnamese() -> Bank {
    let mut q1 = question(
        "nd61-hieu-luc",
        "Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính có hiệu lực thi hành từ ngày nào?",
        &["23/4/2018", "21/6/2018", "01/7/2018", "15/5/2015"],
        &[1],
    );
    q1.explanation =
        Some("Nghị định ban hành ngày 23/4/2018 và có hiệu lực từ ngày 21/6/2018.".to_owned());
    q1.source = Some("Nghị định 61/2018/NĐ-CP, Điều 39".into());
    let mut q2 = question(
        "nq30c-6",
        "Những nội dung nào thuộc Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011–2020 (Nghị quyết 30c/NQ-CP)?",
        &[
            "Cải cách thể chế",
            "Cải cách thủ tục hành chính",
            "Tăng số lượng biên chế",
            "Bỏ bộ phận một cửa",
        ],
        &[0, 1],
    );
    q2.source = Some("Nghị quyết 30c/NQ-CP".into());
    let mut q3 = question(
        "mot-cua",
        "Bộ phận Một cửa cấp tỉnh có tên gọi là gì?",
        &[
            "Trung tâm Phục vụ hành chính công",
            "Văn phòng Tỉnh ủy",
            "Cả A và B",
        ],
        &[0],
    );
    q3.shuffle_choices = Some(false);
    let mut b = bank("cchc-2018-chung", vec![q1, q2, q3]);
    b.title = "Cải cách thủ tục hành chính — kiến thức chung".to_owned();
    b.course = Some("Tập huấn cải cách hành chính năm 2018".to_owned());
    b.description = Some("Bài kiểm tra cuối khóa tập huấn.".to_owned());
    b.time_limit = Some(Duration::from_secs(20 * 60));
    b
}
