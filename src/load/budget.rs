//! A per-file budget on decoded text. serde_yaml expands aliases every time they
//! are used, so a 240 KB file can decode to gigabytes; every string is charged
//! here before it is allocated, so the bomb fails early instead.

use std::cell::Cell;

/// What one string costs beyond its bytes, so that a bomb of empty strings
/// is caught too.
const PER_STRING: usize = 16;

thread_local! {
    static REMAINING: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The budget a file of `len` bytes gets: generous for any honest file, whose
/// decoded text is never much larger than the file.
pub fn for_file(len: usize) -> usize {
    len.saturating_mul(4).max(1 << 20)
}

/// Runs `f` with `budget` bytes of text to spend on this thread.
pub fn with_budget<T>(budget: usize, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<usize>);
    impl Drop for Restore {
        fn drop(&mut self) {
            REMAINING.with(|r| r.set(self.0));
        }
    }
    let _restore = Restore(REMAINING.with(|r| r.replace(Some(budget))));
    f()
}

/// Charges `len` bytes; `false` when the budget is spent. Without a budget set
/// (text decoded outside a file load), everything is allowed.
pub fn charge(len: usize) -> bool {
    REMAINING.with(|r| match r.get() {
        None => true,
        Some(left) => {
            let cost = len.saturating_add(PER_STRING);
            r.set(Some(left.saturating_sub(cost)));
            cost <= left
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_is_spent_and_restored() {
        assert!(charge(usize::MAX / 2), "no budget outside with_budget");
        with_budget(100, || {
            assert!(charge(50));
            assert!(!charge(50));
            assert!(!charge(0));
        });
        assert!(charge(1_000_000));
    }
}
