//! Timing without a framework: warm up, take samples, report the median
//! and the spread (10th and 90th percentiles, the 99th where there are
//! enough samples, the extremes), one line per measurement, in a fixed
//! layout that docs/performance.md quotes.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Samples of one measurement, sorted.
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn new(mut v: Vec<Duration>) -> Samples {
        v.sort();
        Samples(v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The `p`-th percentile (nearest rank).
    pub fn pct(&self, p: f64) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }

    pub fn median(&self) -> Duration {
        self.pct(50.0)
    }

    pub fn max(&self) -> Duration {
        self.0.last().copied().unwrap_or_default()
    }

    pub fn min(&self) -> Duration {
        self.0.first().copied().unwrap_or_default()
    }
}

/// Runs `f` `warmup` times unmeasured, then `n` times measured.
pub fn measure(warmup: usize, n: usize, mut f: impl FnMut()) -> Samples {
    for _ in 0..warmup {
        f();
    }
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f();
        v.push(t.elapsed());
    }
    Samples::new(v)
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else if ms >= 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.2}")
    }
}

/// `name  size  median ms  p10 p90 [p99] max  (n)`.
pub fn report(name: &str, size: &str, s: &Samples) {
    let p99 = if s.len() >= 100 {
        format!(" p99 {}", ms(s.pct(99.0)))
    } else {
        String::new()
    };
    println!(
        "{name:<44} {size:>5}  median {:>7} ms  p10 {} p90 {}{p99} max {}  (n={})",
        ms(s.median()),
        ms(s.pct(10.0)),
        ms(s.pct(90.0)),
        ms(s.max()),
        s.len()
    );
}

/// A heading for a group of lines.
pub fn heading(what: &str) {
    println!("\n## {what}");
}
