//! Colours, or none: with `NO_COLOR` set every style keeps only bold,
//! reverse and underline, so states stay visible on any terminal.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the quiz screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used.
    pub color: bool,
}

impl Theme {
    /// A theme with or without colours.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    /// Whether `NO_COLOR` asks for no colour (any non-empty value, per
    /// no-color.org).
    pub fn color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    fn fg(&self, base: Style, color: Color) -> Style {
        if self.color { base.fg(color) } else { base }
    }

    /// Titles and the header.
    pub fn title(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Secondary text: hints, legend.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray)
        } else {
            Style::new()
        }
    }

    /// The highlighted entry (choice, bank, field).
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A chosen choice.
    pub fn chosen(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    /// Right answers, "Đạt", saved.
    pub fn good(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    /// Wrong answers, "Chưa đạt", errors.
    pub fn bad(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// The countdown in its last minutes.
    pub fn warning(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::LightRed)
    }

    /// The countdown gauge.
    pub fn gauge(&self, warning: bool) -> Style {
        match (self.color, warning) {
            (false, _) => Style::new(),
            (true, false) => Style::new().fg(Color::Cyan),
            (true, true) => Style::new().fg(Color::LightRed),
        }
    }

    /// A flagged question in the strip.
    pub fn flagged(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// The keys in the footer.
    pub fn footer(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new()
        }
    }
}
