//! Procurement: a buyer's policy file (`aiact-policy.toml`), loaded with spans and validated
//! against the rule pack, and the evaluation of a vendor's answers and evidence against the law
//! and that policy (`aiact check`). See docs/procurement.md for the format and every `P`/`C`
//! diagnostic code.

mod eval;
pub mod junit;
mod load;
pub mod render;
pub mod sarif;
mod terms;
mod view;

pub use eval::*;
pub use load::{POLICY_KEYS, load_policy};
pub use terms::*;
pub use view::*;
