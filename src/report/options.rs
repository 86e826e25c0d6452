//! What every renderer is given: the options of the output.

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Colours in the terminal table.
    pub color: bool,
    /// Terminal width for tables, if known.
    pub width: Option<u16>,
    /// A generation time to print; none by default so that output is deterministic.
    pub timestamp: Option<String>,
}

/// The obligation statuses in the order reports group them.
pub const STATUS_ORDER: [&str; 4] = ["applies", "transition", "upcoming", "undetermined"];
