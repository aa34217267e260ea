//! Reads `/proc/<pid>/smaps_rollup`: Pss is the only figure that splits shared pages fairly
//! between the master and its forked workers (Rss counts every shared page in full).

use std::{fs, io};

/// The smaps_rollup fields the experiment reports, in kB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SmapsRollup {
    pub rss_kb: u64,
    pub pss_kb: u64,
    pub shared_clean_kb: u64,
    pub shared_dirty_kb: u64,
    pub private_dirty_kb: u64,
}

impl SmapsRollup {
    pub fn read(pid: u32) -> io::Result<SmapsRollup> {
        Ok(SmapsRollup::parse(&fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?))
    }

    pub fn parse(text: &str) -> SmapsRollup {
        let mut rollup = SmapsRollup::default();
        for line in text.lines() {
            let mut fields = line.split_whitespace();
            let (Some(name), Some(value)) = (fields.next(), fields.next()) else { continue };
            let Ok(kb) = value.parse::<u64>() else { continue };
            match name {
                "Rss:" => rollup.rss_kb = kb,
                "Pss:" => rollup.pss_kb = kb,
                "Shared_Clean:" => rollup.shared_clean_kb = kb,
                "Shared_Dirty:" => rollup.shared_dirty_kb = kb,
                "Private_Dirty:" => rollup.private_dirty_kb = kb,
                _ => {}
            }
        }
        rollup
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernel_format() {
        let text = "55d0c0a3e000-7ffd9a1d1000 ---p 00000000 00:00 0                          [rollup]\n\
                    Rss:              331492 kB\nPss:               83172 kB\nPss_Anon:          80412 kB\n\
                    Shared_Clean:       3600 kB\nShared_Dirty:     327608 kB\nPrivate_Clean:         0 kB\n\
                    Private_Dirty:       284 kB\n";
        let rollup = SmapsRollup::parse(text);
        assert_eq!(
            rollup,
            SmapsRollup {
                rss_kb: 331492,
                pss_kb: 83172,
                shared_clean_kb: 3600,
                shared_dirty_kb: 327608,
                private_dirty_kb: 284
            }
        );
    }

    #[test]
    fn reads_this_process() {
        assert!(SmapsRollup::read(std::process::id()).unwrap().pss_kb > 0);
    }
}
