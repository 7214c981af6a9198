//! Strings of `union-quiz serve`: the trainer's console, the log, and what
//! members read from the server itself (the app's own screens have theirs
//! in `ui`).

use std::path::Path;

use super::Lang;

/// The keyboard-interactive prompt (what `ssh` and PuTTY print before the
/// member types the room password).
pub fn password_prompt(lang: Lang) -> &'static str {
    lang.pick("Mật khẩu phòng thi: ", "Room password: ")
}

/// Over the screen of a member idle for 30 minutes.
pub fn idle_warning(lang: Lang) -> String {
    lang.pick(
        "Đã 30 phút không có thao tác. Phiên sẽ đóng sau 2 phút; bài làm đã được lưu. Nhấn một phím bất kỳ để tiếp tục.",
        "No key for 30 minutes. This session closes in 2 minutes; your answers are saved. Press any key to stay.",
    )
    .to_owned()
}

/// The last screen of a session closed for idleness.
pub fn idle_closed(lang: Lang) -> String {
    lang.pick(
        "Phiên đã đóng vì lâu không có thao tác. Bài làm đã được lưu: kết nối lại để làm tiếp.",
        "This session closed after a long time without a key. Your answers are saved: connect again to go on.",
    )
    .to_owned()
}

/// The last screen of every member when the trainer closes the room.
pub fn room_closing(lang: Lang) -> String {
    lang.pick(
        "Giảng viên đã đóng phòng thi. Bài làm của bạn đã được lưu. Kết nối sẽ đóng.",
        "The trainer has closed the room. Your answers are saved. The connection closes now.",
    )
    .to_owned()
}

/// To a member connecting while the room closes.
pub fn room_closed_to_newcomers(lang: Lang) -> String {
    lang.pick(
        "Phòng thi đang đóng. Xin hỏi giảng viên.\n",
        "The room is closing. Please ask the trainer.\n",
    )
    .to_owned()
}

/// To a member connecting past `--max-sessions`.
pub fn room_full(lang: Lang, max: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Xin lỗi, phòng thi đã đủ {max} người. Xin chờ một lát rồi kết nối lại, hoặc báo giảng viên.\n"
        ),
        Lang::En => format!(
            "Sorry, the room is full ({max} members). Please wait a moment and connect again, or tell the trainer.\n"
        ),
    }
}

/// Log: a connection refused because the room is full or closing.
pub fn refused_full(lang: Lang, peer: &str) -> String {
    match lang {
        Lang::Vi => format!("{peer}: từ chối, phòng đã đủ người"),
        Lang::En => format!("{peer}: refused, the room is full"),
    }
}

/// Log: a member's session started.
pub fn joined(lang: Lang, peer: &str, id: u64) -> String {
    match lang {
        Lang::Vi => format!("{peer}: vào phòng (phiên {id})"),
        Lang::En => format!("{peer}: joined (session {id})"),
    }
}

/// Log: a wrong room password.
pub fn wrong_password(lang: Lang, peer: &str, tries: u32) -> String {
    match lang {
        Lang::Vi => format!("{peer}: sai mật khẩu (lần {tries})"),
        Lang::En => format!("{peer}: wrong password (try {tries})"),
    }
}

/// Log: a request the room refuses (exec, sftp, forwarding).
pub fn refused_request(lang: Lang, peer: &str, what: &str) -> String {
    let what = crate::text::clean_line(what);
    let what = crate::text::truncate_chars(&what, 60);
    match lang {
        Lang::Vi => format!("{peer}: từ chối yêu cầu {what}"),
        Lang::En => format!("{peer}: refused {what}"),
    }
}

/// Log: a session's app panicked; it ended alone.
pub fn session_panicked(lang: Lang, id: u64) -> String {
    match lang {
        Lang::Vi => format!("phiên {id}: lỗi chương trình, phiên đã đóng, bài làm đã được lưu"),
        Lang::En => format!("session {id}: program error, the session ended, its attempt saved"),
    }
}

/// Log: where a session's program error happened (for a bug report).
pub fn panic_place(lang: Lang, thread: &str, place: &str) -> String {
    match lang {
        Lang::Vi => format!("{thread}: lỗi chương trình tại {place}"),
        Lang::En => format!("{thread}: program error at {place}"),
    }
}

/// Log: a session ended by the network.
pub fn dropped(lang: Lang, id: u64, member: &str) -> String {
    match lang {
        Lang::Vi => format!("phiên {id} ({member}): mất kết nối, bài làm đã được lưu"),
        Lang::En => format!("session {id} ({member}): disconnected, attempt saved"),
    }
}

/// The console's title.
pub fn console_title(lang: Lang) -> &'static str {
    lang.pick("Phòng thi union-quiz", "union-quiz room")
}

/// Before the lines members type.
pub fn join_lines_label(lang: Lang) -> &'static str {
    lang.pick("Học viên gõ:", "Members type:")
}

/// When no LAN address was found.
pub fn no_lan_address(lang: Lang) -> &'static str {
    lang.pick(
        "(không thấy địa chỉ mạng LAN: kiểm tra dây mạng hoặc Wi-Fi)",
        "(no LAN address found: check the cable or Wi-Fi)",
    )
}

/// The room password line.
pub fn password_line(lang: Lang, password: &str) -> String {
    match lang {
        Lang::Vi => format!("Mật khẩu phòng: {password}"),
        Lang::En => format!("Room password: {password}"),
    }
}

/// Shown with `--open`, in words (not colour alone).
pub fn open_warning(lang: Lang) -> &'static str {
    lang.pick(
        "CẢNH BÁO: phòng mở, không cần mật khẩu: ai trong mạng cũng vào được.",
        "WARNING: open room, no password: anyone on the network can join.",
    )
}

/// The host key's fingerprint line.
pub fn fingerprint_line(lang: Lang, fingerprint: &str) -> String {
    match lang {
        Lang::Vi => format!("Vân tay khoá máy chủ: {fingerprint}"),
        Lang::En => format!("Host key fingerprint: {fingerprint}"),
    }
}

/// The counts line: sessions connected and rows written.
pub fn counts_line(lang: Lang, active: usize, max: usize, rows: u64, results: &Path) -> String {
    let results = results.display();
    match lang {
        Lang::Vi => format!("Đang kết nối: {active}/{max}   Đã ghi {rows} dòng vào {results}"),
        Lang::En => format!("Connected: {active}/{max}   {rows} rows written to {results}"),
    }
}

/// The sessions table's column titles.
pub fn session_columns(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Vi => [
            "Học viên",
            "Công đoàn cơ sở",
            "Bộ đề",
            "Câu",
            "Còn lại",
            "Trạng thái",
        ],
        Lang::En => [
            "Member",
            "Grassroots union",
            "Bank",
            "Question",
            "Left",
            "State",
        ],
    }
}

/// A session's stage, in words.
pub fn stage(lang: Lang, stage: crate::serve::seats::Stage) -> &'static str {
    use crate::serve::seats::Stage as S;
    match stage {
        S::Start => lang.pick("mới vào", "starting"),
        S::Identity => lang.pick("nhập thông tin", "identity"),
        S::Instructions => lang.pick("đọc hướng dẫn", "instructions"),
        S::Quiz => lang.pick("đang làm bài", "quiz"),
        S::Submitted => lang.pick("đã nộp", "submitted"),
        S::Disconnected => lang.pick("mất kết nối", "disconnected"),
        S::Ended => lang.pick("đã xong", "done"),
    }
}

/// The console's footer.
pub fn console_footer(lang: Lang) -> &'static str {
    lang.pick(
        "q: đóng phòng   ←/→: đổi bộ đề trên bảng xếp hạng",
        "q: close the room   ←/→: switch the leaderboard's bank",
    )
}

/// Asked before the room closes.
pub fn quit_confirm(lang: Lang, active: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Đóng phòng thi? {active} học viên đang kết nối: bài đang làm được lưu và họ được báo trước khi ngắt. Nhấn y để đóng, phím khác để ở lại."
        ),
        Lang::En => format!(
            "Close the room? {active} members are connected: open attempts are saved and each is told before the connection closes. Press y to close, any other key to stay."
        ),
    }
}

/// Printed after the console closes.
pub fn closed_summary(lang: Lang, rows: u64, results: &Path) -> String {
    let results = results.display();
    match lang {
        Lang::Vi => format!("Đã đóng phòng thi. {rows} dòng đã ghi vào {results}."),
        Lang::En => format!("The room is closed. {rows} rows written to {results}."),
    }
}

/// The recent log's title.
pub fn log_title(lang: Lang) -> &'static str {
    lang.pick("Nhật ký", "Log")
}

/// The host key could not be read or made.
pub fn host_key_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "lỗi: khoá máy chủ: {detail}\n(xoá tệp này để tạo khoá mới; học viên đã kết nối trước đây sẽ được ssh cảnh báo đổi khoá)"
        ),
        Lang::En => format!(
            "error: host key: {detail}\n(delete this file to make a new key; members who connected before will see ssh warn of a changed key)"
        ),
    }
}

/// The host key file was readable by others and was made private.
pub fn host_key_tightened(lang: Lang, path: &Path) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => {
            format!("khoá máy chủ {path} đã bị người khác đọc được; đã đặt lại chỉ chủ sở hữu đọc")
        }
        Lang::En => {
            format!("host key {path} was readable by others; it is now readable by its owner only")
        }
    }
}

/// A new host key was made.
pub fn host_key_created(lang: Lang, path: &Path) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("đã tạo khoá máy chủ mới: {path}"),
        Lang::En => format!("made a new host key: {path}"),
    }
}

/// The listening address could not be taken.
pub fn listen_error(lang: Lang, addr: &str, detail: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "lỗi: không mở được cổng {addr}: {detail}\n(có thể một phòng thi khác đang chạy; thử --listen 0.0.0.0:2223)"
        ),
        Lang::En => format!(
            "error: cannot listen on {addr}: {detail}\n(another room may be running; try --listen 0.0.0.0:2223)"
        ),
    }
}

/// `--listen` is not ADDR:PORT.
pub fn bad_listen(lang: Lang, value: &str) -> String {
    match lang {
        Lang::Vi => format!("lỗi: --listen {value:?}: cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 0.0.0.0:2222"),
        Lang::En => format!("error: --listen {value:?}: expected ADDR:PORT, e.g. 0.0.0.0:2222"),
    }
}

/// The console needs a terminal.
pub fn no_console(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("lỗi: không mở được màn hình điều khiển: {detail}"),
        Lang::En => format!("error: cannot open the console: {detail}"),
    }
}
