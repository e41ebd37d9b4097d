//! Running statistics with flat memory: Welford moments (mergeable, so
//! per-thread accumulators can be combined) and fixed-size histograms.

/// Count, mean and spread of a stream of numbers, in O(1) memory.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    /// Sum of squared differences from the mean (Welford's M2).
    m2: f64,
}

impl Moments {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Combines two streams (Chan et al.), as if every value had been pushed here.
    pub fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *o;
            return;
        }
        let n = self.n + o.n;
        let d = o.mean - self.mean;
        self.mean += d * o.n as f64 / n as f64;
        self.m2 += o.m2 + d * d * (self.n as f64 * o.n as f64 / n as f64);
        self.n = n;
    }

    /// Population standard deviation: the spread of this room, not an
    /// estimate for some larger population. `None` with no values.
    pub fn stdev(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.m2 / self.n as f64).max(0.0).sqrt())
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then_some(self.mean)
    }
}

/// Bins of a 0–100 fit at 0.1 resolution. Reports round fits to one
/// decimal, so the median read from these bins is exact, in flat memory.
pub const FIT_BINS: usize = 1001;

/// A histogram of 0–100 values in tenths (bin `i` holds the value `i / 10`).
#[derive(Debug, Clone, PartialEq)]
pub struct TenthHistogram(Vec<u64>);

impl Default for TenthHistogram {
    fn default() -> Self {
        TenthHistogram(vec![0; FIT_BINS])
    }
}

impl TenthHistogram {
    /// Adds a value already known to be within 0–100.
    pub fn push(&mut self, x: f64) {
        let i = (x * 10.0).round().clamp(0.0, (FIT_BINS - 1) as f64) as usize;
        self.0[i] += 1;
    }

    pub fn merge(&mut self, o: &TenthHistogram) {
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a += b;
        }
    }

    /// How many values fell in each tenth, from 0.0 to 100.0 (for charts).
    pub fn bins(&self) -> &[u64] {
        &self.0
    }

    /// The median (mean of the two middle values for an even count).
    pub fn median(&self) -> Option<f64> {
        let n: u64 = self.0.iter().sum();
        if n == 0 {
            return None;
        }
        let lo = self.kth((n - 1) / 2);
        let hi = self.kth(n / 2);
        Some((lo + hi) as f64 / 20.0)
    }

    /// The bin of the `k`-th smallest value (0-based).
    fn kth(&self, k: u64) -> usize {
        let mut seen = 0;
        for (i, c) in self.0.iter().enumerate() {
            seen += c;
            if seen > k {
                return i;
            }
        }
        FIT_BINS - 1
    }
}

/// Bins of a dimension score's distribution: 0–10, 10–20, …, 90–100.
pub const DIM_BINS: usize = 10;

/// The decile a 0–100 score falls in (100 belongs to the last one).
pub fn decile(x: f64) -> usize {
    ((x / 10.0).floor().max(0.0) as usize).min(DIM_BINS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_match_the_textbook_and_merge() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let mut all = Moments::default();
        for &x in &xs {
            all.push(x);
        }
        assert_eq!(all.mean(), Some(5.0));
        assert!((all.stdev().unwrap() - 2.0).abs() < 1e-12);
        let (mut a, mut b) = (Moments::default(), Moments::default());
        for &x in &xs[..3] {
            a.push(x);
        }
        for &x in &xs[3..] {
            b.push(x);
        }
        a.merge(&b);
        assert_eq!(a.n, 8);
        assert!((a.mean - 5.0).abs() < 1e-12);
        assert!((a.stdev().unwrap() - 2.0).abs() < 1e-12);
        assert_eq!(Moments::default().stdev(), None);
    }

    #[test]
    fn medians_are_exact_in_tenths() {
        let mut h = TenthHistogram::default();
        assert_eq!(h.median(), None);
        for x in [10.1, 0.0, 100.0] {
            h.push(x);
        }
        assert_eq!(h.median(), Some(10.1));
        h.push(55.5);
        assert_eq!(h.median(), Some(f64::midpoint(10.1, 55.5)));
    }

    #[test]
    fn deciles() {
        assert_eq!(decile(0.0), 0);
        assert_eq!(decile(9.9), 0);
        assert_eq!(decile(10.0), 1);
        assert_eq!(decile(100.0), 9);
    }
}
