//! Messages (what happened) and effects (what the runtime must do).

/// Everything that can change the model. Keys are turned into messages by
/// [`super::keys::message_for`], so `update` never sees raw key codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Up,
    Down,
    /// A digit key: choose option `n` (1-based) without moving on.
    Choose(usize),
    /// Enter, → or `l`.
    Confirm,
    /// ←, `h` or Backspace.
    Back,
    Skip,
    /// Edit the highlighted question on the Review screen.
    Edit,
    PageUp,
    PageDown,
    Home,
    End,
    ToggleHelp,
    /// Any other key while an overlay (help, card, QR) is open: close it.
    Dismiss,
    /// `q`, Esc or Ctrl-C: quit, asking first when answers would be lost.
    Quit,
    /// `y` in a confirmation.
    Yes,
    /// `n` in a confirmation (also: start over instead of resuming).
    No,
    Copy,
    ViewCard,
    Write,
    /// `W`: ask for another folder to save into.
    WriteTo,
    /// A character typed into the save prompt.
    Type(char),
    /// Backspace in the save prompt.
    Erase,
    ShowQr,
    Resize(u16, u16),
    /// The runtime reports how an effect went (shown in the footer).
    Status(String),
}

/// Work with side effects that `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answers changed: save progress atomically.
    SaveProgress,
    /// The person started over or finished: the progress file is no longer needed.
    ClearProgress,
    /// A result was shown for the first time: keep it in history / submit it.
    Finished,
    /// Send this text to the clipboard (OSC 52).
    Copy(String),
    /// Write the result as JSON and Markdown files and the card as SVG and PNG, into this folder or
    /// the session's default save folder.
    WriteResult(Option<std::path::PathBuf>),
    /// Leave the app.
    Quit,
}
