//! The classical test theory figures of one scale, from its item scores.
//!
//! Everything is computed from centred sums in two passes (means first,
//! then products of deviations), so a scale of a hundred thousand sheets
//! loses no precision to large raw sums. docs/analysis.md has the formulas.

use statrs::distribution::{ContinuousCDF, FisherSnedecor, Normal};

/// Sample covariances of a scale: each item's variance, each item's
/// covariance with the total, and the total's variance (`n − 1` in the
/// denominator; the ratios below do not depend on it).
#[derive(Debug, Clone, PartialEq)]
pub struct Moments {
    pub n: usize,
    pub means: Vec<f64>,
    pub var: Vec<f64>,
    pub cov_total: Vec<f64>,
    pub var_total: f64,
    pub mean_total: f64,
}

/// Variances below this count as none: item scores are multiples of a
/// weight, and rounding in sums of them never comes near it.
const NONE: f64 = 1e-12;

impl Moments {
    /// The moments of `rows` (each a sheet's item scores, all the same
    /// length). `rows` is walked twice.
    pub fn of<'a, I>(rows: I, k: usize) -> Moments
    where
        I: Iterator<Item = &'a [f64]> + Clone,
    {
        let mut n = 0usize;
        let mut sums = vec![0.0; k];
        for r in rows.clone() {
            n += 1;
            for (s, x) in sums.iter_mut().zip(r) {
                *s += x;
            }
        }
        let nf = n.max(1) as f64;
        let means: Vec<f64> = sums.iter().map(|s| s / nf).collect();
        let (mut var, mut cov) = (vec![0.0; k], vec![0.0; k]);
        let mut var_total = 0.0;
        for r in rows {
            let dev: Vec<f64> = r.iter().zip(&means).map(|(x, m)| x - m).collect();
            let t: f64 = dev.iter().sum();
            var_total += t * t;
            for ((v, c), d) in var.iter_mut().zip(cov.iter_mut()).zip(&dev) {
                *v += d * d;
                *c += d * t;
            }
        }
        let df = n.saturating_sub(1).max(1) as f64;
        for x in var.iter_mut().chain(cov.iter_mut()) {
            *x /= df;
        }
        Moments {
            n,
            mean_total: means.iter().sum(),
            means,
            var,
            cov_total: cov,
            var_total: var_total / df,
        }
    }

    pub fn k(&self) -> usize {
        self.var.len()
    }

    /// Cronbach's alpha, `k/(k−1) · (1 − Σ var_i / var_T)`; `None` with
    /// fewer than two items or a total that does not vary.
    pub fn alpha(&self) -> Option<f64> {
        alpha(self.k(), self.var.iter().sum(), self.var_total)
    }

    /// Item `j`'s correlation with the total of the *other* items (the
    /// "corrected" item–total correlation: an item is not correlated with
    /// itself); `None` when either does not vary.
    pub fn item_rest(&self, j: usize) -> Option<f64> {
        let vj = self.var[j];
        let cov = self.cov_total[j] - vj;
        let rest = self.rest_var(j);
        (vj > NONE && rest > NONE).then(|| (cov / (vj * rest).sqrt()).clamp(-1.0, 1.0))
    }

    /// Alpha of the scale without item `j`; `None` when fewer than two
    /// items would be left or the rest does not vary.
    pub fn alpha_without(&self, j: usize) -> Option<f64> {
        let items: f64 = self.var.iter().sum::<f64>() - self.var[j];
        alpha(self.k().saturating_sub(1), items, self.rest_var(j))
    }

    /// Variance of the total without item `j`:
    /// `var_T − 2 cov(x_j, T) + var_j`.
    fn rest_var(&self, j: usize) -> f64 {
        self.var_total - 2.0 * self.cov_total[j] + self.var[j]
    }
}

fn alpha(k: usize, items: f64, total: f64) -> Option<f64> {
    if k < 2 || total <= NONE {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - items / total))
}

/// Feldt's (1965) interval for alpha at `level` (e.g. 0.95): with `n`
/// sheets and `k` items, `(1 − α)/(1 − α̂)` follows an F distribution with
/// `n − 1` and `(n − 1)(k − 1)` degrees of freedom, so
/// `α ∈ [1 − (1 − α̂) F(1 − γ/2), 1 − (1 − α̂) F(γ/2)]` with `γ = 1 − level`.
/// `None` when the distribution is not defined (fewer than 2 sheets or items).
pub fn feldt(alpha: f64, n: usize, k: usize, level: f64) -> Option<(f64, f64)> {
    if n < 2 || k < 2 {
        return None;
    }
    let df1 = (n - 1) as f64;
    let df2 = df1 * (k - 1) as f64;
    let f = FisherSnedecor::new(df1, df2).ok()?;
    let g = (1.0 - level) / 2.0;
    let (hi_q, lo_q) = (f.inverse_cdf(1.0 - g), f.inverse_cdf(g));
    let lo = 1.0 - (1.0 - alpha) * hi_q;
    let hi = 1.0 - (1.0 - alpha) * lo_q;
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

/// Pearson's correlation of pairs; `None` when either side does not vary.
pub fn pearson(xy: &[(f64, f64)]) -> Option<f64> {
    let n = xy.len() as f64;
    if xy.len() < 2 {
        return None;
    }
    let mx = xy.iter().map(|p| p.0).sum::<f64>() / n;
    let my = xy.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (x, y) in xy {
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
        sxy += (x - mx) * (y - my);
    }
    (sxx > NONE && syy > NONE).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// The Fisher-z interval of a correlation `r` over `n` pairs at `level`:
/// `tanh(atanh r ± z(1 − γ/2) / √(n − 3))`. `None` below 4 pairs.
pub fn fisher(r: f64, n: usize, level: f64) -> Option<(f64, f64)> {
    if n < 4 {
        return None;
    }
    let z = Normal::standard().inverse_cdf(1.0 - (1.0 - level) / 2.0);
    let half = z / ((n - 3) as f64).sqrt();
    // atanh(±1) is infinite; nudged inside so the bounds stay ±1.
    let c = r.clamp(-1.0 + 1e-15, 1.0 - 1e-15).atanh();
    Some(((c - half).tanh(), (c + half).tanh()))
}

/// Mean and sample standard deviation.
pub fn mean_sd(xs: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = xs.clone().count();
    if n == 0 {
        return (0.0, 0.0);
    }
    let m = xs.clone().sum::<f64>() / n as f64;
    let ss: f64 = xs.map(|x| (x - m) * (x - m)).sum();
    (m, (ss / n.saturating_sub(1).max(1) as f64).sqrt())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Six people, three items on 1–5. The expected numbers were computed
    /// independently, by a plain Python script of the textbook formulas
    /// (item and total variances, alpha, item–rest correlations, alpha of
    /// the other two items), and pasted here.
    const ROWS: [[f64; 3]; 6] = [
        [4.0, 5.0, 4.0],
        [2.0, 3.0, 2.0],
        [5.0, 4.0, 5.0],
        [3.0, 3.0, 2.0],
        [1.0, 2.0, 2.0],
        [4.0, 3.0, 4.0],
    ];

    fn m() -> Moments {
        Moments::of(ROWS.iter().map(|r| &r[..]), 3)
    }

    fn near(got: Option<f64>, want: f64) {
        let got = got.unwrap();
        assert!((got - want).abs() < 1e-9, "{got} != {want}");
    }

    #[test]
    fn the_worked_example() {
        let m = m();
        near(Some(m.var[0]), 2.166_666_666_666_667);
        near(Some(m.var[1]), 1.066_666_666_666_666_7);
        near(Some(m.var[2]), 1.766_666_666_666_666_8);
        near(Some(m.var_total), 12.666_666_666_666_666);
        near(Some(m.mean_total), 9.666_666_666_666_666);
        near(m.alpha(), 0.907_894_736_842_105_3);
        near(m.item_rest(0), 0.908_767_983_115_516);
        near(m.item_rest(1), 0.732_306_166_455_377_8);
        near(m.item_rest(2), 0.866_173_937_428_234_7);
        near(m.alpha_without(0), 0.794_326_241_134_751_8);
        near(m.alpha_without(1), 0.946_428_571_428_571_4);
        near(m.alpha_without(2), 0.824_242_424_242_424_2);
        // Feldt's interval from F quantiles found by bisection on a
        // continued-fraction incomplete beta (the same script).
        let (lo, hi) = feldt(m.alpha().unwrap(), 6, 3, 0.95).unwrap();
        assert!((lo - 0.609_834_214_772).abs() < 1e-6, "{lo}");
        assert!((hi - 0.986_085_040_694_6).abs() < 1e-6, "{hi}");
    }

    #[test]
    fn undefined_figures_are_none() {
        let same = [[3.0, 3.0], [3.0, 3.0], [3.0, 3.0]];
        let m = Moments::of(same.iter().map(|r| &r[..]), 2);
        assert_eq!(m.alpha(), None);
        assert_eq!(m.item_rest(0), None);
        let one = [[1.0], [2.0], [3.0]];
        let m = Moments::of(one.iter().map(|r| &r[..]), 1);
        assert_eq!(m.alpha(), None);
        assert_eq!(feldt(0.8, 1, 5, 0.95), None);
        assert_eq!(pearson(&[(1.0, 2.0), (1.0, 3.0)]), None);
        assert_eq!(fisher(0.5, 3, 0.95), None);
    }

    #[test]
    fn feldt_brackets_alpha_and_narrows_with_more_sheets() {
        let (lo, hi) = feldt(0.8, 100, 10, 0.95).unwrap();
        assert!(lo < 0.8 && 0.8 < hi, "{lo} {hi}");
        let (lo2, hi2) = feldt(0.8, 1000, 10, 0.95).unwrap();
        assert!(hi2 - lo2 < hi - lo);
        // The same script: 0.736048 to 0.853692.
        assert!(
            (lo - 0.736_048_459).abs() < 1e-6 && (hi - 0.853_691_819).abs() < 1e-6,
            "{lo} {hi}"
        );
    }

    #[test]
    fn fisher_interval() {
        // r = 0.5, n = 103: tanh(atanh 0.5 ± 1.959964 / 10).
        let (lo, hi) = fisher(0.5, 103, 0.95).unwrap();
        assert!(
            (lo - 0.339_307_522).abs() < 1e-8 && (hi - 0.632_338_150).abs() < 1e-8,
            "{lo} {hi}"
        );
    }
}
