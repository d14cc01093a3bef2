//! Text handling for a console whose normal case is Chinese.
//!
//! Everything that measures, cuts, cleans, numbers or searches text lives
//! here so the rest of the program never counts bytes or chars for layout,
//! never prints untrusted text raw, and filters lists the same way
//! everywhere.

pub mod ambiguous;
pub mod cn_num;
pub mod pinyin_match;
pub mod sanitize;
pub mod sheet;
pub mod width;
pub mod wrap;
